"""The HTTP API and the analyst's web UI (FastAPI, Jinja2, plain JS); see app.create_app."""

from __future__ import annotations

from crossroads.web.app import create_app

__all__ = ["create_app"]
