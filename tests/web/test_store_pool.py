"""The web app's pooled PostgreSQL connections survive the server dropping them.

A server restart ends every connection; the pool must not hand a dead one to the next
request. The server really drops them here (pg_terminate_backend, what a restart does to a
client), on the test cluster. Needs CROSSROADS_TEST_PG.
"""

from __future__ import annotations

import os
import uuid

import pytest

pytestmark = pytest.mark.skipif(
    not os.environ.get("CROSSROADS_TEST_PG"), reason="needs CROSSROADS_TEST_PG"
)


def test_a_request_after_the_server_dropped_the_pool_succeeds(pg_schema_url, pg_url):
    import psycopg
    from fastapi.testclient import TestClient

    from crossroads.web import create_app

    name = f"crossroads-pool-test-{uuid.uuid4().hex[:8]}"  # only this app's connections
    with TestClient(create_app(f"{pg_schema_url}&application_name={name}")) as client:
        first = client.get("/api/stats").json()  # a store is pooled now
        with psycopg.connect(pg_url, autocommit=True) as admin:
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = %s",
                (name,),
            ).fetchone()
        assert dropped is not None and dropped[0] >= 1
        response = client.get("/api/stats")
        assert response.status_code == 200, response.text
        assert response.json() == first
