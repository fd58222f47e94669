"""The analyst's workbench over a real SQLite store: reporting apart from the pack, facets,
aliases, readable timelines, pack citations that stay in the tool."""

from __future__ import annotations

import re

import pytest
import sample

from crossroads.web.data.graphs import readable
from crossroads.web.data.records import citation


def test_search_resolves_pack_aliases_the_store_never_saw(client):
    for alias in ("TTP", "Pakistani Taliban", "ISKP", "Daesh", "ISIS-K"):
        ents = client.get("/api/search", params={"q": alias}).json()["entities"]["items"]
        assert ents, alias
    ttp = client.get("/api/search", params={"q": "TTP"}).json()["entities"]["items"][0]
    assert ttp["id"] == "e:group/ttp"


def test_search_facets_count_and_narrow_documents(client):
    body = client.get("/api/search", params={"q": "Kyrgyzstan"}).json()
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in body["facets"]}
    assert facets["year"] == {"2020": 1, "2021": 1, "2022": 1}
    assert facets["type"] == {"Country": 1}
    assert facets["event"] == {"CONSULT": 1}
    narrowed = client.get("/api/search", params={"q": "Kyrgyzstan", "year": "2021"}).json()
    assert [d["title"] for d in narrowed["documents"]["items"]] == ["Water talks in Batken"]
    by_event = client.get("/api/search", params={"q": "Kyrgyzstan", "event": "CONSULT"}).json()
    assert by_event["documents"]["total"] == 1


def test_search_phrase_and_not_reach_the_store(client):
    phrase = client.get("/api/search", params={"q": '"apricot traders"'}).json()
    assert [d["title"] for d in phrase["documents"]["items"]] == [
        "Closed crossings and apricot traders"
    ]
    without = client.get("/api/search", params={"q": "Kyrgyzstan -apricots -reader"}).json()
    assert [d["title"] for d in without["documents"]["items"]] == ["Water talks in Batken"]


def test_search_page_shows_facets_with_counts(client):
    html = client.get("/", params={"q": "Kyrgyzstan"}).text
    assert 'data-facet="year"' in html and 'data-facet="event"' in html
    narrowed = client.get("/", params={"q": "Kyrgyzstan", "year": "2020"}).text
    assert "Closed crossings and apricot traders" in narrowed
    results = narrowed.split('id="results"')[1].split("Latest documents")[0]
    assert "Water talks in Batken" not in results


def test_entity_facts_default_to_the_reporting_and_can_show_the_pack(client):
    reported = client.get("/api/entities/e:country/tj").json()
    assert reported["mode"] == "reported"
    assert reported["mode_counts"]["pack"] > 0
    origins = {f["origin"] for g in reported["facts"] for f in g["facts"]}
    assert "pack" not in origins
    pack = client.get("/api/entities/e:country/tj", params={"mode": "pack"}).json()
    assert all("pack" in f["origin"] for g in pack["facts"] for f in g["facts"])
    both = client.get("/api/entities/e:country/tj", params={"mode": "both"}).json()
    assert both["fact_count"] == reported["mode_counts"]["both"] > reported["fact_count"]
    bad = client.get("/api/entities/e:country/tj", params={"mode": "all"})
    assert bad.status_code == 400 and bad.json()["param"] == "mode"


def test_entity_page_has_a_grade_scale_in_colour_and_words(client):
    html = client.get("/entities/e:country/tj").text
    for n, words in ((1, "confirmed"), (5, "improbable"), (6, "cannot be judged")):
        assert f'class="badge grade g{n}">{n} {words}' in html
    assert 'aria-current="true" data-mode="reported"' in html


def test_pack_citations_split_the_link_from_its_note():
    c = citation("https://www.example.org/strategy (Transport Strategy 2030)")
    assert c == {
        "url": "https://www.example.org/strategy",
        "note": "Transport Strategy 2030",
        "host": "example.org",
    }
    assert (
        citation("https://x.org/a (Code: X); coordinates: a gazetteer")["note"]
        == "Code: X; coordinates: a gazetteer"
    )
    assert citation("A printed atlas, 2001") == {
        "url": None,
        "note": "A printed atlas, 2001",
        "host": None,
    }


def test_pack_links_open_only_on_request(client):
    html = client.get("/entities/e:country/tj", params={"mode": "pack"}).text
    links = re.findall(r'<a href="(https?://[^"]+)"[^>]*>', html)
    assert links, "the pack's sources are cited"
    for url in links:  # every outside link sits inside a closed 'source link' disclosure
        before = html[: html.index(f'<a href="{url}"')]
        assert before.rfind('<details class="srclink">') > before.rfind("</details>"), url
        assert " " not in url


def test_timeline_labels_are_readable_and_pack_dates_optional(client):
    assert readable("start: Tajikistan member_of CSTO") == "Tajikistan member of CSTO begins"
    items = client.get(
        "/api/timeline", params={"entity": "Tajikistan", "mode": "both", "limit": 500}
    ).json()["items"]
    assert items and not any("_" in it["label"] for it in items)
    assert {it["origin"] for it in items} >= {"pack"}
    default = client.get("/api/timeline", params={"entity": "Tajikistan", "limit": 500}).json()
    assert default["mode"] == "reported"
    assert {it["origin"] for it in default["items"]} == {"extract"}


def test_pages_name_the_site_and_offer_a_skip_link(client, docs):
    for url in (
        "/",
        "/entities",
        "/entities/e:country/tj",
        f"/documents/{docs['talks'].id}",
        "/map",
        "/analyses/basing",
    ):
        html = client.get(url).text
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert title == "crossroads" or title.endswith(" · crossroads"), (url, title)
        assert '<a class="skip" href="#main">' in html
    assert sample.TJ.name in client.get("/entities/e:country/tj").text


def test_events_api_takes_from_and_to_as_the_cli_spells_them(client):
    spelt = client.get("/api/events", params={"from": "2022"}).json()
    assert spelt["total"] == 0 and spelt["date_from"] == "2022"
    assert client.get("/api/events", params={"from": "2021-05"}).json()["total"] == 1
    clash = client.get("/api/events", params={"from": "2021", "date_from": "2020"})
    assert clash.status_code == 400 and clash.json()["param"] == "date_from"
    bad = client.get("/api/quotes", params={"to": "May"})
    assert bad.status_code == 400 and bad.json()["param"] == "to"


def test_quotes_page_filters_and_links_each_quote_to_its_sentence(client, docs):
    html = client.get("/quotes", params={"speaker": "Rahmonzoda"}).text
    assert "No foreign base will be opened on our territory." in html
    start, _end = sample.sentence(docs["talks"], "Dilshod Rahmonzoda, the Tajik deputy minister")
    assert f"/documents/{docs['talks'].id}?hl={start}-" in html
    none = client.get("/quotes", params={"speaker": "Kyrgyzstan"}).text
    assert "No quotes match these filters." in none
    assert client.get("/quotes", params={"date_from": "2022"}).text.count("<blockquote") == 0


def test_events_page_filters_by_type_actor_mode_and_date(client, docs):
    html = client.get("/events").text
    assert "CONSULT" in html and f"/documents/{docs['talks'].id}?hl=" in html
    for params in (
        {"type": "ASSAULT"},
        {"actor": "Afghanistan"},
        {"mode": "planned"},
        {"date_from": "2022"},
    ):
        assert "No events match these filters." in client.get("/events", params=params).text
    assert (
        "CONSULT" in client.get("/events", params={"actor": "Kyrgyzstan", "mode": "asserted"}).text
    )
    assert client.get("/events", params={"type": "SHOUT"}).status_code == 400


def test_reader_shows_one_card_per_sentence_start(tmp_path):
    from fastapi.testclient import TestClient

    from crossroads.model import Document, Evidence, Extraction, Relation
    from crossroads.store import open_store
    from crossroads.web import create_app

    text = "Kyrgyzstan borders Tajikistan, and the talks in Batken went on. More followed."
    d = Document("d:cards00001", "cards.txt", text, title="Cards", content_hash="h-cards")
    short, long_ = text.index(", and"), text.index(" More")
    x = Extraction(
        d.id,
        entities=[sample.KG, sample.TJ],
        relations=[
            Relation(sample.KG.id, "borders", sample.TJ.id, Evidence(d.id, 0, short)),
            Relation(sample.TJ.id, "borders", sample.KG.id, Evidence(d.id, 0, long_)),
        ],
    )
    url = str(tmp_path / "cards.db")
    with open_store(url) as store:
        store.add_documents([d], [x])
    with TestClient(create_app(url)) as c:
        html = c.get(f"/documents/{d.id}").text
    assert html.count('id="f-0"') == 1
    assert html.count('class="sentcard') == 1
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_corridors_name_the_avoid_list_for_an_unknown_country(client):
    bad = client.get("/api/analyze/corridors", params={"from": "Kazakhstan", "avoid": "Atlantis"})
    assert bad.status_code == 404 and bad.json()["param"] == "avoid"
    assert "Atlantis" in bad.json()["error"]


def test_corridors_page_speaks_the_apis_from(client):
    html = client.get("/analyses/corridors", params={"from": "Tajikistan"}).text
    assert 'name="from" value="Tajikistan"' in html
    assert 'name="origin"' not in html
    old = client.get("/analyses/corridors", params={"origin": "Tajikistan"}).text
    assert 'name="from" value="Tajikistan"' in old


def test_analysis_pages_cite_the_pack_once_per_claim(client):
    html = client.get("/analyses/corridors", params={"from": "Kazakhstan"}).text
    assert "[pack" in html
    for cell in re.findall(r'<p class="reason">.*?</p>', html, flags=re.DOTALL):
        assert cell.count("[pack") <= 1, cell


def test_map_places_events_by_their_place_or_their_sentence(client):
    body = client.get("/api/map").json()
    assert body["unplaced"] == 0
    [ev] = body["events"]
    assert ev["type"] == "CONSULT" and ev["place"]["name"] == "Batken"
    assert ev["placed_by"] == "place" and ev["url"].startswith("/documents/")


def test_map_page_keeps_old_entity_type_links_and_checks_event_filters(client):
    assert client.get("/map", params={"type": "Place"}).status_code == 200
    assert "<option selected>Place</option>" in client.get("/map", params={"type": "Place"}).text
    assert client.get("/map", params={"type": "CONSULT"}).status_code == 200
    bad = client.get("/map", params={"mode": "maybe"})
    assert bad.status_code == 400 and "mode" in bad.text


def test_an_event_without_a_place_lands_on_the_most_specific_place_its_sentence_names(tmp_path):
    from crossroads.model import Document, Event, Evidence, Extraction, Mention
    from crossroads.store import open_store
    from crossroads.web.data.eventmap import placed_events
    from crossroads.web.data.records import Lookup

    text = "Tajikistan sent envoys to Batken for talks with Kyrgyzstan."
    d = Document("d:place00001", "place.txt", text, content_hash="h-place")
    ments = [
        Mention(e.id, d.id, text.index(s), text.index(s) + len(s), s)
        for e, s in (
            (sample.TJ, "Tajikistan"),
            (sample.BATKEN, "Batken"),
            (sample.KG, "Kyrgyzstan"),
        )
    ]
    x = Extraction(
        d.id,
        entities=[sample.TJ, sample.KG, sample.BATKEN],
        mentions=ments,
        events=[
            Event(
                "CONSULT",
                (sample.TJ.id,),
                (sample.KG.id,),
                Evidence(d.id, 0, len(text)),
                date="2021",
            )
        ],
    )
    with open_store(str(tmp_path / "p.db")) as store:
        store.add_documents([d], [x])
        [ev] = placed_events(store, Lookup(store))["events"]
    assert ev["place"]["name"] == "Batken" and ev["placed_by"] == "sentence"


def test_network_is_capped_and_says_what_it_left_out(client):
    full = client.get(
        "/api/network", params={"entity": "Tajikistan", "mode": "both", "cap": 0}
    ).json()
    assert full["left_out"]["nodes"] == 0 and len(full["nodes"]) == full["total_nodes"] > 4
    capped = client.get(
        "/api/network", params={"entity": "Tajikistan", "mode": "both", "cap": 4}
    ).json()
    assert len(capped["nodes"]) == 4 and any(n["centre"] for n in capped["nodes"])
    assert capped["left_out"]["nodes"] == full["total_nodes"] - 4
    assert sum(capped["left_out"]["by_type"].values()) == capped["left_out"]["nodes"]
    html = client.get("/network", params={"entity": "Tajikistan", "mode": "both", "cap": 4}).text
    assert f"{capped['left_out']['nodes']} nodes (" in html and "show all" in html


def test_network_filters_by_source_type_and_degree_and_sizes_by_centrality(client):
    reported = client.get("/api/network", params={"entity": "Tajikistan"}).json()
    assert reported["mode"] == "reported"
    assert all(e["origin"] and "extract" in e["origin"] for e in reported["edges"])
    assert all(e["fact"] for e in reported["edges"])
    centre = next(n for n in reported["nodes"] if n["centre"])
    assert centre["centrality"] == max(n["centrality"] for n in reported["nodes"])
    orgs = client.get(
        "/api/network", params={"entity": "Tajikistan", "mode": "both", "type": "Organization"}
    ).json()
    assert {n["type"] for n in orgs["nodes"] if not n["centre"]} == {"Organization"}
    hubs = client.get(
        "/api/network", params={"entity": "Tajikistan", "mode": "both", "min_degree": 2}
    ).json()
    assert all(n["degree"] >= 2 for n in hubs["nodes"] if not n["centre"])
    bad = client.get("/api/network", params={"entity": "Tajikistan", "type": "Planet"})
    assert bad.status_code == 400 and bad.json()["param"] == "type"


@pytest.fixture
def write_client(tmp_path):
    from fastapi.testclient import TestClient

    from crossroads.web import create_app

    url = str(tmp_path / "write.db")
    docs = sample.build(url)
    with TestClient(create_app(url, write=True)) as c:
        yield c, docs


def test_exports_download_in_every_format(client):
    for fmt, media in (
        ("jsonl", "ndjson"),
        ("ftm", "ndjson"),
        ("csv", "text/csv"),
        ("graphml", "graphml"),
    ):
        resp = client.get("/api/export", params={"format": fmt})
        assert resp.status_code == 200 and media in resp.headers["content-type"]
        assert resp.headers["content-disposition"].startswith("attachment;")
        assert int(resp.headers["x-records"]) > 0 and resp.content
    one = client.get("/api/export", params={"format": "jsonl", "source": "apricots.txt"})
    assert "talks-2021-05.txt" not in one.text and "apricots.txt" in one.text
    bad = client.get("/api/export", params={"format": "xml"})
    assert bad.status_code == 400 and bad.json()["param"] == "format"


def test_documents_page_offers_downloads_and_upload_only_when_writable(client, write_client):
    html = client.get("/documents").text
    assert 'href="/api/export?format=ftm"' in html and 'id="upload"' not in html
    assert 'id="upload"' in write_client[0].get("/documents").text


def test_correction_keeps_the_original_beside_it(client, write_client):
    c, docs = write_client
    talks = docs["talks"]
    assert client.patch(f"/api/documents/{talks.id}", json={"title": "x"}).status_code == 403
    body = c.patch(
        f"/api/documents/{talks.id}", json={"published": "2021-05-12", "author": "Field desk"}
    ).json()
    assert body["published"] == "2021-05-12" and body["author"] == "Field desk"
    assert body["original"] == {"published": "2021-05-13", "author": "Staff writer"}
    resp = c.post(
        f"/documents/{talks.id}/correct",
        follow_redirects=False,
        data={
            "title": "Water talks in Batken, corrected",
            "published": "2021-05-12",
            "author": "Field desk",
        },
    )
    assert resp.status_code == 303
    html = c.get(resp.headers["location"]).text
    assert "<h1>Water talks in Batken, corrected</h1>" in html
    assert "read from the file: <q>Water talks in Batken</q>" in html
    assert "read from the file: <q>2021-05-13</q>" in html
    bad = c.patch(f"/api/documents/{talks.id}", json={"published": "spring"})
    assert bad.status_code == 400 and bad.json()["param"] == "published"
    assert c.patch("/api/documents/d:nothing000", json={"title": "x"}).status_code == 404


def test_upload_ingests_a_file_and_names_a_bad_one(write_client):
    c, _ = write_client
    text = b"Kazakhstan and Kyrgyzstan signed a water agreement in Bishkek on 3 March 2022."
    ok = c.post("/api/upload", params={"name": "water-deal.txt"}, content=text)
    assert ok.status_code == 201 and ok.json()["new"] == 1
    titles = {d["source"] for d in c.get("/api/documents").json()["items"]}
    assert "water-deal.txt" in titles
    again = c.post("/api/upload", params={"name": "water-deal.txt"}, content=text).json()
    assert again["new"] == 0 and again["duplicate"] == 1
    png = c.post("/api/upload", params={"name": "map.png"}, content=b"\x89PNG\r\n....").json()
    assert png["failed"] == 1 and png["errors"][0].startswith("map.png: unsupported format")
    assert "/tmp" not in png["errors"][0]


def test_a_pack_alias_finds_the_documents_that_name_the_entity_otherwise(client, docs):
    body = client.get("/api/search", params={"q": "Kirghizia"}).json()
    assert body["entities"]["items"][0]["id"] == sample.KG.id
    titles = {d["title"] for d in body["documents"]["items"]}
    assert {"Water talks in Batken", "Closed crossings and apricot traders"} <= titles
    hit = next(d for d in body["documents"]["items"] if d["title"] == "Water talks in Batken")
    assert "[Kyrgyzstan]" in hit["snippet"]


def test_events_page_downloads_what_it_shows_as_csv(client):
    import csv
    import io

    resp = client.get("/events.csv", params={"type": "CONSULT"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert [(r["type"], r["place"], r["actors"]) for r in rows] == [
        ("CONSULT", "Batken", "Tajikistan; Kyrgyzstan")
    ]
    assert rows[0]["link"].startswith("/documents/")
    empty = client.get("/events.csv", params={"type": "ASSAULT"}).text.strip().splitlines()
    assert len(empty) == 1  # the header only


def test_grading_a_source_in_the_ui_changes_fact_reliability_and_exports(client, write_client):
    import tomllib

    c, docs = write_client
    rows = c.get("/api/sources").json()["items"]
    staff = next(r for r in rows if r["kind"] == "author" and r["name"] == "Staff writer")
    assert staff["grade"] == "F" and staff["set_in"] is None and staff["documents"] == 1
    assert (
        client.put(
            "/api/sources", json={"kind": "author", "name": "Staff writer", "grade": "B"}
        ).status_code
        == 403
    )
    bad = c.put("/api/sources", json={"kind": "author", "name": "Staff writer", "grade": "Z"})
    assert bad.status_code == 400 and bad.json()["param"] == "grade"

    def member_reliability():
        facts = c.get(
            "/api/facts", params={"entity": "Tajikistan", "predicate": "member_of"}
        ).json()["items"]
        ev = next(e for f in facts for e in f["evidence"] if e["doc"] == docs["talks"].id)
        return ev["reliability"]

    assert member_reliability() == "F"
    resp = c.post(
        "/sources",
        data={"kind": "author", "name": "Staff writer", "grade": "B"},
        follow_redirects=False,
    )
    assert resp.status_code == 303
    assert member_reliability() == "B"
    html = c.get("/sources").text
    assert "this store" in html and "<option selected>B</option>" in html
    exported = tomllib.loads(c.get("/api/sources.toml").text)
    assert exported["authors"] == {"Staff writer": "B"}


def test_search_results_badge_conflicts_and_corroboration(client):
    body = client.get(
        "/api/search", params={"q": "Kyrgyzstan", "mode": "both", "limit": 200}
    ).json()
    member = [
        f
        for f in body["facts"]["items"]
        if f["predicate"] == "member_of"
        and f["object"]["id"] == sample.CSTO.id
        and f["subject"]["id"] == sample.KG.id
    ]
    assert member and all(f["conflict"] for f in member)  # the text denies what the pack says
    borders = next(
        f
        for f in body["facts"]["items"]
        if f["predicate"] == "borders" and f["object"]["id"] == sample.TJ.id
    )
    assert borders["sources"] == 2 and not borders["conflict"]
    html = client.get("/", params={"q": "Kyrgyzstan", "mode": "both"}).text
    assert 'class="badge conflict"' in html and "corroborated · 2 sources" in html


def test_facts_api_puts_the_reporting_first_too(client):
    reported = client.get("/api/facts", params={"entity": "Tajikistan"}).json()
    assert (
        reported["mode"] == "reported" and reported["total"] == reported["mode_counts"]["reported"]
    )
    both = client.get("/api/facts", params={"entity": "Tajikistan", "mode": "both"}).json()
    assert both["total"] == reported["mode_counts"]["both"] > reported["total"]


def test_workbench_answers_alike_on_every_store_backend(store_url):
    """Facets, query syntax, corrections and grades over SQLite and PostgreSQL."""
    from fastapi.testclient import TestClient

    from crossroads.web import create_app

    docs = sample.build(store_url)
    with TestClient(create_app(store_url, write=True)) as c:
        body = c.get("/api/search", params={"q": "Kyrgyzstan -apricots", "year": "2021"}).json()
        assert [d["id"] for d in body["documents"]["items"]] == [docs["talks"].id]
        years = {v["value"] for f in body["facets"] if f["name"] == "year" for v in f["values"]}
        assert years == {"2021", "2022"}
        assert c.get("/api/search", params={"q": "apricot*"}).json()["documents"]["total"] == 1
        fixed = c.patch(
            f"/api/documents/{docs['corridor'].id}",
            json={"title": "Apricot season lost at the border"},
        ).json()
        assert fixed["original"] == {"title": "Closed crossings and apricot traders"}
        hits = c.get("/api/search", params={"q": '"season lost"'}).json()["documents"]
        assert [d["id"] for d in hits["items"]] == [docs["corridor"].id]
        c.put("/api/sources", json={"kind": "publisher", "name": "apricots.txt", "grade": "C"})
        graded = c.get("/api/search", params={"q": "apricots"}).json()["documents"]["items"]
        assert graded[0]["grade"] == "C"


def test_two_places_on_one_point_get_two_markers(tmp_path):
    from crossroads.model import Document, Entity, Event, Evidence, Extraction
    from crossroads.store import open_store
    from crossroads.web.data.eventmap import placed_events
    from crossroads.web.data.records import Lookup

    region = Entity("e:place/upper-valley", "Place", "Upper Valley", (), {"lat": 41.0, "lon": 64.0})
    town = Entity("e:place/stone-ford", "Place", "Stone Ford", (), {"lat": 41.0, "lon": 64.0})
    text = "Envoys met in Upper Valley. Troops gathered at Stone Ford."
    d = Document("d:nudge00001", "nudge.txt", text, content_hash="h-nudge")
    a, b = text.index("Troops"), len(text)
    x = Extraction(
        d.id,
        entities=[region, town],
        events=[
            Event("CONSULT", (), (), Evidence(d.id, 0, a - 1), place=region.id),
            Event("MOBILIZE", (), (), Evidence(d.id, a, b), place=town.id),
        ],
    )
    with open_store(str(tmp_path / "n.db")) as store:
        store.add_documents([d], [x])
        events = placed_events(store, Lookup(store))["events"]
    points = {(e["place"]["lat"], e["place"]["lon"]) for e in events}
    assert len(points) == 2 and {e["place"]["name"] for e in events} == {
        "Upper Valley",
        "Stone Ford",
    }


def test_analyses_are_remembered_until_the_store_changes(write_client):
    c, _docs = write_client
    first = c.get("/api/analyze/spillover", params={"country": "Tajikistan"}).json()
    [before] = c.app.state.memo._items  # kept
    assert c.get("/api/analyze/spillover", params={"country": "Tajikistan"}).json() == first
    c.put("/api/sources", json={"kind": "author", "name": "Staff writer", "grade": "A"})
    assert not c.app.state.memo._items  # a write forgets
    c.get("/api/analyze/spillover", params={"country": "Tajikistan"})
    c.post(
        "/api/upload",
        params={"name": "more.txt"},
        content=b"Valley Front fighters were seen in Batken on 2 June 2021.",
    )
    assert not c.app.state.memo._items
    c.get("/api/analyze/spillover", params={"country": "Tajikistan"})
    [now] = c.app.state.memo._items
    assert now[:2] == before[:2] and now[2] != before[2]  # same question, new store generation


def test_pack_evidence_and_conflicts_read_as_words(client):
    html = client.get("/entities/e:country/tj", params={"mode": "both"}).text
    assert "member of Collective Security Treaty Organization (1992" in html
    assert "member_of" not in html.split('id="page-data"')[0]
    body = client.get("/api/conflicts", params={"entity": "Kyrgyzstan"}).json()
    assert body["items"] and not any("_" in c["summary"] for c in body["items"])


def test_the_search_view_downloads_only_what_it_found(client, docs):
    import json

    body = client.get("/api/export", params={"format": "jsonl", "q": "apricots"}).text
    records = [json.loads(line) for line in body.splitlines()]
    assert {r["id"] for r in records if r["kind"] == "document"} == {docs["corridor"].id}
    assert {e["doc"] for r in records if r["kind"] == "relation" for e in r["evidence"]} == {
        docs["corridor"].id
    }
    events = (
        client.get("/api/export", params={"format": "csv", "q": "Kyrgyzstan", "year": "2020"})
        .text.strip()
        .splitlines()
    )
    assert len(events) == 1  # the 2020 article holds no event: the header only
    whole = client.get("/api/export", params={"format": "csv"}).text.strip().splitlines()
    assert len(whole) == 2
    html = client.get("/", params={"q": "Kyrgyzstan", "year": "2021"}).text
    assert 'href="/api/export?format=ftm&amp;q=Kyrgyzstan&amp;year=2021"' in html


def test_an_entity_view_downloads_the_documents_that_mention_it(client, docs):
    import json

    body = client.get("/api/export", params={"format": "jsonl", "entity": "Dilshod Rahmonzoda"})
    kinds = [json.loads(line) for line in body.text.splitlines()]
    assert {r["id"] for r in kinds if r["kind"] == "document"} == {docs["talks"].id}
    assert 'id="entity-downloads"' in client.get("/entities/e:country/tj").text
    missing = client.get("/api/export", params={"format": "csv", "entity": "Atlantis"})
    assert missing.status_code == 404 and missing.json()["param"] == "entity"
