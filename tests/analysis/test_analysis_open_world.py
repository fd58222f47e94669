"""Conflicts under an open world: the false alarms of issue 13, each with a true twin.

Made-up countries, group and person; the sentences and pack records are the team's own.
"""

import hashlib

import pytest
from analysis_world import rel

from crossroads.analysis.conflicts import conflicts
from crossroads.analysis.facts import facts
from crossroads.model import Document, Entity, Extraction
from crossroads.pack import Pack
from crossroads.store.sqlite import SQLiteStore

PACK = """
[[entity]]
id = "e:country/ar"
type = "Country"
name = "Arland"
source = "test: atlas"

[[entity]]
id = "e:country/bo"
type = "Country"
name = "Borvia"
source = "test: atlas"

[[entity]]
id = "e:org/pact"
type = "Organization"
name = "Lakeside Pact"
source = "test: treaty"

[[entity]]
id = "e:group/gcf"
type = "ArmedGroup"
name = "Green Crescent Front"
source = "test: registry"

[[entity]]
id = "e:person/qadir-nazari"
type = "Person"
name = "Qadir Nazari"
source = "test: who is who"

[[relation]]
subject = "e:person/qadir-nazari"
predicate = "holds_position"
object = "e:group/gcf"
start = "2019-01"
end = "2021-09-07"
qualifiers = { role = "Head of the envoy office" }
source = "test: who is who"

[[relation]]
subject = "e:country/ar"
predicate = "member_of"
object = "e:org/pact"
start = "2020-02-29"
source = "test: treaty"

[[relation]]
subject = "e:country/bo"
predicate = "member_of"
object = "e:org/pact"
start = "2004"
end = "2011"
source = "test: treaty"
"""

QN, GCF, AR, BO, PACT = (
    "e:person/qadir-nazari",
    "e:group/gcf",
    "e:country/ar",
    "e:country/bo",
    "e:org/pact",
)

# key: (published, text, [(phrase, subject, predicate, object, qualifiers)])
TEXTS = {
    "lead1": (
        "2023-03-01",
        "Qadir Nazari, a leader of the Green Crescent Front, spoke in town.",
        [("a leader", QN, "holds_position", GCF, {"role": "leader"})],
    ),
    "lead2": (
        "2023-05-12",
        "The Front's leader Qadir Nazari met traders.",
        [("leader Qadir", QN, "holds_position", GCF, {"role": "leader"})],
    ),
    "lead3": (
        "2023-08-20",
        "Front leader Qadir Nazari toured the valley.",
        [("Front leader", QN, "holds_position", GCF, {"role": "leader"})],
    ),
    "nameless": (
        "2023-09-01",
        "Qadir Nazari of the Green Crescent Front gave a speech.",
        [("Qadir Nazari of", QN, "holds_position", GCF, {})],
    ),
    "line": (
        "2022-04-02",
        "A 45 km power line runs along the border between Arland and Borvia.",
        [("power line", AR, "borders", BO, {"length_km": 45})],
    ),
    "grid": (
        "2022-05-03",
        ("The grid firm built a line with a length of 45 km up to the Arland-Borvia border."),
        [("grid firm", AR, "borders", BO, {"length_km": 45})],
    ),
    "border": (
        "2022-06-07",
        "Arland and Borvia share a 150 km border.",
        [("share", AR, "borders", BO, {"length_km": 150})],
    ),
    "asof": (
        "2020",
        "As of 2020 Arland belongs to the Lakeside Pact.",
        [("belongs", AR, "member_of", PACT, {})],
    ),
}

TWINS = {
    "office": (
        "2023-04-04",
        "Qadir Nazari still runs the envoy office of the Front.",
        [("envoy office", QN, "holds_position", GCF, {"role": "head of the envoy office"})],
    ),
    "border2": (
        "2022-07-01",
        "Arland and Borvia share a 137 km border.",
        [("share", AR, "borders", BO, {"length_km": 137})],
    ),
    "early": (
        "2019",
        "In 2019 Arland belongs to the Lakeside Pact.",
        [("belongs", AR, "member_of", PACT, {})],
    ),
    "left": (
        "2015-03-03",
        "Borvia is a member of the Lakeside Pact.",
        [("is a member", BO, "member_of", PACT, {})],
    ),
}


def _doc(key, published, text):
    return Document(
        id="d:" + hashlib.sha1(key.encode()).hexdigest(),
        source=f"{key}.txt",
        text=text,
        title=key,
        published=published,
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
    )


def _world(tmp_path, texts):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "world.toml").write_text(PACK, encoding="utf-8")
    pack = Pack.load(extra=[folder], replace=True)
    store = SQLiteStore(tmp_path / "w.db")
    docs, xs = [], []
    for key, (published, text, readings) in texts.items():
        d = _doc(key, published, text)
        x = Extraction(d.id)
        for phrase, s, p, o, q in readings:
            x.relations.append(rel(d, phrase, s, p, o, qualifiers=q))
        for i in sorted({i for _ph, s, _p, o, _q in readings for i in (s, o)}):
            pe = pack.get(i)
            x.entities.append(Entity(pe.id, pe.type, pe.name, pe.aliases))
        docs.append(d)
        xs.append(x)
    store.add_documents(docs, xs)
    return store, pack


@pytest.fixture
def quiet(tmp_path):
    store, pack = _world(tmp_path, TEXTS)
    yield store, pack
    store.close()


@pytest.fixture
def loud(tmp_path):
    store, pack = _world(tmp_path, {**TEXTS, **TWINS})
    yield store, pack
    store.close()


def _found(store, pack, entity):
    return [(c.kind, c.predicate) for c in conflicts(store, pack, entity=entity)]


def test_a_post_that_ended_does_not_deny_another_post(quiet):
    # three sources call him a leader in 2023; the pack's record of his envoy post ends 2021
    store, pack = quiet
    assert _found(store, pack, QN) == []
    fact = next(f for f in facts(store, QN, pack=pack) if f.origin != "pack")
    assert fact.sources == 4 and fact.credibility != 5  # not graded "improbable"


def test_the_same_post_after_its_end_is_a_conflict(loud):
    store, pack = loud
    found = [c for c in conflicts(store, pack, entity=QN) if c.kind == "pack"]
    assert len(found) == 1
    asserts = next(s for s in found[0].sides if s.stance == "asserts")
    assert [e.title for e in asserts.evidence] == ["office"]  # not the three "leader" texts
    assert "2019-01–2021-09-07" in next(s for s in found[0].sides if s.stance == "pack").summary


def test_a_power_line_length_is_not_a_border_length(quiet):
    store, pack = quiet
    assert [c for c in conflicts(store, pack, entity=AR) if c.kind == "estimate"] == []


def test_two_border_lengths_compete(loud):
    store, pack = loud
    est = [c for c in conflicts(store, pack, entity=AR) if c.kind == "estimate"]
    assert len(est) == 1 and est[0].predicate == "borders"
    assert [s.value for s in est[0].sides] == ["137", "150"]  # not the power line's 45


def test_a_year_agrees_with_a_day_inside_it(quiet):
    # "as of 2020" against a pack membership that starts 2020-02-29
    store, pack = quiet
    assert [c for c in conflicts(store, pack, entity=AR) if c.kind == "pack"] == []
    fact = next(f for f in facts(store, AR, predicate="member_of", pack=pack))
    assert fact.origin == "extract+pack"


def test_a_year_before_the_start_and_a_membership_that_ended_conflict(loud):
    store, pack = loud
    found = {c.subject_name: c for c in conflicts(store, pack) if c.kind == "pack"}
    assert set(found) == {"Arland", "Borvia", "Qadir Nazari"}
    arland = next(s for s in found["Arland"].sides if s.stance == "asserts")
    assert [e.title for e in arland.evidence] == ["early"]
    assert "2004–2011" in found["Borvia"].summary or any(
        "2004–2011" in s.summary for s in found["Borvia"].sides
    )


def test_as_of_a_year_includes_a_period_that_starts_inside_it(quiet):
    store, pack = quiet
    in_2020 = facts(store, AR, predicate="member_of", as_of="2020", pack=pack)
    assert [(f.object, f.start) for f in in_2020] == [(PACT, "2020-02-29")]
    assert facts(store, AR, predicate="member_of", as_of="2019", pack=pack) == []
    assert [r.subject for r in pack.relations_of(PACT, "member_of", as_of="2020-02")] == [AR]
