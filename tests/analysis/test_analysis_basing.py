from crossroads.analysis.basing import basing_options


def _verdicts(world, hosts):
    store, pack, _ = world
    return {v.host_name: v for v in basing_options(store, pack, "United States", hosts)}


def test_basing_region_expands_and_verdicts_follow_reasons(world):
    v = _verdicts(world, ["Central Asia", "Pakistan"])
    assert list(v) == [
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Turkmenistan",
        "Uzbekistan",
        "Pakistan",
    ]
    assert v["Uzbekistan"].verdict == "closed"
    assert v["Pakistan"].verdict == "closed"
    assert v["Tajikistan"].verdict == "constrained"
    assert v["Kyrgyzstan"].verdict == "constrained"


def test_basing_every_reason_is_cited(world):
    for verdict in _verdicts(world, ["Central Asia", "Pakistan"]).values():
        for reason in verdict.reasons:
            assert reason.citations, reason
            assert all(c.text and c.source for c in reason.citations)


def test_basing_national_law_from_pack(world):
    uz = _verdicts(world, ["Uzbekistan"])["Uzbekistan"]
    law = [r for r in uz.reasons if r.kind == "national_rule"]
    assert law[0].effect == "closes"
    assert law[0].citations[0].source == "test: defence doctrine"
    # the text's claim that Uzbekistan is in the CSTO is improbable, so no alliance rule
    assert not [r for r in uz.reasons if r.kind == "alliance_rule"]


def test_basing_stated_refusal_by_official_closes(world):
    pk = _verdicts(world, ["Pakistan"])["Pakistan"]
    refusal = [r for r in pk.reasons if r.kind == "stated_rejection"]
    assert refusal and refusal[0].effect == "closes"
    assert "ruled out" in refusal[0].citations[0].text
    assert refusal[0].citations[0].title == "Islamabad says no"
    assert any(r.kind == "stated_position" and "will not host" in r.text for r in pk.reasons)


def test_basing_alliance_rule_presence_and_history(world):
    v = _verdicts(world, ["Tajikistan", "Kyrgyzstan"])
    tj_kinds = {r.kind for r in v["Tajikistan"].reasons}
    assert {"alliance_rule", "foreign_presence", "third_party_rejection"} <= tj_kinds
    rule = next(r for r in v["Tajikistan"].reasons if r.kind == "alliance_rule")
    assert rule.citations[0].kind == "pack" and "consent" in rule.citations[0].text
    assert {c.kind for c in v["Kyrgyzstan"].conflicts} == {"negation", "period"}
    history = [r for r in v["Kyrgyzstan"].reasons if r.kind == "history"]
    assert "2001–2014" in history[0].text
    # a reprint's rejection is one reason with two citations, not two reasons
    third = [r for r in v["Kyrgyzstan"].reasons if r.kind == "third_party_rejection"]
    assert len(third) == 1 and len(third[0].citations) == 2


def test_basing_refusal_reported_by_a_third_party_constrains(world):
    tj = _verdicts(world, ["Tajikistan"])["Tajikistan"]
    reported = [r for r in tj.reasons if r.kind == "reported_refusal"]
    assert reported[0].effect == "constrains" and "Ivan Petrov" in reported[0].text
    assert tj.verdict == "constrained"


def test_basing_nothing_known_is_unknown(world):
    india = _verdicts(world, ["India"])["India"]
    assert (india.verdict, india.reasons) == ("unknown", ())


def test_basing_member_power_is_not_held_by_its_own_alliance(world):
    store, pack, _ = world
    tj = basing_options(store, pack, "Russia", ["Tajikistan"])[0]
    rule = next(r for r in tj.reasons if r.kind == "alliance_rule")
    assert rule.effect == "informs"
    assert tj.verdict == "open"  # Russia already has forces there


def test_basing_unknown_host_is_not_found(world):
    import pytest

    from crossroads.exc import NotFound

    store, pack, _ = world
    with pytest.raises(NotFound, match="Atlantis"):
        basing_options(store, pack, "United States", ["Atlantis"])


def test_basing_alliance_as_hosts_expands_to_members(world):
    store, pack, _ = world
    hosts = {v.host_name for v in basing_options(store, pack, "United States", ["CSTO"])}
    assert hosts == {"Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"}  # Uzbekistan left
    assert "Russia" not in {v.host_name for v in basing_options(store, pack, "Russia", ["CSTO"])}
