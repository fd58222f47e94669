"""One error shape for every failure the server reports: {"status", "error", "param"}.

API clients (and the JSON twin of every page) get that JSON object; a browser asking for a
page gets the same facts rendered as an HTML page. ``param`` names the query or path
parameter that was wrong, or is null when the fault is not one parameter's.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from crossroads.exc import CrossroadsError, NotFound, QueryError, StoreError

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    status: int = Field(..., examples=[400])
    error: str = Field(
        ..., examples=["as_of: not a date: '2021-13' (use YYYY, YYYY-MM or YYYY-MM-DD)"]
    )
    param: str | None = Field(None, examples=["as_of"])


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "A parameter is invalid (named in `param`)"),
        (404, "No such entity, document or endpoint"),
        (503, "The store could not answer (details only in the server log)"),
    )
}
"""For APIRouter(responses=...): documents the error shape in the OpenAPI document."""


class ApiError(Exception):
    """An error with the HTTP status it carries (as datasette's Base400 does)."""

    def __init__(self, status: int, error: str, param: str | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.param = param


def bad_param(param: str, error: str) -> ApiError:
    return ApiError(400, error, param)


def not_found(error: str, param: str | None = None) -> ApiError:
    return ApiError(404, error, param)


def error_body(status: int, error: str, param: str | None) -> dict[str, Any]:
    return {"status": status, "error": error, "param": param}


def wants_html(request: Request) -> bool:
    """A page request from a browser, not the API or a page's JSON twin."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json":
        return False
    if request.query_params.get("_format") == "json":
        return False
    return "text/html" in request.headers.get("accept", "")


def _respond(
    request: Request,
    status: int,
    error: str,
    param: str | None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    if wants_html(request):
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "error": error, "param": param},
            status_code=status,
            headers=headers,
        )
    return JSONResponse(error_body(status, error, param), status_code=status, headers=headers)


def _validation_message(err: dict[str, Any]) -> tuple[str | None, str]:
    loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body", "header")]
    param = ".".join(loc) or None
    msg = err.get("msg", "invalid value")
    value = err.get("input")
    if param and isinstance(value, (str, int, float)) and err.get("type") != "missing":
        return param, f"{param}: {msg} (got {value!r})"
    return param, f"{param}: {msg}" if param else msg


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _respond(request, exc.status, exc.error, exc.param)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        param, msg = _validation_message(errors[0]) if errors else (None, "invalid request")
        return _respond(request, 400, msg, param)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return _respond(request, 404, str(exc), None)

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError) -> Response:
        return _respond(request, 400, str(exc), "q")

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> Response:
        # its message names the database file or server: for the log, not for the client
        log.error("store error on %s: %s", request.url.path, exc)
        return _respond(
            request, 503, "the store could not answer this request (the server log says why)", None
        )

    @app.exception_handler(CrossroadsError)
    async def _crossroads(request: Request, exc: CrossroadsError) -> Response:
        return _respond(request, 400, str(exc), None)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such page or endpoint: {request.url.path}"
        elif exc.status_code == 413:
            detail = (
                f"request body too large: over the {request.app.max_body_size:,}-byte "
                "limit (CROSSROADS_MAX_BODY)"
            )
        elif exc.status_code == 405:
            detail = f"method {request.method} is not allowed on {request.url.path}"
        return _respond(request, exc.status_code, detail, None, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse(
            error_body(500, f"internal error: {type(exc).__name__}", None), status_code=500
        )
