"""The analyst's pages: home/search, entities, documents, map, network, timeline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from crossroads.model import ENTITY_TYPES, EVENT_MODES, EVENT_TYPES, PREDICATES
from crossroads.web.api.documents import correct, document_data
from crossroads.web.api.entities import entities_data, profile_data
from crossroads.web.api.knowledge import (
    dates,
    events_data,
    map_data,
    network_data,
    quotes_data,
    timeline_data,
)
from crossroads.web.api.params import MAX_OFFSET
from crossroads.web.api.sources import set_grade
from crossroads.web.data import analyses, netview
from crossroads.web.data import search as search_data
from crossroads.web.data import sources as sources_data
from crossroads.web.data.facts import MODES
from crossroads.web.data.records import Lookup, document_summary, entity_url
from crossroads.web.deps import choice, iso_date, pack_for, store_for
from crossroads.web.views.render import render, strip_json

router = APIRouter(include_in_schema=False)

PAGE = 20


@router.get("/")
@router.get("/index.json")
@router.get("/search")
@router.get("/search.json")
def home(
    request: Request,
    q: str = "",
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    mode: str | None = None,
) -> Response:
    mode = choice("mode", mode, MODES)
    chosen = {k: request.query_params.get(k, "") for k in search_data.FACETS}
    with store_for(request) as store:
        pack = pack_for(request)
        counts = store.stats()  # kept by every write: no count over the store
        latest = store.latest_documents(10)  # by index, not skipping to the end
        data = {
            "q": q,
            "counts": counts,
            "latest": [document_summary(d) for d in latest],
            "results": (
                search_data.search(store, pack, Lookup(store, pack), q, PAGE, offset, chosen, mode)
                if q.strip()
                else None
            ),
        }
    return render(request, "home.html", data, title=f"{q} – search" if q else "crossroads")


@router.get("/entities")
@router.get("/entities.json")
def entity_list(
    request: Request,
    type: str | None = None,
    q: str | None = None,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Response:
    data = entities_data(request, type or None, None, q or None, 50, offset)
    return render(request, "entities.html", data, types=ENTITY_TYPES, title="Entities")


@router.get("/entities/{entity_id:path}")
def entity_page(
    request: Request,
    entity_id: str,
    mode: str | None = None,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Response:
    as_json = entity_id.endswith(".json")
    entity_id = strip_json(entity_id)
    data = profile_data(request, entity_id, mode, offset=offset)
    canonical = data["entity"]["id"]
    if canonical != entity_id and not as_json:  # a name or alias: go to the id's page
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(entity_url(canonical) + query, status_code=302)
    return render(request, "entity.html", data, title=data["entity"]["name"])


@router.get("/documents")
@router.get("/documents.json")
def document_list(request: Request, offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Response:
    with store_for(request) as store:
        total = store.count_documents()
        items = [document_summary(d) for d in store.documents(limit=50, offset=offset)]
    data = {"total": total, "limit": 50, "offset": offset, "items": items}
    return render(request, "documents.html", data, title="Documents", write=request.app.state.write)


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str, hl: str | None = None) -> Response:
    data = document_data(request, strip_json(doc_id), hl)
    return render(
        request,
        "document.html",
        data,
        write=request.app.state.write,
        title=data["document"]["title"] or data["document"]["source"],
    )


@router.post("/documents/{doc_id}/correct")
async def correct_document_form(request: Request, doc_id: str) -> Response:
    """The reader's correction form (plain HTML, so it works without scripts)."""
    form = await _urlencoded(request)
    changes: dict[str, Any] = {
        k: form.get(k) for k in ("title", "published", "author") if k in form
    }
    from starlette.concurrency import run_in_threadpool

    summary = await run_in_threadpool(correct, request, doc_id, changes)
    return RedirectResponse(summary["url"] + "?corrected=1", status_code=303)


async def _urlencoded(request: Request) -> dict[str, str]:
    """A urlencoded form body (Starlette's form parser needs python-multipart)."""
    from urllib.parse import parse_qs

    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}


@router.get("/map")
@router.get("/map.json")
def map_page(
    request: Request,
    type: str | None = None,
    places: str | None = None,
    actor: str | None = None,
    mode: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Response:
    """The event map. ``type`` is a PLOVER type as on the events list (an entity type there,
    as old links have it, filters the places layer like ``places``); type, actor, mode and
    dates narrow the events in the browser and stay in the URL."""
    if type in ENTITY_TYPES:
        places, type = places or type, None
    choice("type", type or None, EVENT_TYPES)
    choice("mode", mode or None, EVENT_MODES)
    data = map_data(request, places or None, None, None)
    iso_date("date_from", date_from)
    iso_date("date_to", date_to)
    return render(
        request,
        "map.html",
        data,
        types=ENTITY_TYPES,
        event_types=EVENT_TYPES,
        event_modes=EVENT_MODES,
        title="Event map",
        filters={
            "type": type or "",
            "places": places or "",
            "actor": actor or "",
            "mode": mode or "",
            "date_from": date_from or "",
            "date_to": date_to or "",
        },
    )


@router.get("/network")
@router.get("/network.json")
def network_page(
    request: Request,
    entity: str | None = None,
    depth: int = Query(1, ge=1, le=3),
    predicate: str | None = None,
    as_of: str | None = None,
    q: str | None = None,
    mode: str | None = None,
    type: str | None = None,
    min_degree: int = Query(0, ge=0, le=100),
    cap: int = Query(netview.DEFAULT_CAP, ge=0, le=2000),
) -> Response:
    data = network_data(
        request,
        entity or None,
        depth,
        predicate,
        as_of,
        q,
        mode or None,
        type or None,
        min_degree,
        cap,
    )
    return render(
        request,
        "network.html",
        data,
        predicates=PREDICATES,
        types=ENTITY_TYPES,
        title="Network",
        filters={
            "entity": entity or "",
            "depth": depth,
            "predicate": predicate or "",
            "as_of": as_of or "",
            "q": q or "",
            "type": type or "",
            "min_degree": min_degree,
            "cap": cap,
        },
    )


@router.get("/timeline")
@router.get("/timeline.json")
def timeline_page(
    request: Request,
    entity: str | None = None,
    other: str | None = None,
    q: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    type: str | None = None,
    mode: str | None = None,
) -> Response:
    data = timeline_data(
        request, entity or None, other or None, q, date_from, date_to, type or None, mode or None
    )
    return render(
        request,
        "timeline.html",
        data,
        event_types=EVENT_TYPES,
        predicates=PREDICATES,
        title="Timeline",
        filters={
            "entity": entity or "",
            "other": other or "",
            "q": q or "",
            "date_from": date_from or "",
            "date_to": date_to or "",
            "type": type or "",
        },
    )


@router.get("/quotes")
@router.get("/quotes.json")
def quotes_page(
    request: Request,
    speaker: str | None = None,
    about: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    offset: int = Query(0, ge=0),
) -> Response:
    date_from, date_to = dates(date_from or None, date_to or None)
    data = quotes_data(request, speaker or None, about or None, date_from, date_to, 50, offset)
    return render(
        request,
        "quotes.html",
        data,
        title="Quotes",
        filters={
            "speaker": speaker or "",
            "about": about or "",
            "date_from": date_from or "",
            "date_to": date_to or "",
        },
    )


@router.get("/events")
@router.get("/events.json")
@router.get("/events.csv")
def events_page(
    request: Request,
    entity: str | None = None,
    actor: str | None = None,
    type: str | None = None,
    mode: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    offset: int = Query(0, ge=0),
) -> Response:
    date_from, date_to = dates(date_from or None, date_to or None)
    as_csv = request.url.path.endswith(".csv")
    data = events_data(
        request,
        entity or None,
        type or None,
        date_from,
        date_to,
        mode or None,
        100_000 if as_csv else 50,
        0 if as_csv else offset,
        actor or None,
    )
    if as_csv:
        return events_csv(data["items"])
    return render(
        request,
        "events.html",
        data,
        title="Events",
        event_types=EVENT_TYPES,
        event_modes=EVENT_MODES,
        filters={
            "entity": entity or "",
            "actor": actor or "",
            "type": type or "",
            "mode": mode or "",
            "date_from": date_from or "",
            "date_to": date_to or "",
        },
    )


def events_csv(items: list[dict[str, Any]]) -> Response:
    """The events a filtered list shows, one row each, as a spreadsheet opens them."""
    import csv
    import io

    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(
        [
            "date",
            "type",
            "mode",
            "negated",
            "actors",
            "targets",
            "place",
            "sentence",
            "document",
            "link",
        ]
    )
    for e in items:
        ev = e["evidence"][0]
        out.writerow(
            [
                e["date"] or "",
                e["type"],
                e["mode"],
                "yes" if e["negated"] else "",
                "; ".join(a["name"] for a in e["actors"] if a),
                "; ".join(t["name"] for t in e["targets"] if t),
                (e["place"] or {}).get("name", ""),
                ev["text"],
                ev["title"] or ev["source"],
                ev["url"],
            ]
        )
    name = "crossroads-events-view.csv"
    return Response(
        buf.getvalue(),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/sources")
@router.get("/sources.json")
def sources_page(request: Request) -> Response:
    with store_for(request) as store:
        data = sources_data.table(store)
    return render(request, "sources.html", data, title="Sources", write=request.app.state.write)


@router.post("/sources")
async def grade_source_form(request: Request) -> Response:
    """The sources page's grade forms (plain HTML, so they work without scripts)."""
    form = await _urlencoded(request)
    from starlette.concurrency import run_in_threadpool

    await run_in_threadpool(
        set_grade, request, form.get("kind", ""), form.get("name", ""), form.get("grade")
    )
    return RedirectResponse("/sources", status_code=303)


@router.get("/about.json")
def about(request: Request) -> dict[str, Any]:
    return {"analyses": analyses.available(), "write": request.app.state.write}
