"""GET /api/entities and /api/entities/{id} (the entity's profile)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from crossroads.exc import NotFound
from crossroads.model import ENTITY_TYPES, Entity
from crossroads.web.api.params import Limit, Offset
from crossroads.web.data.entities import PROFILE_LIMIT, PROFILE_MAX, profile, resolve
from crossroads.web.data.facts import MODES
from crossroads.web.data.records import Lookup, entity_summary
from crossroads.web.deps import choice, pack_for, store_for
from crossroads.web.errors import ERROR_RESPONSES, not_found

router = APIRouter(prefix="/api", tags=["entities"], responses=ERROR_RESPONSES)


def entities_data(
    request: Request, type: str | None, doc: str | None, q: str | None, limit: int, offset: int
) -> dict[str, Any]:
    type = choice("type", type, ENTITY_TYPES)
    with store_for(request) as store:
        rows: list[tuple[Entity, int | None]]
        if q:
            rows = [
                (e, None) for e in store.find_entities(q, limit=500) if not type or e.type == type
            ]
        else:
            rows = list(store.entities(type=type, doc=doc))
        items = [entity_summary(e, n) for e, n in rows[offset : offset + limit]]
        return {
            "total": len(rows),
            "limit": limit,
            "offset": offset,
            "type": type,
            "q": q,
            "items": items,
        }


@router.get("/entities", summary="Entities, most mentioned first")
def entities(
    request: Request,
    type: str | None = Query(None, description="One of " + ", ".join(ENTITY_TYPES)),
    doc: str | None = Query(None, description="Only entities mentioned in this document."),
    q: str | None = Query(None, description="Name or alias to match."),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    return entities_data(request, type, doc, q, limit, offset)


def profile_data(
    request: Request,
    entity_id: str,
    mode: str | None = None,
    limit: int = PROFILE_LIMIT,
    offset: int = 0,
) -> dict[str, Any]:
    mode = choice("mode", mode, MODES)
    with store_for(request) as store:
        pack = pack_for(request)
        try:
            ent = resolve(store, pack, entity_id)
        except NotFound:
            raise not_found(f"no entity {entity_id!r} in the store", "entity_id") from None
        return profile(store, pack, Lookup(store, pack), ent, mode, limit, offset)


@router.get("/entities/{entity_id:path}", summary="An entity's profile")
def entity(
    request: Request,
    entity_id: str,
    mode: str | None = Query(
        None,
        description="Facts from the reporting (`reported`, "
        "the default when there are any), the "
        "pack (`pack`) or `both`.",
    ),
    limit: int = Query(
        PROFILE_LIMIT,
        ge=1,
        le=PROFILE_MAX,
        description=f"Most facts, events, quotes and documents of each (1-{PROFILE_MAX}).",
    ),
    offset: int = Offset,
) -> dict[str, Any]:
    """Type, aliases, pack data, facts grouped by predicate (each with its evidence sentences,
    source count and credibility), quotes by and about, events, documents, conflicts.
    ``entity_id`` may also be a name ("Tajikistan"). Paged: ``totals`` counts each list,
    ``next_offset`` is the next page's offset (null on the last page)."""
    return profile_data(request, entity_id, mode, limit, offset)
