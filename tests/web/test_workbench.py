"""The analyst's workbench over a real SQLite store: reporting apart from the pack, facets,
aliases, readable timelines, pack citations that stay in the tool."""
from __future__ import annotations

import re

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
    assert [d["title"] for d in phrase["documents"]["items"]] == \
        ["Closed crossings and apricot traders"]
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
    assert c == {"url": "https://www.example.org/strategy", "note": "Transport Strategy 2030",
                 "host": "example.org"}
    assert citation("https://x.org/a (Code: X); coordinates: a gazetteer")["note"] == \
        "Code: X; coordinates: a gazetteer"
    assert citation("A printed atlas, 2001") == {"url": None, "note": "A printed atlas, 2001",
                                                 "host": None}


def test_pack_links_open_only_on_request(client):
    html = client.get("/entities/e:country/tj", params={"mode": "pack"}).text
    links = re.findall(r'<a href="(https?://[^"]+)"[^>]*>', html)
    assert links, "the pack's sources are cited"
    for url in links:  # every outside link sits inside a closed 'source link' disclosure
        before = html[:html.index(f'<a href="{url}"')]
        assert before.rfind('<details class="srclink">') > before.rfind("</details>"), url
        assert " " not in url


def test_timeline_labels_are_readable_and_pack_dates_optional(client):
    assert readable("start: Tajikistan member_of CSTO") == "Tajikistan member of CSTO begins"
    items = client.get("/api/timeline", params={"entity": "Tajikistan", "mode": "both",
                                                "limit": 500}).json()["items"]
    assert items and not any("_" in it["label"] for it in items)
    assert {it["origin"] for it in items} >= {"pack"}
    default = client.get("/api/timeline", params={"entity": "Tajikistan", "limit": 500}).json()
    assert default["mode"] == "reported"
    assert {it["origin"] for it in default["items"]} == {"extract"}


def test_pages_name_the_site_and_offer_a_skip_link(client, docs):
    for url in ("/", "/entities", "/entities/e:country/tj", f"/documents/{docs['talks'].id}",
                "/map", "/analyses/basing"):
        html = client.get(url).text
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert title == "crossroads" or title.endswith(" · crossroads"), (url, title)
        assert '<a class="skip" href="#main">' in html
    assert sample.TJ.name in client.get("/entities/e:country/tj").text
