"""GET /api/analyze/basing, /corridors and /spillover: the region's three analyses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Query, Request

from crossroads.exc import NotFound
from crossroads.web.api.params import csv_list
from crossroads.web.data import analyses
from crossroads.web.data.entities import resolve
from crossroads.web.data.records import Lookup
from crossroads.web.deps import pack_for, store_for
from crossroads.web.errors import ERROR_RESPONSES, ApiError, bad_param, not_found
from crossroads.web.memo import Memo, generation

router = APIRouter(prefix="/api/analyze", tags=["analyses"], responses=ERROR_RESPONSES)


def _run(
    request: Request, fn: Callable[..., dict[str, Any]], param: str, *args: object
) -> dict[str, Any]:
    with store_for(request) as store:
        pack = pack_for(request)
        if pack is None:
            raise ApiError(503, "no knowledge pack could be loaded; analyses need one")
        key = (fn.__name__, repr(args), generation(store))
        memo: Memo = request.app.state.memo
        try:
            return memo.get(key, lambda: fn(store, pack, Lookup(store, pack), *args))
        except NotFound as exc:
            raise not_found(f"{param}: {exc}", param) from None


def basing_data(request: Request, power: str, hosts: str) -> dict[str, Any]:
    host_list = csv_list(hosts)
    if not host_list:
        raise bad_param("hosts", "hosts: give at least one country or region")
    return _run(request, analyses.basing, "hosts", power, host_list)


@router.get("/basing", summary="Basing options of a power in candidate host countries")
def basing(
    request: Request,
    power: str = Query(..., min_length=1, description="The foreign power, e.g. United States."),
    hosts: str = Query(
        ..., min_length=1, description="Comma-separated hosts or regions: Central Asia,Pakistan"
    ),
) -> dict[str, Any]:
    """For each host a verdict (open / constrained / closed / unknown) with its reasons, each
    citing the pack entry or evidence sentence it rests on."""
    return basing_data(request, power, hosts)


def corridors_data(request: Request, origin: str, avoid: str | None) -> dict[str, Any]:
    avoid_list = csv_list(avoid)
    with store_for(request) as store:
        for name in avoid_list:  # an unknown country to avoid is the avoid list's fault
            try:
                resolve(store, pack_for(request), name)
            except NotFound:
                raise not_found(
                    f"avoid: no entity {name!r} in the store or pack", "avoid"
                ) from None
    return _run(request, analyses.corridors, "from", origin, avoid_list)


@router.get("/corridors", summary="Routes from a landlocked state to the sea")
def corridors(
    request: Request,
    origin: str = Query(
        ..., alias="from", min_length=1, description="Country to start from, e.g. Kazakhstan."
    ),
    avoid: str | None = Query(None, description="Comma-separated countries to avoid."),
) -> dict[str, Any]:
    return corridors_data(request, origin, avoid)


def spillover_data(request: Request, country: str) -> dict[str, Any]:
    return _run(request, analyses.spillover, "country", country)


@router.get("/spillover", summary="Armed groups in places bordering a country")
def spillover(
    request: Request, country: str = Query(..., min_length=1, description="e.g. Tajikistan")
) -> dict[str, Any]:
    return spillover_data(request, country)
