"""Conflicts read from the per-fact summaries where they decide (a side with two sources, a
pack date contradicting every reading) give the answer that reading every reading gave.

Run on every backend (SQLite and, with CROSSROADS_TEST_PG, PostgreSQL): the hand-made world
with three clones of each document (each fact read four times over), against the conflicts
recorded when every candidate's readings were read (conflicts_clones.json). Made-up text.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis_world import build_store
from clones import clone_documents
from fastapi.testclient import TestClient

from crossroads.analysis.conflicts import conflicts
from crossroads.store import open_store
from crossroads.web import create_app


def test_conflicts_on_clones_answer_as_before(store, world):
    _world_store, pack, _docs = world
    build_store(store, pack)
    clone_documents(store, 3)
    want = json.loads((Path(__file__).parent / "conflicts_clones.json").read_text())
    got = [c.to_dict() for c in conflicts(store, pack)]
    assert got == want
    assert {c["kind"] for c in got} == {"pack", "negation", "period", "estimate"}
    for entity in ("e:country/uz", "e:country/kg", "e:group/imu", "e:country/tj"):
        mine = [c for c in want if entity in (c["subject"], c["object"])]
        assert [c.to_dict() for c in conflicts(store, pack, entity)] == mine


def test_conflicts_pages_in_the_api_and_the_html_page(store_url, world):
    _world_store, pack, _docs = world
    with open_store(store_url) as store:
        build_store(store, pack)
        clone_documents(store, 3)
    with TestClient(create_app(store_url, pack)) as client:
        whole = client.get("/api/conflicts", params={"limit": 500}).json()
        assert whole["total"] == len(whole["items"]) == 4 and whole["next_offset"] is None
        for offset in (0, 2, 3, 4):
            got = client.get("/api/conflicts", params={"limit": 2, "offset": offset}).json()
            assert got["items"] == whole["items"][offset : offset + 2]
            assert (got["total"], got["next_offset"]) == (4, offset + 2 if offset < 2 else None)
        html = client.get("/analyses/conflicts", params={"limit": 3}).text
        assert html.count("<h3>") == 3 and "1–3 of 4" in html
        assert 'href="/analyses/conflicts?limit=3&amp;offset=3"' in html
        rest = client.get("/analyses/conflicts", params={"limit": 3, "offset": 3}).text
        assert rest.count("<h3>") == 1 and "4–4 of 4" in rest
