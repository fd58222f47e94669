from crossroads.analysis.facts import facts
from crossroads.analysis.grading import credibility, load_grades

CSTO = "e:org/csto"


def _by_subject(found):
    return {(f.subject, f.origin): f for f in found}


def test_facts_corroboration_counts_independent_sources(world):
    store, pack, _ = world
    tj = _by_subject(facts(store, CSTO, pack=pack))[("e:country/tj", "extract+pack")]
    # three readings (roster, claim and its near-duplicate reprint) are two sources
    assert len([c for c in tj.evidence if c.kind == "text"]) == 3
    assert tj.sources == 2
    assert tj.first_seen == "2021-04-10" and tj.last_seen == "2021-06-03"
    assert tj.credibility == 1 and tj.start == "2002"
    assert any("belong to the CSTO" in c.text for c in tj.evidence)


def test_facts_text_claim_against_pack_is_improbable(world):
    store, pack, _ = world
    found = _by_subject(facts(store, CSTO, pack=pack))
    claim = found[("e:country/uz", "extract")]
    assert claim.credibility == 5 and claim.sources == 1
    assert found[("e:country/uz", "pack")].end == "2012"


def test_facts_as_of_answers_who_were_members(world):
    store, pack, _ = world

    def names(day):
        return {
            f.subject_name for f in facts(store, CSTO, predicate="member_of", as_of=day, pack=pack)
        }

    assert names("2010") == {"Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan"}
    assert "Uzbekistan" not in {f.subject_name for f in facts(store, CSTO, as_of="2015", pack=pack)}
    in_2021 = facts(store, CSTO, as_of="2021", pack=pack)
    uz = [f for f in in_2021 if f.subject == "e:country/uz"]
    assert [f.origin for f in uz] == ["extract"] and uz[0].credibility == 5


def test_facts_pack_only_facts_have_origin_pack(world):
    store, pack, _ = world
    ru = _by_subject(facts(store, "e:country/ru", predicate="member_of", pack=pack))
    assert ru[("e:country/ru", "pack")].sources == 0
    assert ru[("e:country/ru", "pack")].evidence[0].source == "test: treaty depositary"


def test_facts_contradicted_fact_is_doubtful(world):
    store, pack, _ = world
    india = [
        f
        for f in facts(store, "e:country/in", pack=pack)
        if f.predicate == "hosts_military_presence"
    ]
    assert {(f.negated, f.credibility, f.contradicted_by) for f in india} == {
        (False, 4, 1),
        (True, 4, 1),
    }


def test_facts_to_dict_is_json_ready(world):
    import json

    store, pack, _ = world
    data = json.loads(json.dumps([f.to_dict() for f in facts(store, pack=pack)]))
    assert {"credibility", "sources", "evidence", "label"} <= set(data[0])


def test_grading_credibility_scale():
    assert credibility(3, 0) == 1
    assert credibility(2, 0) == 2
    assert credibility(1, 0) == 3
    assert credibility(2, 1) == 4
    assert credibility(1, 2) == 5
    assert credibility(1, 0, pack_contradicts=True) == 5
    assert credibility(0, 0) == 6


def test_grading_reads_user_grades(tmp_path, world):
    _, _, docs = world
    path = tmp_path / "sources.toml"
    path.write_text('[authors]\n"Tom Reed" = "b"\n[publishers]\n"pak.txt" = "C"\n')
    grades = load_grades(path)
    assert grades.of(docs["claim"]) == "B"
    assert grades.of(docs["pak"]) == "C"
    assert grades.of(docs["roster"]) == "F"
