"""Profile, timeline, network and name resolution on the hand-made world."""

import json

import pytest

from crossroads.analysis.network import centrality, graph_to_dict, neighbourhood
from crossroads.analysis.profile import profile
from crossroads.analysis.resolve import resolve_entity
from crossroads.analysis.timeline import timeline
from crossroads.exc import NotFound


def test_resolve_by_id_name_alias_and_store(world):
    store, pack, _ = world
    assert resolve_entity(store, pack, "CSTO").id == "e:org/csto"
    assert resolve_entity(store, pack, "e:country/tj").name == "Tajikistan"
    assert resolve_entity(store, pack, "Ivan Petrov").id == "e:person/ivan-petrov"
    assert resolve_entity(store, pack, "kz").id == "e:country/kz"
    with pytest.raises(NotFound, match="Nowhere Land"):
        resolve_entity(store, pack, "Nowhere Land")


def test_profile_splits_current_and_past_with_sources(world):
    store, pack, docs = world
    p = profile(store, pack, "Kyrgyzstan")
    assert (
        p.entity.id == "e:country/kg" and p.pack is not None and p.pack["source"] == "test: atlas"
    )
    past = [f for f in p.past if f.predicate == "hosts_military_presence"]
    assert past[0].object_name == "United States" and past[0].end == "2014"
    assert any(f.label.endswith("Collective Security Treaty Organization") for f in p.current)
    assert [d.id for d in p.documents] == [docs["hist"].id]
    assert [c.kind for c in p.conflicts] == ["negation", "period"]
    json.dumps(p.to_dict())


def test_profile_quotes_by_and_about(world):
    store, pack, _ = world
    khan = profile(store, pack, "Imran Khan")
    assert khan.quotes_by[0].text.startswith("Pakistan will not host")
    assert khan.events[0].type == "REJECT"
    assert profile(store, pack, "Pakistan").quotes_about[0].speaker_name == "Imran Khan"


def test_profile_claims_attributed_to_speaker(world):
    store, pack, docs = world
    p = profile(store, pack, "Ivan Petrov")
    assert [f.label for f in p.claims_by] == ["Islamic Movement of Uzbekistan operates_in Dushanbe"]
    assert p.claims_by[0].evidence[0].doc == docs["roster"].id
    # a claim someone only voices is not a fact about them
    assert all(f.predicate != "operates_in" for f in p.current)


def test_timeline_orders_events_and_dated_relations(world):
    store, pack, _ = world
    items = timeline(store, "e:country/kg", pack=pack)
    assert [(i.date, i.kind) for i in items] == [
        ("2001", "start"),
        ("2002", "start"),
        ("2014", "end"),
    ]
    assert items[0].precision == "year" and items[0].evidence.title == "Old airfields"
    petrov = timeline(store, "e:person/ivan-petrov")
    assert [(i.type, i.date, i.precision) for i in petrov] == [
        ("REJECT", "2021", "year"),
        ("CONSULT", "2021-06-01", "day"),
    ]


def test_timeline_pair_query_and_range(world):
    store, _, _ = world
    pair = timeline(store, "e:country/kg", "e:country/us")
    assert {i.kind for i in pair} == {"start", "end"}
    assert timeline(store, "e:country/kg", date_from="2010", date_to="2020")[0].date == "2014"
    assert [i.type for i in timeline(store, query="officials Dushanbe")] == ["REJECT", "CONSULT"]
    with pytest.raises(ValueError, match="date_from"):
        timeline(store, date_from="last year")


def test_network_neighbourhood_depth_and_filters(world):
    store, pack, _ = world
    one = neighbourhood(store, "e:group/imu", depth=1, pack=pack)
    assert set(one.nodes) == {
        "e:group/imu",
        "e:place/af-bds",
        "e:group/taliban",
        "e:person/usman-ghazi",
        "e:country/us",
        "e:place/dushanbe",
    }
    assert one.nodes["e:group/imu"]["type"] == "ArmedGroup"
    two = neighbourhood(store, "e:group/imu", depth=2, pack=pack)
    assert "e:country/tj" in two  # Badakhshan borders Tajikistan
    only = neighbourhood(store, "e:group/imu", predicates=["operates_in"], pack=pack)
    edges = {v: d for _, v, d in only.edges(data=True)}
    assert set(edges) == {"e:place/af-bds", "e:place/dushanbe"}
    assert edges["e:place/af-bds"]["sources"] == 2
    assert centrality(one)[0][:2] == ("e:group/imu", "Islamic Movement of Uzbekistan")
    data = json.loads(json.dumps(graph_to_dict(one)))
    assert len(data["nodes"]) == 6 and len(data["edges"]) == 5


def test_network_as_of_drops_relations_not_holding(world):
    store, pack, _ = world
    g = neighbourhood(store, "e:org/csto", as_of="2015", pack=pack)
    assert "e:country/uz" not in g and "e:country/tj" in g


def test_analysis_exports_its_public_names():
    from crossroads import analysis

    assert all(hasattr(analysis, name) for name in analysis.__all__)
    assert {
        "facts",
        "conflicts",
        "profile",
        "timeline",
        "neighbourhood",
        "basing_options",
        "routes",
        "exposure",
        "resolve_entity",
    } <= set(analysis.__all__)
