"""POST /api/ingest: add a document, only on a server started with --write."""
from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from crossroads import settings
from crossroads.ingest.pipeline import NOT_STORED
from crossroads.model import slug
from crossroads.web.deps import store_for
from crossroads.web.errors import ERROR_RESPONSES, ApiError

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["write"], responses=ERROR_RESPONSES)


class IngestBody(BaseModel):
    """One text document to ingest, as if read from a file of that name."""
    source: str = Field(..., min_length=1, max_length=200, examples=["brief-2021-05.txt"])
    text: str = Field(..., min_length=1, examples=["Tajikistan and Uzbekistan border Afghanistan."])


@router.post("/ingest", summary="Ingest a text document (needs --write)", status_code=201,
             responses={200: {"description": "Already stored: nothing new"},
                        401: {"description": "The server has a token and the request lacks it"},
                        413: {"description": "The body is over the server's size limit"}})
def ingest(request: Request, body: IngestBody, response: Response) -> dict:
    """Runs the ingest pipeline (cleaning, dedup, extraction) on the text: 201 when stored,
    200 when already stored, 400 when it cannot be read; read-only servers answer 403."""
    if not request.app.state.write:
        raise ApiError(403, "this server is read-only; start it with `crossroads serve --write` "
                            "to allow POST /api/ingest")
    from crossroads.ingest.pipeline import Ingest, default_extractor_factory
    name = Path(body.source).name
    stem, _, ext = name.rpartition(".")
    safe = f"{slug(stem or ext)}.{ext if stem and ext in ('txt', 'html', 'htm', 'md') else 'txt'}"
    with tempfile.TemporaryDirectory() as tmp, store_for(request) as store:
        path = Path(tmp) / safe
        path.write_text(body.text, encoding="utf-8")
        report = Ingest(store, default_extractor_factory(processes=1),
                        max_bytes=int(settings.get("max_bytes")),
                        near_dup_threshold=float(settings.get("near_dup_threshold")),
                        read_timeout=float(settings.get("read_timeout"))).run([str(path)])
    if report.failed:
        # the reason names the temporary file: show the name the client gave instead
        lines = [line.replace(str(path), safe) for line in report.errors]
        if any(NOT_STORED in line for line in lines):
            log.error("POST /api/ingest of %s: %s", safe, "; ".join(report.errors))
            raise ApiError(503, f"{safe}: not stored: the store could not write it "
                                "(the server log says why)")
        raise ApiError(400, "; ".join(lines) or f"{safe}: could not be ingested")
    if not report.new and not report.near_duplicate:
        response.status_code = 200
    out = report.as_dict()
    out["errors"] = []
    return out
