"""Render a page as HTML, or as its JSON twin when the URL asks for JSON."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or request.query_params.get("_format") == "json"


def json_url(request: Request) -> str:
    """The JSON twin of the current page URL."""
    path = request.url.path.rstrip("/") or "/index"
    query = str(request.url.query)
    return f"{path}.json" + (f"?{query}" if query else "")


def render(request: Request, template: str, data: dict[str, Any], **extra: Any) -> Response:
    """``data`` is the page's JSON; the template gets it plus ``extra`` (form values...)."""
    if wants_json(request):
        return JSONResponse(data)
    ctx = {"data": data, "json_url": json_url(request), **data, **extra}
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, ctx)


def strip_json(value: str) -> str:
    return value.removesuffix(".json")
