"""Analysis pages: basing matrix, corridor routes (with the --avoid what-if), spillover, conflicts.

An analysis that fails for its input (an unknown country) or is not installed shows its
error in place, so the rest of the page still works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from crossroads.web.api.analyze import basing_data, corridors_data, spillover_data
from crossroads.web.api.params import MAX_OFFSET
from crossroads.web.data import analyses
from crossroads.web.data import facts as facts_data
from crossroads.web.data.records import Lookup
from crossroads.web.deps import pack_for, store_for
from crossroads.web.errors import ApiError
from crossroads.web.views.render import render

router = APIRouter(include_in_schema=False)


def _attempt(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    try:
        return {"result": fn(*args), "error": None}
    except ApiError as exc:
        return {
            "result": None,
            "error": {"status": exc.status, "error": exc.error, "param": exc.param},
        }


@router.get("/analyses")
@router.get("/analyses.json")
def index(request: Request) -> Response:
    data = {"available": analyses.available()}
    return render(request, "analyses.html", data, title="Analyses")


@router.get("/analyses/basing")
@router.get("/analyses/basing.json")
def basing(
    request: Request, power: str = "United States", hosts: str = "Central Asia,Pakistan"
) -> Response:
    data = {"power": power, "hosts": hosts, **_attempt(basing_data, request, power, hosts)}
    return render(request, "analysis_basing.html", data, title="Basing options")


@router.get("/analyses/corridors")
@router.get("/analyses/corridors.json")
def corridors(
    request: Request,
    from_: str | None = Query(None, alias="from"),
    origin: str | None = None,
    avoid: str = "",
) -> Response:
    origin = from_ or origin or "Kazakhstan"  # 'origin=' kept for old links; the API says 'from='
    data = {"origin": origin, "avoid": avoid, **_attempt(corridors_data, request, origin, avoid)}
    return render(request, "analysis_corridors.html", data, title="Corridor access")


@router.get("/analyses/spillover")
@router.get("/analyses/spillover.json")
def spillover(request: Request, country: str = "Tajikistan") -> Response:
    data = {"country": country, **_attempt(spillover_data, request, country)}
    return render(request, "analysis_spillover.html", data, title="Spillover exposure")


@router.get("/analyses/conflicts")
@router.get("/analyses/conflicts.json")
def conflicts(
    request: Request,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=500),
) -> Response:
    """One page of the store's conflicts (50 by default), the rest a pager away."""
    with store_for(request) as store:
        pack = pack_for(request)
        found = facts_data.conflicts_page(store, pack, Lookup(store, pack), None, limit, offset)
    items, total = found or ([], 0)
    data = {
        "available": found is not None,
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
    }
    return render(request, "analysis_conflicts.html", data, title="Conflicts")
