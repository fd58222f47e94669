"""Where documents and what was read from them live: open_store() picks the backend by URL.

open_store("crossroads.db")                  SQLite file (created and migrated if needed)
open_store("sqlite:///path/to.db")           the same, as a URL (":memory:" works too)
open_store("postgresql://user@host/db")      PostgreSQL (also "postgres://")
"""

from __future__ import annotations

import os
import re

from crossroads.exc import StoreError
from crossroads.store.base import Store

__all__ = ["Store", "StoreError", "open_store"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def open_store(url_or_path: str | os.PathLike[str]) -> Store:
    """Open (creating and migrating as needed) the store a path or URL names.

    Raises StoreError, in one line, for a bad URL, an unreachable server or an unusable file.
    """
    target = str(url_or_path).strip()
    if not target:
        raise StoreError("no database given: pass a file path, sqlite:///PATH or postgresql://...")
    scheme = _SCHEME.match(target)
    if scheme is None:
        from crossroads.store.sqlite import SQLiteStore

        return SQLiteStore(target)
    name = scheme.group(1).lower()
    if name == "sqlite":
        from crossroads.store.sqlite import SQLiteStore

        return SQLiteStore(target[len("sqlite:///") :] if target.startswith("sqlite:///") else "")
    if name in ("postgresql", "postgres"):
        from crossroads.store.postgres import PostgresStore

        return PostgresStore(target)
    raise StoreError(
        f"unsupported database URL {name}://...: use a file path, "
        "sqlite:///PATH or postgresql://USER@HOST/DB"
    )
