"""GET/PUT /api/sources: the A-F grades of authors and publishers; /api/sources.toml: them
as a CROSSROADS_SOURCES file. Setting a grade needs a server started with --write."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from crossroads.exc import StoreError
from crossroads.web.data import sources
from crossroads.web.deps import choice, store_for
from crossroads.web.errors import ERROR_RESPONSES, bad_param

router = APIRouter(prefix="/api", tags=["sources"], responses=ERROR_RESPONSES)


class GradeBody(BaseModel):
    """One source's grade; ``grade`` null removes the grade set in the store."""

    kind: str = Field(..., examples=["publisher"], description="'author' or 'publisher'")
    name: str = Field(..., min_length=1, max_length=300, examples=["example-news.org"])
    grade: str | None = Field(None, examples=["B"], description="A-F, or null")


@router.get("/sources", summary="Authors and publishers of the stored articles, with grades")
def list_sources(request: Request) -> dict[str, Any]:
    """Each with its article count, its grade (F when nobody graded it) and where the grade
    was set: ``store`` (in the UI) or ``file`` (CROSSROADS_SOURCES)."""
    with store_for(request) as store:
        return sources.table(store)


def set_grade(request: Request, kind: str, name: str, grade: str | None) -> dict[str, Any]:
    from crossroads.web.api.ingest import require_write

    require_write(request, "grading sources")
    choice("kind", kind, ("author", "publisher"))
    grade = (grade or "").strip().upper() or None
    choice("grade", grade, sources.GRADES)
    if not name.strip():
        raise bad_param("name", "name: give the author's or publisher's name")
    with store_for(request) as store:
        try:
            store.set_source_grade(kind, name.strip(), grade)
            request.app.state.memo.clear()
        except StoreError as exc:
            raise bad_param("name", str(exc)) from None
    return {"kind": kind, "name": name.strip(), "grade": grade}


@router.put("/sources", summary="Grade an author or publisher A-F (needs --write)")
def put_source(request: Request, body: GradeBody) -> dict[str, Any]:
    """Kept in the store; every fact's reliability follows at once."""
    return set_grade(request, body.kind, body.name, body.grade)


@router.get(
    "/sources.toml", summary="The grades as a CROSSROADS_SOURCES file", response_class=Response
)
def sources_toml(request: Request) -> Response:
    with store_for(request) as store:
        text = sources.toml(store)
    return Response(
        text,
        media_type="application/toml",
        headers={"Content-Disposition": 'attachment; filename="sources.toml"'},
    )
