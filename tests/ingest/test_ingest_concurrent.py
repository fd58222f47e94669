"""Two ingests of one folder at once leave the store a serial run leaves, on each backend,
and between them count every file as new exactly once."""

from __future__ import annotations

import multiprocessing
import uuid
from concurrent.futures import ProcessPoolExecutor

import pytest
import race_support

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def two_stores(request, tmp_path):
    """(race store url, serial store url) on one backend, both empty."""
    if request.param == "sqlite":
        yield str(tmp_path / "race.db"), str(tmp_path / "serial.db")
        return
    import psycopg

    base = request.getfixturevalue("pg_url")
    schemas = [f"race_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    with psycopg.connect(base, autocommit=True) as conn:
        for s in schemas:
            conn.execute(f"CREATE SCHEMA {s}")
    sep = "&" if "?" in base else "?"
    yield tuple(f"{base}{sep}options=-csearch_path%3D{s}" for s in schemas)
    with psycopg.connect(base, autocommit=True) as conn:
        for s in schemas:
            conn.execute(f"DROP SCHEMA {s} CASCADE")


def test_ingest_two_at_once_match_a_serial_run(two_stores, tmp_path):
    race, serial = two_stores
    folder = tmp_path / "briefs"
    race_support.write_files(folder, n=40)
    from crossroads.store import open_store

    with open_store(race):  # create the schema before the race, as a first ingest would
        pass
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager, ProcessPoolExecutor(2, mp_context=ctx) as pool:
        barrier = manager.Barrier(2)
        runs = [pool.submit(race_support.ingest, race, str(folder), barrier) for _ in range(2)]
        reports = [r.result(timeout=300) for r in runs]
    assert [r["failed"] for r in reports] == [0, 0], [r["errors"] for r in reports]
    assert [r["read"] for r in reports] == [40, 40]
    assert sum(r["new"] for r in reports) == 40, reports
    assert all(r["new"] + r["duplicate"] == 40 for r in reports)
    assert sorted(reports[0]["documents"] + reports[1]["documents"]) == sorted(
        set(reports[0]["documents"]) | set(reports[1]["documents"])
    )

    one = race_support.ingest(serial, str(folder))
    assert one["new"] == 40 and one["failed"] == 0
    got, want = race_support.snapshot(race), race_support.snapshot(serial)
    assert len(want["entities"]) == 30 and len(want["documents"]) == 40
    assert got == want
