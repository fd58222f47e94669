"""What every endpoint needs: the store, the pack, and checked query parameters.

Stores are kept open between requests in a small pool (a request has one to itself while it
runs): opening one costs a connection and a schema check, which on PostgreSQL is more than a
page's own queries. A store whose database failed is closed, not given back, and an idle one
is checked before it is handed out (a PostgreSQL restart cuts every pooled connection).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Request

from crossroads.exc import PackError, StoreError
from crossroads.store.base import Store
from crossroads.web.errors import bad_param

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class StorePool:
    """Open stores over one URL, reused by one request after another."""

    def __init__(self, url: str, size: int = 8) -> None:
        self.url = url
        self.size = size
        self._idle: list[Store] = []
        self._lock = threading.Lock()

    def take(self) -> Store:
        """An idle store that still answers (one the database dropped, after a server
        restart, is closed and replaced), else a newly opened one."""
        while True:
            with self._lock:
                if not self._idle:
                    break
                store = self._idle.pop()
            if store.alive():
                return store
            store.close()
        from crossroads.store import open_store

        return open_store(self.url)

    def give(self, store: Store) -> None:
        with self._lock:
            if len(self._idle) < self.size:
                self._idle.append(store)
                return
        store.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for store in idle:
            store.close()


@contextmanager
def store_for(request: Request) -> Iterator[Store]:
    pool: StorePool | None = getattr(request.app.state, "stores", None)
    if pool is None:
        from crossroads.store import open_store

        store = open_store(request.app.state.store_url)
        try:
            yield store
        finally:
            store.close()
        return
    store = pool.take()
    try:
        yield store
    except StoreError:
        store.close()  # the connection may be what failed
        raise
    except BaseException:
        pool.give(store)
        raise
    pool.give(store)


def pack_for(request: Request) -> Any:
    """The knowledge pack the app was made with, else the bundled one (None if unreadable)."""
    return app_pack(request.app.state)


def app_pack(state: Any) -> Any:
    """pack_for() of an app's state (the server loads it before its first request)."""
    if state.pack is None and not state.pack_tried:
        state.pack_tried = True
        try:
            from crossroads.pack import load_pack

            state.pack = load_pack()
        except (ImportError, PackError):
            state.pack = None
    return state.pack


def iso_date(param: str, value: str | None) -> str | None:
    """A partial ISO date ('2021', '2021-05', '2021-05-25') or a 400 naming the parameter."""
    if value is None or value == "":
        return None
    m = _ISO.match(value.strip())
    if m:
        y, mo, d = m.groups()
        try:
            dt.date(int(y), int(mo or 1), int(d or 1))
            return value.strip()
        except ValueError:
            pass
    raise bad_param(param, f"{param}: not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


def page(items: list[Any], limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    """The paginated envelope every list endpoint returns; ``next_offset`` is where the next
    page starts (None on the last page)."""
    more = offset + limit < len(items)
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
        "next_offset": offset + limit if more else None,
        **extra,
    }


def choice(param: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    if value not in allowed:
        raise bad_param(param, f"{param}: unknown value {value!r} (one of: {', '.join(allowed)})")
    return value
