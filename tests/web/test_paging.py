"""Entity pages that do not grow with the store: paged profiles and HTML, totals from the
counts ingest keeps, the same pages on SQLite and PostgreSQL.

Each test builds a store of many copies of tests/web/sample.py's made-up documents (new ids,
the same entities), so Tajikistan's knowledge grows with the number of copies.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import sample
from fastapi.testclient import TestClient

from crossroads.model import Document, Evidence, Extraction
from crossroads.store import open_store
from crossroads.web import create_app

TJ = sample.TJ.id


def copies(n: int, start: int = 0) -> list[tuple[Document, Extraction]]:
    """n copies of the sample documents, each a distinct document dated a day apart."""
    docs = sample.documents()
    xs = {x.doc: x for x in sample.extractions(docs)}
    out = []
    for i in range(start, start + n):
        for d in docs.values():
            x = xs[d.id]
            new = f"d:copy{i:05d}{d.id[2:10]}"

            def ev(e: Evidence, new: str = new) -> Evidence:
                return Evidence(new, e.start, e.end)

            copy = replace(
                d,
                id=new,
                content_hash=f"{d.content_hash}-{i}",
                published=f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}",
            )
            out.append(
                (
                    copy,
                    Extraction(
                        new,
                        x.entities,
                        [replace(m, doc=new) for m in x.mentions],
                        [replace(r, evidence=ev(r.evidence)) for r in x.relations],
                        [
                            replace(e, evidence=ev(e.evidence), date=f"2021-{1 + i % 12:02d}")
                            for e in x.events
                        ],
                        [replace(q, evidence=ev(q.evidence)) for q in x.quotes],
                    ),
                )
            )
    return out


def add(url: str, pairs: list[tuple[Document, Extraction]]) -> None:
    with open_store(url) as store:
        store.add_documents([d for d, _ in pairs], [x for _, x in pairs])


@pytest.fixture
def big(store_url: str) -> str:
    add(store_url, copies(40))
    return store_url


def pages(client: TestClient, url: str, key: str, limit: int) -> list[list]:
    out, offset = [], 0
    while offset is not None:
        body = client.get(url, params={"limit": limit, "offset": offset}).json()
        out.append(body[key])
        offset = body["next_offset"]
    return out


def test_profile_pages_continue_without_repeats(big):
    with TestClient(create_app(big)) as client:
        first = client.get(f"/api/entities/{TJ}", params={"limit": 15}).json()
        assert first["totals"]["documents"] == 120  # every copy mentions Tajikistan
        assert first["totals"]["events"] == 40 and first["totals"]["quotes_about"] == 40
        per_copy = sum(
            m.entity == TJ for x in sample.extractions(sample.documents()) for m in x.mentions
        )
        assert first["entity"]["mentions"] == 40 * per_copy
        assert len(first["documents"]) == 15 and first["next_offset"] == 15
        docs = pages(client, f"/api/entities/{TJ}", "documents", 15)
        ids = [d["id"] for page in docs for d in page]
        assert len(docs) == 8 and len(ids) == 120 and len(set(ids)) == 120
        events = pages(client, f"/api/entities/{TJ}", "events", 15)
        dates = [e["evidence"][0]["doc"] for page in events for e in page]
        assert len(dates) == 40 and len(set(dates)) == 40


def test_large_entity_first_page_does_not_grow_with_the_store(big):
    with TestClient(create_app(big)) as client:
        small = len(client.get(f"/api/entities/{TJ}").content)
        html_small = len(client.get(f"/entities/{TJ}").content)
    add(big, copies(160, start=40))  # five times the documents
    with TestClient(create_app(big)) as client:
        body = client.get(f"/api/entities/{TJ}").json()
        large = len(json.dumps(body))
        html = client.get(f"/entities/{TJ}")
    assert body["totals"]["documents"] == 600 and len(body["documents"]) == 50
    for f in (f for g in body["facts"] for f in g["facts"]):
        assert len([e for e in f["evidence"] if e["kind"] == "text"]) <= 5
        assert f["evidence_total"] >= 200  # each copy states it once
    assert large < 1.3 * small and len(html.content) < 1.3 * html_small
    assert 'href="/entities/e:country/tj?offset=50">next' in html.text


def test_entity_page_second_page_shows_the_next_documents(big):
    with TestClient(create_app(big)) as client:
        one = client.get(f"/entities/{TJ}").text
        two = client.get(f"/entities/{TJ}", params={"offset": 50}).text
    firsts = {line for line in one.splitlines() if 'href="/documents/d:copy' in line}
    seconds = {line for line in two.splitlines() if 'href="/documents/d:copy' in line}
    assert firsts and seconds and not firsts & seconds
    assert "51–100 of 120" in two


def test_totals_follow_re_extraction(big):
    pairs = copies(1)
    with open_store(big) as store:
        for d, _x in pairs[:2]:
            store.replace_extraction(Extraction(d.id))  # read again: nothing found now
    with TestClient(create_app(big)) as client:
        body = client.get(f"/api/entities/{TJ}", params={"limit": 5}).json()
    assert body["totals"]["documents"] == 120 - 2
    assert body["totals"]["events"] == 39 and body["totals"]["quotes_about"] == 39


@pytest.mark.parametrize("path", ["/api/timeline", "/api/events", "/api/facts"])
def test_lists_say_where_the_next_page_starts(big, path):
    with TestClient(create_app(big)) as client:
        seen, offset, total = [], 0, None
        while offset is not None:
            body = client.get(path, params={"entity": TJ, "limit": 7, "offset": offset}).json()
            total = body["total"]
            seen += [json.dumps(it, sort_keys=True) for it in body["items"]]
            offset = body["next_offset"]
    assert total and len(seen) == total
    if path != "/api/facts":  # facts are merged: each is one statement, not one per copy
        assert total >= 40
