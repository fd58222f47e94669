"""The FtM, events CSV and GraphML exports on the hand-made world of tests/analysis."""

import csv
import io
import json
import sys
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "analysis"))  # the shared test world
from analysis_world import build_pack, build_store

from crossroads.export import events_csv, ftm, graphml
from crossroads.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("export-world")
    pack = build_pack(base / "pack")
    store = SQLiteStore(base / "w.db")
    docs = build_store(store, pack)
    yield store, pack, docs
    store.close()


def test_ftm_entities_validate_and_link(world):
    from followthemoney import EntityProxy, model

    store, pack, _ = world
    out = io.StringIO()
    n = ftm.write(store, out, pack=pack)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(lines)
    proxies = {p["id"]: model.get_proxy(p) for p in lines}  # raises on an invalid entity
    by_schema: dict[str, list[EntityProxy]] = {}
    for p in proxies.values():
        by_schema.setdefault(p.schema.name, []).append(p)
    tj = proxies["crossroads-e-country-tj"]
    assert tj.schema.name == "PublicBody" and tj.first("name") == "Tajikistan"
    members = {(m.first("member"), m.first("organization")) for m in by_schema["Membership"]}
    assert ("crossroads-e-country-tj", "crossroads-e-org-csto") in members
    imu = proxies["crossroads-e-group-imu"]
    assert imu.get("topics") == ["crime.terror"]
    assert by_schema["Sanction"][0].first("authority") == "United States"
    occ = [
        o for o in by_schema["Occupancy"] if o.first("holder") == "crossroads-e-person-imran-khan"
    ]
    assert proxies[occ[0].first("post")].first("name") == "Prime Minister, Pakistan"
    assert all(x.get("proof") for x in by_schema["Membership"] + by_schema["UnknownLink"])
    # the negated "does not host Indian forces" is not exported as a link
    links = {
        (u.first("subject"), u.first("role"), u.first("object")) for u in by_schema["UnknownLink"]
    }
    assert (
        "crossroads-e-country-kg",
        "hosts_military_presence",
        "crossroads-e-country-in",
    ) in links
    assert len([x for x in links if x[1] == "hosts_military_presence"]) == 3
    notes = {n.first("entity"): n.first("description") for n in by_schema["Note"]}
    assert notes["crossroads-e-person-imran-khan"].startswith("Pakistan will not host")


def test_ftm_one_source_only(world):
    store, pack, _ = world
    out = io.StringIO()
    ftm.write(store, out, source="pak.txt", pack=pack)
    schemata = {json.loads(line)["schema"] for line in out.getvalue().splitlines()}
    assert "Membership" not in schemata and {"Article", "Occupancy", "Event", "Note"} <= schemata


def test_events_csv_has_acled_columns_and_geo(world):
    store, pack, _docs = world
    out = io.StringIO()
    n = events_csv.write(store, out, pack=pack)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) == 3  # the reprint's copy of an event is not counted again
    assert list(rows[0])[:14] == [
        "event_id",
        "event_date",
        "time_precision",
        "event_type",
        "actor1",
        "actor2",
        "location",
        "admin1",
        "country",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
    ]
    consult = next(r for r in rows if r["event_type"] == "CONSULT")
    assert (consult["event_date"], consult["time_precision"]) == ("2021-06-01", "1")
    where = (consult["location"], consult["country"], consult["geo_precision"])
    assert where == ("Dushanbe", "Tajikistan", "1")
    assert consult["latitude"] == "38.56" and consult["source"] == "Allies of Moscow (2021-06-02)"
    assert consult["notes"] == "Ivan Petrov met officials in Dushanbe on 1 June."
    khan = next(r for r in rows if r["actor1"] == "Imran Khan")
    assert (khan["actor2"], khan["time_precision"]) == ("United States", "2")


def test_graphml_opens_with_networkx(world, tmp_path):
    store, pack, _ = world
    path = tmp_path / "net.graphml"
    with path.open("w", encoding="utf-8") as fh:
        n = graphml.write(store, fh, pack=pack)
    g = nx.read_graphml(path, force_multigraph=True)
    assert n == g.number_of_nodes() + g.number_of_edges()
    assert g.nodes["e:group/imu"]["type"] == "ArmedGroup"
    preds = {d["predicate"] for _, _, d in g.edges(data=True)}
    assert {"member_of", "operates_in", "borders"} <= preds
    neg = [d for _, _, d in g.edges(data=True) if d["negated"]]
    assert len(neg) == 1 and neg[0]["credibility"] == 4


def test_graphml_one_source(world):
    store, pack, _ = world
    g = graphml.build_graph(store, source="pak.txt", pack=pack)
    assert set(g.nodes) == {"e:person/imran-khan", "e:country/pk"}
