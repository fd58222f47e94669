"""What every endpoint needs: the store, the pack, and checked query parameters.

A store is opened per request inside the (sync) endpoint, so a SQLite connection never
crosses threads; opening one is cheap next to the queries that follow.
"""
from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from typing import Iterator

from fastapi import Request

from crossroads.exc import PackError
from crossroads.store.base import Store
from crossroads.web.errors import bad_param

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@contextmanager
def store_for(request: Request) -> Iterator[Store]:
    from crossroads.store import open_store
    store = open_store(request.app.state.store_url)
    try:
        yield store
    finally:
        store.close()


def pack_for(request: Request):
    """The knowledge pack the app was made with, else the bundled one (None if unreadable)."""
    state = request.app.state
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


def page(items: list, limit: int, offset: int, **extra) -> dict:
    """The paginated envelope every list endpoint returns."""
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset:offset + limit], **extra}


def choice(param: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    if value not in allowed:
        raise bad_param(param, f"{param}: unknown value {value!r} (one of: {', '.join(allowed)})")
    return value
