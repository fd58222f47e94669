"""GET /api/export: the store (or one input file's documents) as a download in each export
format, so an analyst can take it to Aleph, Gephi or a spreadsheet from the browser."""

from __future__ import annotations

import io
import re

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from crossroads.export import FORMATS, writer
from crossroads.store.base import Store
from crossroads.web.api.params import entity_param
from crossroads.web.data import search as search_data
from crossroads.web.data.records import Lookup
from crossroads.web.data.search import SEARCH_CAP
from crossroads.web.data.view import DocumentView
from crossroads.web.deps import choice, pack_for, store_for
from crossroads.web.errors import ERROR_RESPONSES, bad_param
from crossroads.web.memo import Memo, generation

router = APIRouter(prefix="/api", tags=["export"], responses=ERROR_RESPONSES)

KINDS = {
    "jsonl": ("application/x-ndjson", "facts.jsonl"),
    "ftm": ("application/x-ndjson", "ftm.json"),
    "csv": ("text/csv", "events.csv"),
    "graphml": ("application/graphml+xml", "network.graphml"),
}
"""Media type and file-name ending of each format."""

MEMO_BYTES = 2_000_000
"""Exports up to this size are remembered until the store changes; larger ones are rewritten."""


def export_bytes(
    request: Request,
    fmt: str,
    source: str | None,
    q: str | None = None,
    chosen: dict[str, str | None] | None = None,
    entity: str | None = None,
) -> tuple[bytes, int]:
    """The export of the store, of one input file, of the documents a search finds or of
    those that mention an entity."""
    with store_for(request) as store:
        key = (
            "export",
            fmt,
            source,
            q,
            repr(sorted((chosen or {}).items())),
            entity,
            generation(store),
        )
        memo: Memo = request.app.state.memo
        return memo.get(
            key,
            lambda: _export(request, store, fmt, source, q, chosen, entity),
            keep=lambda out: len(out[0]) <= MEMO_BYTES,
        )


def _export(
    request: Request,
    store: Store,
    fmt: str,
    source: str | None,
    q: str | None,
    chosen: dict[str, str | None] | None,
    entity: str | None,
) -> tuple[bytes, int]:
    write = writer(fmt)
    buf = io.StringIO(newline="")
    pack = pack_for(request)
    target: Store | DocumentView = store
    if q:
        found = search_data.search(
            store,
            pack,
            Lookup(store, pack),
            q,
            SEARCH_CAP,
            0,
            {k: v for k, v in (chosen or {}).items() if v},
        )
        target = DocumentView(store, [d["id"] for d in found["documents"]["items"]])
    elif entity:
        eid = entity_param(store, request, "entity", entity)
        target = DocumentView(store, sorted({m.doc for m in store.mentions(entity=eid)}))
    n = write(target, buf, source=source or None, pack=None if fmt == "jsonl" else pack)
    return buf.getvalue().encode("utf-8"), n


@router.get(
    "/export",
    summary="Download the store as facts JSONL, FollowTheMoney, events CSV or GraphML",
    response_class=Response,
    responses={200: {"description": "The export file, as an attachment."}},
)
def export(
    request: Request,
    format: str = Query(..., description="One of " + ", ".join(FORMATS)),
    source: str | None = Query(
        None,
        description="Only documents read from this input file name (default: the whole store).",
    ),
    q: str | None = Query(
        None,
        description="Only the documents this search finds "
        "(the search page's current view); the "
        "search facets narrow it too.",
    ),
    entity: str | None = Query(
        None,
        description="Only the documents that mention this entity (id or name): an entity page.",
    ),
) -> Response:
    """The same files as `crossroads export`; ``X-Records`` says how many records it holds."""
    fmt = choice("format", format, tuple(FORMATS))
    if fmt is None:  # an empty ?format= (a missing one is refused by Query(...))
        raise bad_param("format", f"format: give one of: {', '.join(FORMATS)}")
    chosen = {k: request.query_params.get(k) for k in search_data.FACETS}
    body, n = export_bytes(request, fmt, source, q, chosen, entity)
    media, ending = KINDS[fmt]
    label = source or (f"search-{q}" if q else "") or (entity or "")
    stem = "crossroads" + (f"-{re.sub(r'[^A-Za-z0-9._-]+', '-', label)}"[:60] if label else "")
    return Response(
        body,
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="{stem}-{ending}"',
            "X-Records": str(n),
        },
    )
