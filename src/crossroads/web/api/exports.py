"""GET /api/export: the store (or one input file's documents) as a download in each export
format, so an analyst can take it to Aleph, Gephi or a spreadsheet from the browser."""
from __future__ import annotations

import io
import re

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from crossroads.export import FORMATS, writer
from crossroads.web.deps import choice, pack_for, store_for
from crossroads.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["export"], responses=ERROR_RESPONSES)

KINDS = {"jsonl": ("application/x-ndjson", "facts.jsonl"),
         "ftm": ("application/x-ndjson", "ftm.json"),
         "csv": ("text/csv", "events.csv"),
         "graphml": ("application/graphml+xml", "network.graphml")}
"""Media type and file-name ending of each format."""


def export_bytes(request: Request, fmt: str, source: str | None) -> tuple[bytes, int]:
    write = writer(fmt)
    buf = io.StringIO(newline="")
    with store_for(request) as store:
        n = write(store, buf, source=source or None,
                  pack=None if fmt == "jsonl" else pack_for(request))
    return buf.getvalue().encode("utf-8"), n


@router.get("/export", summary="Download the store as facts JSONL, FollowTheMoney, events CSV "
                               "or GraphML", response_class=Response,
            responses={200: {"description": "The export file, as an attachment."}})
def export(request: Request,
           format: str = Query(..., description="One of " + ", ".join(FORMATS)),
           source: str | None = Query(None, description="Only documents read from this input "
                                                        "file name (default: the whole store).")):
    """The same files as `crossroads export`; ``X-Records`` says how many records it holds."""
    fmt = choice("format", format, tuple(FORMATS))
    body, n = export_bytes(request, fmt, source)
    media, ending = KINDS[fmt]
    stem = "crossroads" + (f"-{re.sub(r'[^A-Za-z0-9._-]+', '-', source)}" if source else "")
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{stem}-{ending}"',
                             "X-Records": str(n)})
