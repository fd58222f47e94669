"""POST /api/ingest: add a document, only on a server started with --write."""
from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from crossroads import settings
from crossroads.model import slug
from crossroads.web.deps import store_for
from crossroads.web.errors import ERROR_RESPONSES, ApiError

router = APIRouter(prefix="/api", tags=["write"], responses=ERROR_RESPONSES)


class IngestBody(BaseModel):
    """One text document to ingest, as if read from a file of that name."""
    source: str = Field(..., min_length=1, max_length=200, examples=["brief-2021-05.txt"])
    text: str = Field(..., min_length=1, examples=["Tajikistan and Uzbekistan border Afghanistan."])


@router.post("/ingest", summary="Ingest a text document (needs --write)", status_code=201)
def ingest(request: Request, body: IngestBody) -> dict:
    """Runs the ingest pipeline (cleaning, dedup, extraction) on the text; read-only servers
    answer 403."""
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
                        near_dup_threshold=float(settings.get("near_dup_threshold"))).run([str(path)])
    return report.as_dict()
