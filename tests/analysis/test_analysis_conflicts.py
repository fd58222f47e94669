from crossroads.analysis.conflicts import conflicts, figure


def test_conflicts_text_claim_against_pack_and_other_lists(world):
    store, pack, docs = world
    found = [c for c in conflicts(store, pack) if c.kind == "pack"]
    assert len(found) == 1
    c = found[0]
    assert (c.subject_name, c.predicate, c.object) == ("Uzbekistan", "member_of", "e:org/csto")
    stances = {s.stance: s for s in c.sides}
    assert stances["asserts"].sources == 1  # the reprint does not count twice
    assert {e.doc for e in stances["asserts"].evidence} == {docs["claim"].id, docs["copy"].id}
    assert "2006–2012" in stances["pack"].summary
    assert stances["pack"].evidence[0].source == "test: treaty depositary"
    assert stances["omits"].evidence[0].doc == docs["roster"].id
    assert "without Uzbekistan" in stances["omits"].summary


def test_conflicts_assertion_and_negation_from_two_sources(world):
    store, pack, docs = world
    neg = [c for c in conflicts(store, pack) if c.kind == "negation"]
    assert [(c.subject_name, c.object_name) for c in neg] == [("Kyrgyzstan", "India")]
    sides = {s.stance: s.evidence[0].doc for s in neg[0].sides}
    assert sides == {"asserts": docs["roster"].id, "denies": docs["hist"].id}


def test_conflicts_relation_reported_after_its_end(world):
    store, pack, docs = world
    period = [c for c in conflicts(store, pack, entity="e:country/kg") if c.kind == "period"]
    assert len(period) == 1 and period[0].object_name == "United States"
    sides = {s.stance: s for s in period[0].sides}
    assert sides["ended"].evidence[0].doc == docs["hist"].id
    assert sides["asserts"].evidence[0].doc == docs["roster"].id
    assert "ended 2014" in period[0].summary


def test_conflicts_competing_estimates_side_by_side(world):
    store, pack, _ = world
    est = [c for c in conflicts(store, pack, entity="e:group/imu") if c.kind == "estimate"]
    assert len(est) == 1
    assert [s.value for s in est[0].sides] == ["about 700", "more than 5,000"]
    assert all(s.evidence[0].title for s in est[0].sides)


def test_conflicts_filtered_by_entity(world):
    store, pack, _ = world
    assert [c.kind for c in conflicts(store, pack, entity="e:country/uz")] == ["pack"]
    assert conflicts(store, pack, entity="e:country/pk") == []


def test_conflicts_figure_reads_numbers():
    assert figure("more than 5,000") == 5000
    assert figure("30 billion barrels") == 30e9
    assert figure(2387) == 2387
    assert figure("several") is None
