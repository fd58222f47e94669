"""The crossroads web app: JSON API under /api, the analyst's pages, offline API docs.

    from crossroads.web import create_app
    app = create_app("sqlite:///crossroads.db")     # then: uvicorn, or crossroads serve

Nothing is loaded from a CDN: front-end libraries are copied into static/vendor/ by
scripts/build_frontend.sh, and a Content-Security-Policy allows scripts from this server only.
"""

from __future__ import annotations

import gc
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from crossroads import settings
from crossroads.web import errors, guard
from crossroads.web.api import (
    analyze,
    documents,
    entities,
    exports,
    ingest,
    knowledge,
    search,
    sources,
)
from crossroads.web.data import analyses
from crossroads.web.data.records import citation
from crossroads.web.deps import StorePool, app_pack
from crossroads.web.memo import Memo
from crossroads.web.views import analyses as analyses_views
from crossroads.web.views import pages

if TYPE_CHECKING:
    from crossroads.pack import Pack

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
"""Article text is untrusted: even if something slipped past escaping, no inline script runs."""


def _marks(snippet: str) -> list[tuple[str, bool]]:
    """A store snippet ('... [match] ...') as (text, is_match) pieces, escaped by the template."""
    return [(part, i % 2 == 1) for i, part in enumerate(re.split(r"[\[\]]", snippet or ""))]


def url_with(request: Request, drop: tuple[str, ...] | list[str] = (), **params: Any) -> str:
    """The current page's path and query (relative, so links never name the host), less
    ``drop`` and ``offset``, with ``params`` set."""
    url = request.url.remove_query_params(["offset", *drop])
    if params:
        url = url.include_query_params(**params)
    return url.path + (f"?{url.query}" if url.query else "")


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True
    env.filters["pred"] = lambda p: (p or "").replace("_", " ")
    env.filters["marks"] = _marks
    env.filters["citation"] = citation
    env.globals["url_with"] = url_with
    env.globals["vendor_built"] = (VENDOR / "leaflet" / "leaflet.js").exists()
    return templates


def _openapi_without_422(app: FastAPI) -> None:
    """Validation errors answer 400 in the one error shape, so drop FastAPI's default 422s."""
    default = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = default()
            for ops in spec.get("paths", {}).values():
                for op in ops.values():
                    op.get("responses", {}).pop("422", None)
            schemas = spec.get("components", {}).get("schemas", {})
            for name in ("HTTPValidationError", "ValidationError"):
                schemas.pop(name, None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Before the first request the pack and the analyses are loaded and everything loaded so
    far is frozen out of the garbage collector's full passes: a full pass walks every object
    the process holds (about 130,000, nearly all of them imported code and the pack) and
    took 80-90 ms, once in about ten requests; it was what made a p95 three times the p50.
    When the server stops its pooled stores are closed and the frozen objects thawed (an app
    made in a longer-lived process, as in tests, can then be collected)."""
    app_pack(app.state)
    analyses.available()
    gc.collect()
    gc.freeze()
    yield
    app.state.stores.close()
    gc.unfreeze()


def create_app(
    store_url: str,
    pack: Pack | None = None,
    write: bool = False,
    token: str | None = None,
    allowed_hosts: list[str] | None = None,
    max_body: int | None = None,
) -> FastAPI:
    """The app over one store. ``pack`` defaults to the bundled knowledge pack, loaded on first
    use; ``write`` enables the endpoints that change the store (POST /api/ingest).

    ``token``: every write must carry it as a Bearer token. ``allowed_hosts``: Host header
    values to accept (see guard.allowed_hosts; None accepts any, for embedding). ``max_body``:
    the largest request body in bytes (default: the max_body setting).
    """
    app = FastAPI(
        title="crossroads",
        version="1",
        summary="Evidence-grounded knowledge from regional reporting",
        description="Every list is paginated with `limit`/`offset` and says its "
        '`total`. Errors are `{"status", "error", "param"}`.',
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
        max_body_size=int(max_body if max_body is not None else settings.get("max_body")),
    )
    app.state.store_url = store_url
    app.state.stores = StorePool(store_url)
    app.state.pack = pack
    app.state.pack_tried = pack is not None
    app.state.write = write
    app.state.memo = Memo()
    templates = _templates()
    app.state.templates = templates
    errors.install(app)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    # added last is outermost: a wrong Host is refused before anything else is looked at
    if token:
        app.add_middleware(guard.WriteToken, token=token)
    app.add_middleware(guard.HeadAsGet)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    for module in (search, documents, entities, knowledge, analyze, ingest, exports, sources):
        app.include_router(module.router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        """Swagger UI from static/vendor (no CDN), initialised by static/js/docs.js."""
        return templates.TemplateResponse(request, "docs.html", {"title": "API docs"})

    _openapi_without_422(app)
    app.include_router(analyses_views.router)
    app.include_router(pages.router)
    STATIC.mkdir(exist_ok=True)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
