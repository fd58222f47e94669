"""GET /api/documents and /api/documents/{id} (with mentions and per-sentence facts)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from crossroads.web.api.params import Limit, Offset
from crossroads.web.data.documents import reader
from crossroads.web.data.records import Lookup, document_summary
from crossroads.web.deps import iso_date, pack_for, store_for
from crossroads.web.errors import ERROR_RESPONSES, bad_param, not_found

router = APIRouter(prefix="/api", tags=["documents"], responses=ERROR_RESPONSES)


@router.get("/documents", summary="Stored documents in ingest order")
def documents(
    request: Request,
    source: str | None = Query(None, description="Input file name."),
    parent: str | None = Query(None, description="Id of a page document."),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    with store_for(request) as store:
        total = (
            store.count_documents()
            if not source and not parent
            else len(store.documents(source=source, parent=parent))
        )
        items = store.documents(source=source, parent=parent, limit=limit, offset=offset)
        return {
            "total": total,
            "limit": limit,
            "offset": offset,
            "items": [document_summary(d) for d in items],
        }


def parse_highlight(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        a, b = (int(x) for x in value.split("-", 1))
    except ValueError:
        raise bad_param("hl", f"hl: not a span: {value!r} (use START-END offsets)") from None
    if a < 0 or b < a:
        raise bad_param("hl", f"hl: not a span: {value!r} (use START-END offsets)")
    return a, b


def document_data(request: Request, doc_id: str, hl: str | None) -> dict[str, Any]:
    span = parse_highlight(hl)
    with store_for(request) as store:
        doc = store.get_document(doc_id)
        if doc is None:
            raise not_found(f"no document {doc_id!r} in the store", "doc_id")
        pack = pack_for(request)
        return reader(store, pack, Lookup(store, pack), doc, span)


@router.get("/documents/{doc_id}", summary="One document with mentions and per-sentence facts")
def document(
    request: Request,
    doc_id: str,
    hl: str | None = Query(None, description="Span to highlight: START-END."),
) -> dict[str, Any]:
    """The cleaned text, the entity mentions in it, and for every sentence facts were read
    from, its relations, events and quotes. A unique id prefix of 6+ characters works."""
    data = document_data(request, doc_id, hl)
    data.pop("segments")
    return data


class Correction(BaseModel):
    """Fields to correct; a field left out stays as it is, an empty string clears it."""

    title: str | None = Field(None, max_length=500, examples=["Water talks in Batken"])
    published: str | None = Field(None, examples=["2021-05-13"])
    author: str | None = Field(None, max_length=300, examples=["Staff writer"])


def correct(request: Request, doc_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Apply a correction (only with --write); the original values stay in meta.original."""
    from crossroads.web.api.ingest import require_write

    require_write(request, "correcting documents")
    changes = {
        k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items() if v is not None
    }
    if not changes:
        raise bad_param("body", "give at least one of title, published, author")
    if changes.get("published"):
        changes["published"] = iso_date("published", changes["published"])
    with store_for(request) as store:
        doc = store.get_document(doc_id)
        if doc is None:
            raise not_found(f"no document {doc_id!r} in the store", "doc_id")
        changes = {k: v for k, v in changes.items() if (v or None) != getattr(doc, k)}
        if not changes:  # nothing differs from what is stored
            return document_summary(doc)
        fixed = store.correct_document(doc.id, **changes)
        request.app.state.memo.clear()  # after the write: a correction changes no count
        return document_summary(fixed)


@router.patch(
    "/documents/{doc_id}", summary="Correct a document's title, date or author (needs --write)"
)
def patch_document(request: Request, doc_id: str, body: Correction) -> dict[str, Any]:
    """The document's summary after the correction, with ``original`` (the values read
    from the file) and ``corrected`` (the fields changed by hand)."""
    return correct(request, doc_id, body.model_dump())
