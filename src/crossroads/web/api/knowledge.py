"""GET /api/facts, quotes, events, conflicts, timeline, network and map."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from crossroads.model import ENTITY_TYPES, EVENT_MODES, EVENT_TYPES, PREDICATES
from crossroads.web.api.params import Limit, Offset, csv_list, entity_param
from crossroads.web.data import eventmap, graphs, netview
from crossroads.web.data import facts as facts_data
from crossroads.web.data.records import Lookup, event_dict, quote_dict
from crossroads.web.deps import choice, iso_date, pack_for, page, store_for
from crossroads.web.errors import ERROR_RESPONSES, ApiError, bad_param

router = APIRouter(prefix="/api", tags=["knowledge"], responses=ERROR_RESPONSES)


def entity_query(description: str = "Entity id or name.") -> Any:
    """A query parameter of its own: FastAPI binds every parameter that shares one Query
    object to the first one's name (``other`` read ``entity``'s value)."""
    return Query(None, description=description)


EntityQ = entity_query()
AsOf = Query(None, description="Only facts that held on this date (YYYY[-MM[-DD]]).")


@router.get("/facts", summary="Facts (relations merged across sources)")
def facts(
    request: Request,
    entity: str | None = EntityQ,
    predicate: str | None = Query(None, description="One of " + ", ".join(PREDICATES)),
    as_of: str | None = AsOf,
    mode: str | None = Query(
        None,
        description="Facts from the reporting (`reported`, "
        "the default when there are any), the pack (`pack`) or "
        "`both`.",
    ),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    predicate = choice("predicate", predicate, PREDICATES)
    as_of = iso_date("as_of", as_of)
    mode = choice("mode", mode, facts_data.MODES)
    with store_for(request) as store:
        pack = pack_for(request)
        eid = entity_param(store, request, "entity", entity)
        items = facts_data.facts(
            store, pack, Lookup(store, pack), entity=eid, predicate=predicate, as_of=as_of
        )
        items, mode, counts = facts_data.by_mode(items, mode)
        return page(items, limit, offset, mode=mode, mode_counts=counts)


def dates(
    date_from: str | None,
    date_to: str | None,
    from_alias: str | None = None,
    to_alias: str | None = None,
) -> tuple[str | None, str | None]:
    """date_from/date_to, also spelt from/to (the CLI's words); a 400 when the two
    spellings disagree or the range is backwards."""
    pairs = (("date_from", date_from, "from", from_alias), ("date_to", date_to, "to", to_alias))
    out = []
    for name, value, alias, other in pairs:
        if value and other and value != other:
            raise bad_param(name, f"{name}: {value!r} disagrees with {alias}={other!r}")
        out.append(iso_date(name if value else alias, value or other))
    if out[0] and out[1] and out[0][: len(out[1])] > out[1][: len(out[0])]:
        raise bad_param("date_to", "date_to: earlier than date_from")
    return out[0], out[1]


FromQ = Query(None, alias="from", description="Same as date_from.")
ToQ = Query(None, alias="to", description="Same as date_to.")


def quotes_data(
    request: Request,
    speaker: str | None,
    about: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    with store_for(request) as store:
        lk = Lookup(store, pack_for(request))
        sp = entity_param(store, request, "speaker", speaker)
        ab = entity_param(store, request, "about", about)
        rows = [
            q
            for q in store.quotes(speaker=sp, about=ab)
            if not (date_from or date_to) or graphs.within(q.date, date_from, date_to)
        ]
        rows.sort(key=lambda q: q.date or "")
        items = [quote_dict(q, lk) for q in rows[offset : offset + limit]]
        return {
            "total": len(rows),
            "limit": limit,
            "offset": offset,
            "next_offset": offset + limit if offset + limit < len(rows) else None,
            "speaker": sp,
            "about": ab,
            "date_from": date_from,
            "date_to": date_to,
            "items": items,
        }


@router.get("/quotes", summary="Quotes by speaker or about an entity")
def quotes(
    request: Request,
    speaker: str | None = entity_query("Speaker: entity id or name."),
    about: str | None = entity_query("Quoted about this entity (id or name)."),
    date_from: str | None = None,
    date_to: str | None = None,
    from_: str | None = FromQ,
    to: str | None = ToQ,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    date_from, date_to = dates(date_from, date_to, from_, to)
    return quotes_data(request, speaker, about, date_from, date_to, limit, offset)


def events_data(
    request: Request,
    entity: str | None,
    type: str | None,
    date_from: str | None,
    date_to: str | None,
    mode: str | None,
    limit: int,
    offset: int,
    actor: str | None = None,
) -> dict[str, Any]:
    type = choice("type", type, EVENT_TYPES)
    mode = choice("mode", mode, EVENT_MODES)
    with store_for(request) as store:
        lk = Lookup(store, pack_for(request))
        eid = entity_param(store, request, "entity", entity)
        aid = entity_param(store, request, "actor", actor)
        rows = store.events(entity=eid, type=type, date_from=date_from, date_to=date_to)
        if mode:
            rows = [e for e in rows if e.mode == mode]
        if aid:
            rows = [e for e in rows if aid in e.actors]
        rows.sort(key=lambda e: e.date or "9999")
        items = [event_dict(e, lk) for e in rows[offset : offset + limit]]
        return {
            "total": len(rows),
            "limit": limit,
            "offset": offset,
            "next_offset": offset + limit if offset + limit < len(rows) else None,
            "entity": eid,
            "actor": aid,
            "type": type,
            "mode": mode,
            "date_from": date_from,
            "date_to": date_to,
            "items": items,
        }


@router.get("/events", summary="Events, filterable by entity, type and dates")
def events(
    request: Request,
    entity: str | None = EntityQ,
    type: str | None = Query(None, description="PLOVER type: " + ", ".join(EVENT_TYPES)),
    actor: str | None = Query(None, description="Only events this entity carries out."),
    mode: str | None = Query(None, description="One of " + ", ".join(EVENT_MODES)),
    date_from: str | None = None,
    date_to: str | None = None,
    from_: str | None = FromQ,
    to: str | None = ToQ,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    date_from, date_to = dates(date_from, date_to, from_, to)
    return events_data(request, entity, type, date_from, date_to, mode, limit, offset, actor)


@router.get("/conflicts", summary="Contradicting facts")
def conflicts(
    request: Request, entity: str | None = EntityQ, limit: int = Limit, offset: int = Offset
) -> dict[str, Any]:
    with store_for(request) as store:
        pack = pack_for(request)
        eid = entity_param(store, request, "entity", entity)
        found = facts_data.conflicts_page(store, pack, Lookup(store, pack), eid, limit, offset)
    if found is None:
        raise ApiError(501, "the conflicts analysis is not available in this build")
    items, total = found  # the page's alone are cited
    more = offset + limit < total
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": items,
        "next_offset": offset + limit if more else None,
    }


def timeline_data(
    request: Request,
    entity: str | None,
    other: str | None,
    q: str | None,
    date_from: str | None,
    date_to: str | None,
    type: str | None = None,
    mode: str | None = None,
) -> dict[str, Any]:
    date_from, date_to = iso_date("date_from", date_from), iso_date("date_to", date_to)
    type = choice("type", type, EVENT_TYPES + PREDICATES)
    mode = choice("mode", mode, facts_data.MODES)
    with store_for(request) as store:
        pack = pack_for(request)
        eid = entity_param(store, request, "entity", entity)
        oid = entity_param(store, request, "other", other)
        items = graphs.timeline(
            store,
            pack,
            Lookup(store, pack),
            entity=eid,
            other=oid,
            query=q or None,
            date_from=date_from,
            date_to=date_to,
        )
        if type:
            items = [it for it in items if it["type"] == type]
        items, mode, counts = facts_data.by_mode(items, mode)
        return {
            "entity": eid,
            "other": oid,
            "q": q,
            "date_from": date_from,
            "date_to": date_to,
            "type": type,
            "mode": mode,
            "mode_counts": counts,
            "items": items,
        }


@router.get("/timeline", summary="Events and dated relations in date order")
def timeline(
    request: Request,
    entity: str | None = entity_query(),
    other: str | None = entity_query("Only items that also involve this entity (id or name)."),
    q: str | None = Query(None, description="Words the item or its sentence holds."),
    date_from: str | None = None,
    date_to: str | None = None,
    type: str | None = Query(None, description="An event type or a predicate."),
    mode: str | None = Query(
        None,
        description="Items from the reporting "
        "(`reported`, the default when there are any), the pack's "
        "dates (`pack`) or `both`.",
    ),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    if entity and q is None and not (other or date_from or date_to or type):
        found = _timeline_page(request, entity, mode, limit, offset)
        if found is not None:
            return found
    data = timeline_data(request, entity, other, q, date_from, date_to, type, mode)
    return page(data.pop("items"), limit, offset, **data)


def _timeline_page(
    request: Request, entity: str, mode: str | None, limit: int, offset: int
) -> dict[str, Any] | None:
    """An entity's whole timeline, one page read by index (what timeline_data pages
    answers); None where only the whole timeline answers."""
    mode = choice("mode", mode, facts_data.MODES)
    with store_for(request) as store:
        pack = pack_for(request)
        eid = entity_param(store, request, "entity", entity)
        if eid is None:
            return None
        got = graphs.timeline_page(store, pack, Lookup(store, pack), eid, limit, offset, mode)
    if got is None:
        return None
    items, mode, counts = got
    total = counts[mode]
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": items,
        "next_offset": offset + limit if offset + limit < total else None,
        "entity": eid,
        "other": None,
        "q": None,
        "date_from": None,
        "date_to": None,
        "type": None,
        "mode": mode,
        "mode_counts": counts,
    }


def network_data(
    request: Request,
    entity: str | None,
    depth: int,
    predicate: str | None,
    as_of: str | None,
    q: str | None = None,
    mode: str | None = None,
    type: str | None = None,
    min_degree: int = 0,
    cap: int = netview.DEFAULT_CAP,
) -> dict[str, Any]:
    preds = csv_list(predicate)
    for p in preds:
        choice("predicate", p, PREDICATES)
    types = csv_list(type)
    for t in types:
        choice("type", t, ENTITY_TYPES)
    mode = choice("mode", mode, facts_data.MODES)
    as_of = iso_date("as_of", as_of)
    with store_for(request) as store:
        pack = pack_for(request)
        eid = entity_param(store, request, "entity", entity)
        return graphs.network(
            store,
            pack,
            Lookup(store, pack),
            eid,
            depth,
            preds,
            as_of,
            query=q or None,
            mode=mode,
            types=types,
            min_degree=min_degree,
            cap=cap,
        )


@router.get("/network", summary="Relation graph around an entity")
def network(
    request: Request,
    entity: str | None = EntityQ,
    depth: int = Query(1, ge=1, le=3, description="Hops from the entity (1-3)."),
    predicate: str | None = Query(None, description="Comma-separated predicates."),
    as_of: str | None = AsOf,
    q: str | None = Query(
        None, description="Without entity: only relations read from documents matching these words."
    ),
    mode: str | None = Query(
        None,
        description="Relations from the reporting "
        "(`reported`, the default when there are any), the pack "
        "(`pack`) or `both`.",
    ),
    type: str | None = Query(None, description="Comma-separated entity types to keep."),
    min_degree: int = Query(0, ge=0, le=100, description="Hide nodes with fewer ties."),
    cap: int = Query(
        netview.DEFAULT_CAP,
        ge=0,
        le=2000,
        description="Most nodes (nearest and most central first; 0: all); "
        "`left_out` says what the cap hid.",
    ),
) -> dict[str, Any]:
    """Nodes (with degree and degree centrality) and edges (with the fact id their evidence
    is under) around ``entity``; without it, the relations read from the texts."""
    return network_data(request, entity, depth, predicate, as_of, q, mode, type, min_degree, cap)


def map_data(
    request: Request, type: str | None, date_from: str | None, date_to: str | None
) -> dict[str, Any]:
    types = csv_list(type)
    for t in types:
        choice("type", t, ENTITY_TYPES)
    date_from, date_to = iso_date("date_from", date_from), iso_date("date_to", date_to)
    if date_from and date_to and date_from > date_to:
        raise bad_param("date_to", "date_to: earlier than date_from")
    with store_for(request) as store:
        pack = pack_for(request)
        lk = Lookup(store, pack)
        out = graphs.map_markers(store, pack, lk, types or None, date_from, date_to)
        placed = eventmap.placed_events(store, lk, date_from, date_to)
        return {**out, **placed, "categories": eventmap.CATEGORIES}


@router.get("/map", summary="Places, armed-group areas and events with coordinates")
def map_(
    request: Request,
    type: str | None = Query(None, description="Comma-separated types."),
    date_from: str | None = None,
    date_to: str | None = None,
) -> dict[str, Any]:
    return map_data(request, type, date_from, date_to)
