"""The HTTP API over a real SQLite store: shapes, pagination, errors, OpenAPI."""

from __future__ import annotations

import pytest
import sample

ERROR_KEYS = {"status", "error", "param"}


def _error(resp, status: int, param: str | None):
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == ERROR_KEYS
    assert body["status"] == status
    assert body["param"] == param
    assert isinstance(body["error"], str) and body["error"]
    return body


def test_api_stats_counts_what_the_store_holds(client):
    counts = client.get("/api/stats").json()["counts"]
    assert counts["documents"] == 3
    assert counts["quotes"] == 1


def test_api_search_groups_documents_entities_and_facts(client):
    body = client.get("/api/search", params={"q": "Tajikistan"}).json()
    assert {"documents", "entities", "facts"} <= set(body)
    assert body["entities"]["items"][0]["id"] == sample.TJ.id
    titles = {d["title"] for d in body["documents"]["items"]}
    assert "Water talks in Batken" in titles
    assert any(f["predicate"] == "member_of" for f in body["facts"]["items"])


def test_api_documents_paginate_with_total(client):
    first = client.get("/api/documents", params={"limit": 2}).json()
    second = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    ids = {d["id"] for d in first["items"]} | {d["id"] for d in second["items"]}
    assert len(ids) == 3


def test_api_document_has_mentions_and_facts_per_sentence(client, docs):
    talks = docs["talks"]
    body = client.get(f"/api/documents/{talks.id}").json()
    assert body["document"]["text"] == talks.text
    assert any(m["entity"] == sample.CSTO.id for m in body["mentions"])
    start, _end = sample.sentence(talks, "Tajikistan has been a member of the CSTO since 1994")
    sent = next(s for s in body["sentences"] if s["start"] == start)
    assert sent["relations"][0]["predicate"] == "member_of"
    assert sent["relations"][0]["evidence"][0]["url"].startswith(
        f"/documents/{talks.id}?hl={start}-"
    )


def test_api_entity_profile_has_facts_with_evidence(client, docs):
    body = client.get(f"/api/entities/{sample.TJ.id}").json()
    assert body["entity"]["name"] == "Tajikistan"
    member = next(g for g in body["facts"] if g["predicate"] == "member_of")
    csto = next(f for f in member["facts"] if f["object"]["id"] == sample.CSTO.id)
    texts = [e["text"] for e in csto["evidence"] if e["kind"] == "text"]
    assert any("member of the CSTO since 1994" in t for t in texts)
    assert csto["sources"] >= 1
    assert body["quotes_about"][0]["text"].startswith("No foreign base")


def test_api_entity_by_name_resolves(client):
    assert client.get("/api/entities/Kyrgyzstan").json()["entity"]["id"] == sample.KG.id


def test_api_unknown_entity_is_404_in_the_error_shape(client):
    _error(client.get("/api/entities/e:person/nobody-at-all"), 404, "entity_id")
    _error(client.get("/api/facts", params={"entity": "Atlantis Nowhere"}), 404, "entity")


def test_api_bad_date_is_400_naming_the_parameter(client):
    body = _error(client.get("/api/facts", params={"as_of": "2021-13-01"}), 400, "as_of")
    assert "2021-13-01" in body["error"]
    _error(client.get("/api/events", params={"date_from": "last year"}), 400, "date_from")
    _error(client.get("/api/timeline", params={"date_to": "2021/05"}), 400, "date_to")


def test_api_validation_errors_are_400_naming_the_parameter(client):
    _error(client.get("/api/documents", params={"limit": 0}), 400, "limit")
    _error(client.get("/api/documents", params={"offset": "x"}), 400, "offset")
    _error(client.get("/api/search"), 400, "q")
    _error(client.get("/api/facts", params={"predicate": "likes"}), 400, "predicate")
    _error(client.get("/api/entities", params={"type": "Dragon"}), 400, "type")


def test_api_unknown_route_and_method_use_the_error_shape(client):
    _error(client.get("/api/no-such-thing"), 404, None)
    _error(client.delete("/api/documents"), 405, None)


def test_api_is_read_only_without_write(client):
    body = _error(client.post("/api/ingest", json={"source": "a.txt", "text": "Hello."}), 403, None)
    assert "--write" in body["error"]


def test_api_facts_filter_by_predicate_and_as_of(client):
    body = client.get(
        "/api/facts", params={"entity": "Tajikistan", "predicate": "member_of"}
    ).json()
    assert body["total"] >= 1
    assert all(f["predicate"] == "member_of" for f in body["items"])

    def members_as_of(day):
        got = client.get(
            "/api/facts", params={"entity": sample.TJ.id, "predicate": "member_of", "as_of": day}
        ).json()
        return {f["object"]["id"] for f in got["items"]}

    # a member since 1994: not yet in 1990, one in 2000 (so the filter is not just empty)
    assert sample.CSTO.id not in members_as_of("1990")
    assert sample.CSTO.id in members_as_of("2000")


def test_api_quotes_events_timeline_network_map(client):
    q = client.get("/api/quotes", params={"speaker": sample.MINISTER.id}).json()
    assert q["total"] == 1 and q["items"][0]["speaker"]["name"] == "Dilshod Rahmonzoda"
    ev = client.get("/api/events", params={"type": "CONSULT"}).json()
    assert ev["items"][0]["date"] == "2021-05-12"
    tl = client.get("/api/timeline", params={"entity": sample.KG.id, "limit": 500}).json()
    assert any(it["date"] == "2021-05-12" for it in tl["items"])
    net = client.get("/api/network", params={"entity": sample.TJ.id}).json()
    ids = {n["id"] for n in net["nodes"]}
    assert {sample.TJ.id, sample.CSTO.id} <= ids and net["edges"]
    markers = {m["id"]: m for m in client.get("/api/map").json()["markers"]}
    assert markers[sample.BATKEN.id]["events"][0]["type"] == "CONSULT"


def test_api_spillover_cites_its_sources(client, docs):
    body = client.get("/api/analyze/spillover", params={"country": "Tajikistan"}).json()
    group = next(g for g in body["groups"] if g["group"]["id"] == sample.GROUP.id)
    ev = group["placements"][0]["fact"]["evidence"][0]
    assert ev["doc"] == docs["talks"].id and "Valley Front" in ev["text"]


def test_api_analyses_name_the_bad_parameter(client):
    _error(
        client.get("/api/analyze/spillover", params={"country": "Atlantis Nowhere"}), 404, "country"
    )
    _error(client.get("/api/analyze/basing", params={"power": "United States"}), 400, "hosts")


def test_api_openapi_document_validates(client):
    spec = client.get("/openapi.json").json()
    from openapi_spec_validator import validate

    validate(spec)
    for path in (
        "/api/search",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/entities",
        "/api/facts",
        "/api/quotes",
        "/api/events",
        "/api/conflicts",
        "/api/timeline",
        "/api/network",
        "/api/analyze/basing",
        "/api/analyze/corridors",
        "/api/analyze/spillover",
        "/api/stats",
    ):
        assert path in spec["paths"], path


def test_api_docs_are_served_offline(client):
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/entities/e:country/tj.json",
        "/map.json",
        "/timeline.json",
        "/network.json?entity=Tajikistan",
        "/index.json",
        "/analyses/spillover.json?country=Tajikistan",
    ],
)
def test_api_pages_have_json_twins(client, url):
    resp = client.get(url)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/json")


def test_api_page_html_escapes_stored_markup(client, docs):
    hostile = docs["hostile"]
    html = client.get(f"/documents/{hostile.id}", headers={"accept": "text/html"}).text
    assert "<script>window.__xss" not in html
    assert '<img src="x"' not in html
    assert "&lt;script&gt;window.__xss = &#39;script&#39;;&lt;/script&gt;" in html
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]


def test_api_write_mode_validates_the_ingest_body(web_store):
    from fastapi.testclient import TestClient

    from crossroads.web import create_app

    with TestClient(create_app(web_store[0], write=True)) as c:
        _error(c.post("/api/ingest", json={"source": "a.txt"}), 400, "text")
        assert c.get("/api/stats").json()["write"] is True


@pytest.mark.slow
def test_api_write_mode_ingests_a_text(tmp_path):
    from fastapi.testclient import TestClient

    from crossroads.web import create_app

    url = str(tmp_path / "w.db")
    sample.build(url)
    text = (
        "Kyrgyzstan and Tajikistan signed a border agreement in Bishkek on 3 March 2023. "
        "Officials of both countries attended the ceremony."
    )
    with TestClient(create_app(url, write=True)) as c:
        resp = c.post("/api/ingest", json={"source": "border-deal.txt", "text": text})
        assert resp.status_code == 201, resp.text
        assert resp.json()["new"] == 1
        assert c.get("/api/stats").json()["counts"]["documents"] == 4
        again = c.post("/api/ingest", json={"source": "border-deal.txt", "text": text})
        assert again.status_code == 200 and again.json()["duplicate"] == 1


def test_api_page_errors_are_html_for_browsers_and_json_for_twins(client):
    html = client.get("/map", params={"date_from": "soon"}, headers={"accept": "text/html"})
    assert html.status_code == 400 and "text/html" in html.headers["content-type"]
    assert "date_from" in html.text
    _error(client.get("/map.json", params={"date_from": "soon"}), 400, "date_from")
    _error(client.get("/entities/e:group/nobody.json"), 404, "entity_id")


def test_api_serves_any_store_backend(store_url):
    """The same answers over SQLite and PostgreSQL (the app only uses the store contract)."""
    from fastapi.testclient import TestClient

    from crossroads.web import create_app

    docs = sample.build(store_url)
    with TestClient(create_app(store_url)) as c:
        assert c.get("/api/stats").json()["counts"]["documents"] == 3
        hits = c.get("/api/search", params={"q": "apricots"}).json()["documents"]["items"]
        assert [h["id"] for h in hits] == [docs["corridor"].id]
        body = c.get(f"/api/documents/{docs['talks'].id}").json()
        assert len(body["sentences"]) == 4
        _error(c.get("/api/entities/e:country/zz"), 404, "entity_id")


def test_api_conflicts_are_listed_and_flagged_on_the_entity(client, docs):
    body = client.get("/api/conflicts", params={"entity": "Kyrgyzstan"}).json()
    assert body["total"] >= 1
    c = next(c for c in body["items"] if c["predicate"] == "member_of")
    cited = [e for s in c["sides"] for e in s["evidence"] if e["kind"] == "text"]
    assert any(e["doc"] == docs["corridor"].id for e in cited)
    profile = client.get(f"/api/entities/{sample.KG.id}").json()
    member = next(g for g in profile["facts"] if g["predicate"] == "member_of")
    assert any(f["conflict"] for f in member["facts"] if f["object"]["id"] == sample.CSTO.id)
    html = client.get(f"/entities/{sample.KG.id}", headers={"accept": "text/html"}).text
    assert 'class="badge conflict"' in html


def test_api_basing_gives_a_verdict_per_host_with_cited_reasons(client):
    body = client.get(
        "/api/analyze/basing", params={"power": "United States", "hosts": "Tajikistan,Kyrgyzstan"}
    ).json()
    hosts = [o["host"]["id"] for o in body["options"]]
    assert hosts == [sample.TJ.id, sample.KG.id]
    for o in body["options"]:
        assert o["verdict"] in ("open", "constrained", "closed", "unknown")
        for r in o["reasons"]:
            assert r["evidence"], r  # every reason cites a sentence or a pack entry
            assert r["kind"] in body["kinds"]


def test_api_corridors_avoid_is_a_what_if(client):
    base = client.get("/api/analyze/corridors", params={"from": "Tajikistan"}).json()
    avoided = client.get(
        "/api/analyze/corridors", params={"from": "Tajikistan", "avoid": "Afghanistan"}
    ).json()
    assert avoided["avoid"] == ["Afghanistan"]
    assert avoided["routes"], "no route left to check"
    for r in avoided["routes"]:
        assert sample.AF.id not in {c["id"] for c in r["countries"]}
        assert all(st["evidence"] for st in r["steps"])
    assert base["routes"] != avoided["routes"] or not base["routes"]


def test_api_timeline_and_network_filters(client, docs):
    tl = client.get("/api/timeline", params={"entity": "Kyrgyzstan", "type": "CONSULT"}).json()
    assert tl["total"] >= 1 and all(it["type"] == "CONSULT" for it in tl["items"])
    _error(client.get("/api/timeline", params={"type": "PARTY"}), 400, "type")
    net = client.get("/api/network", params={"q": "apricots"}).json()
    assert {n["id"] for n in net["nodes"]} == {sample.KG.id, sample.TJ.id, sample.CSTO.id}
    borders = client.get(
        "/api/network", params={"entity": sample.TJ.id, "predicate": "borders"}
    ).json()
    assert borders["edges"] and all(e["predicate"] == "borders" for e in borders["edges"])


def test_api_huge_search_query_is_a_quick_400_naming_no_path(client, web_store):
    import time

    query = " ".join(["apricots"] * 7300)[:64_000]  # the 65 KB URL httpx allows
    started = time.perf_counter()
    body = _error(client.get("/api/search", params={"q": query}), 400, "q")
    assert time.perf_counter() - started < 5
    assert "too long" in body["error"] and "64,000" in body["error"]
    assert web_store[0] not in body["error"] and "/" not in body["error"]
    many = _error(client.get("/api/search", params={"q": "a " * 40}), 400, "q")
    assert "too many words" in many["error"]
    html = client.get("/", params={"q": query}, headers={"accept": "text/html"})
    assert html.status_code == 400 and "too long" in html.text


def test_the_server_loads_its_pack_before_the_first_request(web_store):
    """Start-up loads the pack and freezes what it loaded out of the collector's full passes
    (which walked every loaded object, 80-90 ms once in about ten requests at 100k)."""
    import gc

    from fastapi.testclient import TestClient

    from crossroads.web import create_app

    app = create_app(web_store[0])
    assert app.state.pack is None
    gc.unfreeze()  # (an earlier server in this session froze what it had loaded)
    with TestClient(app) as c:
        assert app.state.pack is not None  # no request has been made yet
        assert gc.get_freeze_count() > 10_000
        assert c.get("/api/search", params={"q": "Kabul"}).status_code == 200
    assert gc.get_freeze_count() == 0  # thawed when it stops: a dropped app is collectable


def test_api_search_pages_carry_the_snippets_search_cuts(client, web_store):
    """Snippets are cut for the shown page alone, and are the ones the store's search cuts."""
    from crossroads.store import open_store

    with open_store(web_store[0]) as store:
        want = {h.document.id: h.snippet for h in store.search("Tajikistan", limit=200)}
    assert len(want) == 3
    seen = []
    for offset in range(3):
        params = {"q": "Tajikistan", "limit": 1, "offset": offset}
        for d in client.get("/api/search", params=params).json()["documents"]["items"]:
            assert d["snippet"] == want[d["id"]] and "[Tajikistan]" in d["snippet"]
            seen.append(d["id"])
    assert sorted(seen) == sorted(want)
