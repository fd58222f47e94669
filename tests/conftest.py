"""Shared fixtures: a fresh store on every backend.

PostgreSQL tests run against the server named by CROSSROADS_TEST_PG (start one with
`eval "$(.ci/postgres.sh start)"`); each test gets its own schema, dropped afterwards.
Without CROSSROADS_TEST_PG they are skipped, saying so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from crossroads.store import Store, open_store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _cache_home(tmp_path_factory, monkeypatch) -> None:
    """`ingest` remembers failed inputs in the cache folder: keep tests out of the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def pg_url() -> str:
    """The PostgreSQL server for tests (skips the test when none is configured)."""
    url = os.environ.get("CROSSROADS_TEST_PG")
    if not url:
        pytest.skip(
            "CROSSROADS_TEST_PG is not set: start a server with "
            '`eval "$(.ci/postgres.sh start)"` to run the PostgreSQL tests'
        )
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:  # once, so schemas can come and go
        conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
    return url


@pytest.fixture
def pg_schema_url(pg_url: str) -> Iterator[str]:
    """URL of a fresh, empty schema on the test server; dropped after the test."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_url else "?"
    yield f"{pg_url}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a fresh store lives: a SQLite file in tmp_path, or an empty PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "crossroads.db")
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh store on each backend."""
    with open_store(store_url) as s:
        yield s
