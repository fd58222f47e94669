"""Query parameters shared by the API routers and the pages' JSON twins."""

from __future__ import annotations

from fastapi import Query, Request

from crossroads.exc import NotFound
from crossroads.store.base import Store
from crossroads.web.data.entities import resolve
from crossroads.web.deps import pack_for
from crossroads.web.errors import not_found

MAX_OFFSET = 1_000_000_000
"""Far past any store's end; larger numbers would overflow the databases' 64-bit integers."""

Limit = Query(20, ge=1, le=500, description="Most items to return (1-500).")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="Items to skip, for the next page.")


def entity_param(store: Store, request: Request, param: str, value: str | None) -> str | None:
    """The id of the entity a parameter names (an id or a name), or a 404 naming it."""
    if not value:
        return None
    try:
        return resolve(store, pack_for(request), value).id
    except NotFound:
        raise not_found(f"{param}: no entity {value!r} in the store", param) from None


def csv_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]
