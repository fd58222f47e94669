"""Render a page as HTML, or as its JSON twin when the URL asks for JSON."""
from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or request.query_params.get("_format") == "json"


def json_url(request: Request) -> str:
    """The JSON twin of the current page URL."""
    path = request.url.path.rstrip("/") or "/index"
    query = str(request.url.query)
    return f"{path}.json" + (f"?{query}" if query else "")


def render(request: Request, template: str, data: dict, **extra):
    """``data`` is the page's JSON; the template gets it plus ``extra`` (form values...)."""
    if wants_json(request):
        return JSONResponse(data)
    ctx = {"data": data, "json_url": json_url(request), **data, **extra}
    return request.app.state.templates.TemplateResponse(request, template, ctx)


def strip_json(value: str) -> str:
    return value[:-5] if value.endswith(".json") else value
