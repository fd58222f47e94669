"""GET /api/search and /api/stats."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request

from crossroads.web.api.params import Limit, Offset
from crossroads.web.data import analyses
from crossroads.web.data import search as search_data
from crossroads.web.data.records import Lookup
from crossroads.web.deps import pack_for, store_for
from crossroads.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["search"], responses=ERROR_RESPONSES)


@router.get("/search", summary="Search documents, entities and facts together")
def search(request: Request, q: str = Query(..., min_length=1, description="Words to find."),
           limit: int = Limit, offset: int = Offset) -> dict:
    """Documents by full-text rank, entities by name or alias, and the facts of the best
    matching entities; each group paginated on its own (``total`` counts up to 200)."""
    with store_for(request) as store:
        pack = pack_for(request)
        return search_data.search(store, pack, Lookup(store, pack), q, limit, offset)


@router.get("/stats", summary="What the store holds")
def stats(request: Request) -> dict:
    with store_for(request) as store:
        counts = store.stats()
    return {"counts": counts, "write": request.app.state.write,
            "analyses": analyses.available()}
