"""GET /api/search and /api/stats."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from crossroads.web.api.params import Limit, Offset
from crossroads.web.data import analyses
from crossroads.web.data import search as search_data
from crossroads.web.data.facts import MODES
from crossroads.web.data.records import Lookup
from crossroads.web.deps import choice, pack_for, store_for
from crossroads.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["search"], responses=ERROR_RESPONSES)


@router.get("/search", summary="Search documents, entities and facts together")
def search(
    request: Request,
    q: str = Query(
        ..., min_length=1, description='Words to find: `"a phrase"`, `a OR b`, `-word`, `prefix*`.'
    ),
    year: str | None = Query(None, description="Facet: document year ('undated')."),
    publisher: str | None = Query(None, description="Facet: publisher."),
    grade: str | None = Query(None, description="Facet: source grade A-F."),
    type: str | None = Query(None, description="Facet: entity type."),
    predicate: str | None = Query(None, description="Facet: predicate."),
    event: str | None = Query(None, description="Facet: event type."),
    mode: str | None = Query(
        None, description="Facts from the reporting (`reported`), the pack (`pack`) or `both`."
    ),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Documents by full-text rank, entities by name or alias (the pack's aliases too), and
    the facts of the best matching entities; each group paginated on its own (``total``
    counts up to 200). ``facets`` count the hits by year, publisher, grade, entity type,
    predicate and event type."""
    mode = choice("mode", mode, MODES)
    chosen = {
        "year": year,
        "publisher": publisher,
        "grade": grade,
        "type": type,
        "predicate": predicate,
        "event": event,
    }
    with store_for(request) as store:
        pack = pack_for(request)
        return search_data.search(
            store,
            pack,
            Lookup(store, pack),
            q,
            limit,
            offset,
            {k: v for k, v in chosen.items() if v},
            mode,
        )


@router.get("/stats", summary="What the store holds")
def stats(request: Request) -> dict[str, Any]:
    with store_for(request) as store:
        counts = store.stats()
    return {"counts": counts, "write": request.app.state.write, "analyses": analyses.available()}
