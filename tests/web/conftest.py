"""Fixtures for the web tests: one real SQLite store built from tests/web/sample.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sample  # tests/web/sample.py, made importable above


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> tuple[str, dict]:
    """(store path, sample documents by short name)."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    docs = sample.build(str(path))
    return str(path), docs


@pytest.fixture(scope="session")
def client(web_store):
    from fastapi.testclient import TestClient

    from crossroads.web import create_app

    with TestClient(create_app(web_store[0])) as c:
        yield c


@pytest.fixture(scope="session")
def docs(web_store) -> dict:
    return web_store[1]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can see a failure (screenshots)."""
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)
