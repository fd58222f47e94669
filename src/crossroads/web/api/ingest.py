"""POST /api/ingest (a text) and /api/upload (a file's bytes): add documents, only on a
server started with --write."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from crossroads import settings
from crossroads.ingest.pipeline import NOT_STORED
from crossroads.model import slug
from crossroads.web.deps import store_for
from crossroads.web.errors import ERROR_RESPONSES, ApiError, bad_param

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["write"], responses=ERROR_RESPONSES)

_SUFFIXES = ("txt", "md", "markdown", "text", "html", "htm", "xhtml", "pdf")


class IngestBody(BaseModel):
    """One text document to ingest, as if read from a file of that name."""

    source: str = Field(..., min_length=1, max_length=200, examples=["brief-2021-05.txt"])
    text: str = Field(..., min_length=1, examples=["Tajikistan and Uzbekistan border Afghanistan."])


def require_write(request: Request, what: str) -> None:
    if not request.app.state.write:
        raise ApiError(
            403,
            f"this server is read-only; start it with `crossroads serve --write` to allow {what}",
        )


def safe_name(name: str) -> str:
    """A file name safe to write in a temporary folder, keeping a readable suffix."""
    name = Path(name.replace("\\", "/")).name
    stem, _, ext = name.rpartition(".")
    ext = ext.lower()
    return f"{slug(stem or ext) or 'upload'}.{ext if stem and ext in _SUFFIXES else 'txt'}"


def ingest_bytes(request: Request, name: str, data: bytes) -> dict[str, Any]:
    """Run the ingest pipeline (cleaning, dedup, extraction) on one file's bytes. The report's
    reasons name the file as the client named it, never the server's temporary path."""
    from crossroads.ingest.pipeline import Ingest, default_extractor_factory

    with tempfile.TemporaryDirectory() as tmp, store_for(request) as store:
        path = Path(tmp) / safe_name(name)
        path.write_bytes(data)
        report = Ingest(
            store,
            default_extractor_factory(processes=1),
            max_bytes=int(settings.get("max_bytes")),
            near_dup_threshold=float(settings.get("near_dup_threshold")),
            read_timeout=float(settings.get("read_timeout")),
        ).run([str(path)])
    request.app.state.memo.clear()
    out = report.as_dict()
    out["errors"] = [str(e).replace(str(path), name).replace(tmp, "") for e in out["errors"]]
    if any(NOT_STORED in line for line in out["errors"]):
        log.error("ingest of %s over HTTP: %s", name, "; ".join(report.errors))
    return {"name": name, **out}


@router.post(
    "/ingest",
    summary="Ingest a text document (needs --write)",
    status_code=201,
    responses={
        200: {"description": "Already stored: nothing new"},
        401: {"description": "The server has a token and the request lacks it"},
        413: {"description": "The body is over the server's size limit"},
    },
)
def ingest(request: Request, body: IngestBody, response: Response) -> dict[str, Any]:
    """Runs the ingest pipeline (cleaning, dedup, extraction) on the text: 201 when stored,
    200 when already stored, 400 when it cannot be read; read-only servers answer 403."""
    require_write(request, "POST /api/ingest")
    out = ingest_bytes(request, body.source, body.text.encode("utf-8"))
    name = out.pop("name")
    if out["failed"]:
        if any(NOT_STORED in line for line in out["errors"]):
            raise ApiError(
                503, f"{name}: not stored: the store could not write it (the server log says why)"
            )
        raise ApiError(400, "; ".join(out["errors"]) or f"{name}: could not be ingested")
    if not out["new"] and not out["near_duplicate"]:
        response.status_code = 200
    return out


@router.post(
    "/upload",
    summary="Ingest one uploaded file (needs --write)",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def upload(
    request: Request,
    name: str = Query(
        ...,
        min_length=1,
        max_length=200,
        description="The file's name; its suffix says the format (.txt .md .html .htm .pdf).",
    ),
) -> dict[str, Any]:
    """The request body is the file's bytes. Answers the ingest report of that file (read,
    new, duplicate, failed with its reason)."""
    require_write(request, "POST /api/upload")
    limit = int(settings.get("max_bytes"))
    data = await request.body()
    if not data:
        raise bad_param("body", f"{name}: the upload is empty")
    if len(data) > limit:
        raise ApiError(
            413,
            f"{name}: {len(data)} bytes is more than the {limit} allowed (CROSSROADS_MAX_BYTES)",
            "body",
        )
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(ingest_bytes, request, name, data)
