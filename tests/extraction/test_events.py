"""Events: PLOVER types, actors and targets, dates, places, negation and mode."""

from __future__ import annotations

import pytest
import rel_support

from crossroads.extraction.events import read_events

pytestmark = pytest.mark.slow
rel_nlp, rel_doc = rel_support.rel_nlp, rel_support.rel_doc  # session fixtures


def one(doc, type_):
    evs = [e for e in read_events(doc) if e.type == type_]
    assert evs, f"no {type_} in {[e.type for e in read_events(doc)]}"
    return evs[0]


@pytest.mark.parametrize(
    "text,type_,actor,target",
    [
        ("Russia deployed troops to Tajikistan.", "MOBILIZE", "e:country/ru", "e:country/tj"),
        (
            "The Ferghana Brigade attacked a border post in Tajikistan.",
            "ASSAULT",
            "e:group/ferghana-brigade",
            "e:country/tj",
        ),
        (
            "The United States withdrew its troops from Afghanistan.",
            "RETREAT",
            "e:country/us",
            "e:country/af",
        ),
        (
            "Uzbekistan rejected the request of the United States.",
            "REJECT",
            "e:country/uz",
            "e:country/us",
        ),
        (
            "Tajikistan accused Iran of training militants.",
            "ACCUSE",
            "e:country/tj",
            "e:country/ir",
        ),
        (
            "Iran threatened the Ferghana Brigade.",
            "THREATEN",
            "e:country/ir",
            "e:group/ferghana-brigade",
        ),
        ("Iran and Tajikistan signed the Vakhsh River Accord.", "AGREE", "e:country/ir", None),
        (
            "The State Department designated the Ferghana Brigade a terrorist organization.",
            "SANCTION",
            "e:org/state-department",
            "e:group/ferghana-brigade",
        ),
        ("China offered loans to Kyrgyzstan.", "AID", "e:country/cn", "e:country/kg"),
    ],
)
def test_events_types_actors_targets(rel_doc, text, type_, actor, target):
    ev = one(rel_doc(text), type_)
    assert actor in ev.actors
    if target:
        assert target in ev.targets
    assert (ev.mode, ev.negated) == ("asserted", False)


def test_events_meeting_has_date_and_place(rel_doc):
    ev = one(
        rel_doc("Pavel Orlovsky met Dilnoza Rakhimova in Dushanbe on March 3, 2021."), "CONSULT"
    )
    assert ev.actors == ("e:person/pavel-orlovsky",)
    assert ev.targets == ("e:person/dilnoza-rakhimova",)
    assert (ev.date, ev.place, ev.trigger) == ("2021-03-03", "e:place/dushanbe", "met")


def test_events_relative_date_resolved_against_publication(rel_doc):
    ev = one(rel_doc("Russia deployed troops to Tajikistan last month.", "2021-05-25"), "MOBILIZE")
    assert ev.date == "2021-04"


def test_events_planned_hypothetical_and_negated(rel_doc):
    planned = one(rel_doc("Russia will deploy troops to Tajikistan."), "MOBILIZE")
    assert planned.mode == "planned"
    maybe = one(rel_doc("Russia could deploy troops to Tajikistan."), "MOBILIZE")
    assert (maybe.mode, maybe.date) == ("hypothetical", None)
    denied = one(rel_doc("Russia did not deploy troops to Tajikistan."), "MOBILIZE")
    assert denied.negated and denied.mode == "denied"


def test_events_ruled_out_is_reject(rel_doc):
    ev = one(rel_doc("Uzbekistan ruled out any American base on its soil."), "REJECT")
    assert "e:country/uz" in ev.actors


def test_events_undated_text_without_publication_date_has_no_date(rel_doc):
    ev = one(rel_doc("Russia deployed troops to Tajikistan.", None), "MOBILIZE")
    assert ev.date is None


def test_events_meeting_a_threat_is_no_meeting(rel_doc):
    doc = rel_doc("Russia wants to meet the growing threat from Afghanistan.")
    assert not [e for e in read_events(doc) if e.type == "CONSULT"]


def test_events_they_is_the_last_named_pair(rel_doc):
    doc = rel_doc("Iran and Tajikistan grew closer in the 1990s. In 2001, they signed a treaty.")
    ev = one(doc, "AGREE")
    assert set(ev.actors) == {"e:country/ir", "e:country/tj"}
    assert ev.date == "2001"


def test_events_date_carried_from_earlier_in_the_paragraph(rel_doc):
    doc = rel_doc(
        "On March 3, 2021, Orlovsky landed in Dushanbe. He met Dilnoza Rakhimova there.", None
    )
    ev = next(e for e in read_events(doc) if e.trigger == "met")
    assert ev.date == "2021-03-03"


# 12 March 2024 was a Tuesday: the attack happened on the Sunday, two days before print; a day
# named weeks before the publication is no news day, and the report keeps the publication's
@pytest.mark.parametrize(
    "when,date",
    [("on Sunday night", "2024-03-10"), ("on February 4", "2024-03-12")],
)
def test_events_later_paragraph_takes_the_day_the_news_happened(rel_doc, when, date):
    doc = rel_doc(
        f"Gunmen attacked a checkpoint in Badakhshan {when}, officials said.\n"
        "The Ferghana Brigade claimed responsibility for the attack.",
        "2024-03-12",
    )
    claim = next(e for e in read_events(doc) if e.actors == ("e:group/ferghana-brigade",))
    assert claim.date == date


def test_events_claimed_attack_and_seized_town_are_assaults(rel_doc):
    claim = one(rel_doc("The Ferghana Brigade claimed responsibility for the bombing."), "ASSAULT")
    assert claim.actors == ("e:group/ferghana-brigade",)
    seize = one(rel_doc("The Taliban seized Badakhshan in a week."), "ASSAULT")
    assert seize.place == "e:place/badakhshan"


def test_events_pledged_aid_is_aid(rel_doc):
    ev = one(rel_doc("China has pledged $500 million in aid to Kyrgyzstan."), "AID")
    assert ev.targets == ("e:country/kg",)


def test_events_considered_deployment_is_hypothetical_with_its_actor(rel_doc):
    ev = one(
        rel_doc(
            "The United States is considering the possibility of deploying troops to Uzbekistan."
        ),
        "MOBILIZE",
    )
    assert ev.actors == ("e:country/us",)
    assert ev.mode == "hypothetical"


def test_events_the_two_generals_are_the_last_two_people(rel_doc):
    doc = rel_doc(
        "On March 3, 2021, Pavel Orlovsky visited Dushanbe and met Dilnoza Rakhimova. "
        "The two ministers agreed to open a joint office.",
        None,
    )
    ev = one(doc, "AGREE")
    assert set(ev.actors) == {"e:person/pavel-orlovsky", "e:person/dilnoza-rakhimova"}
    assert ev.date == "2021-03-03"


def test_events_denied_support_keeps_its_actor(rel_doc):
    evs = read_events(rel_doc("Iran denied that it supports the Taliban."))
    support = next(e for e in evs if e.type == "SUPPORT")
    assert (support.actors, support.mode) == (("e:country/ir",), "denied")


def test_events_the_two_sides_are_the_two_people_just_named(rel_doc):
    doc = rel_doc(
        "Pavel Orlovsky met Dilnoza Rakhimova in Dushanbe on March 3, 2021. "
        "The two sides agreed to expand trade."
    )
    ev = one(doc, "AGREE")
    assert set(ev.actors) == {"e:person/pavel-orlovsky", "e:person/dilnoza-rakhimova"}
    assert ev.date == "2021-03-03"


def test_events_a_place_offering_a_route_is_no_agreement(rel_doc):
    doc = rel_doc("China's city of Kashgar offers a second route that avoids Kyrgyzstan.")
    assert not [e for e in read_events(doc) if e.type == "AGREE"]


def test_events_relative_date_after_a_noun_in_the_same_phrase(rel_doc):
    ev = one(
        rel_doc(
            "Uzbekistan rejected the request of the United States in a statement last month.",
            "2021-05-25",
        ),
        "REJECT",
    )
    assert ev.date == "2021-04"


def test_events_officials_from_a_capital_visit_for_their_state(read):
    doc = read(
        "Tajikistan expects guests this spring. Officials from Tashkent visited "
        "Dushanbe in March 2021 to discuss water sharing."
    )
    ev = one(doc, "CONSULT")
    assert ev.actors == ("e:country/uz",)
    assert ev.targets == ("e:country/tj",)
    assert (ev.date, ev.place) == ("2021-03", "e:place/dushanbe")


def test_events_a_state_led_alliance_is_no_act_of_cooperation(rel_doc):
    doc = rel_doc("Kazakhstan belongs to the CSTO, the Russia-led alliance of six states.")
    assert not [e for e in read_events(doc) if e.type == "COOPERATE"]
    ev = one(rel_doc("Russia and China announced a new alliance in 2019."), "COOPERATE")
    assert "e:country/ru" in ev.actors


def test_events_an_armed_group_taking_a_place_is_an_assault(rel_doc):
    ev = one(
        rel_doc(
            "Tajikistan has been uneasy since the Ferghana Brigade took Badakhshan in May 2020."
        ),
        "ASSAULT",
    )
    assert ev.actors == ("e:group/ferghana-brigade",)
    assert ev.targets == ("e:place/badakhshan",)
    assert ev.date == "2020-05"


def test_events_an_attack_with_no_named_attacker_hits_its_place(rel_doc):
    ev = one(
        rel_doc("On March 3, 2021, a gunman killed twelve people at a market in Dushanbe."),
        "ASSAULT",
    )
    assert ev.actors == ()
    assert ev.targets == ("e:place/dushanbe",)
    assert (ev.date, ev.place) == ("2021-03-03", "e:place/dushanbe")


def test_events_a_charge_rejected_answers_the_accuser(rel_doc):
    ev = one(
        rel_doc(
            "Iran accused the Ferghana Brigade of hiding weapons, a charge the "
            "Ferghana Brigade rejected."
        ),
        "REJECT",
    )
    assert ev.actors == ("e:group/ferghana-brigade",)
    assert "e:country/ir" in ev.targets


def test_events_a_pledge_of_allegiance_is_no_agreement(rel_doc):
    doc = rel_doc("The Ferghana Brigade pledged allegiance to al Qaeda in 2015.")
    assert not [e for e in read_events(doc) if e.type == "AGREE"]


def test_events_troops_leaving_a_country_retreat(rel_doc):
    ev = one(
        rel_doc("China said that Chinese soldiers began leaving Tajikistan on Monday."), "RETREAT"
    )
    assert ev.targets == ("e:country/tj",)
    assert ev.actors == ("e:country/cn",)


def test_events_states_contributing_troops_mobilize(rel_doc):
    ev = one(rel_doc("Kyrgyzstan and Uzbekistan also contributed troops."), "MOBILIZE")
    assert set(ev.actors) == {"e:country/kg", "e:country/uz"}


def test_events_troops_sent_at_a_request_mobilize_and_the_asker_requests(rel_doc):
    doc = rel_doc(
        "Days later, after the CSTO sent 500 troops at the request of Rakhimova, calm returned."
    )
    ev = one(doc, "MOBILIZE")
    assert ev.actors == ("e:org/csto",)
    assert "e:person/dilnoza-rakhimova" not in ev.targets
    req = one(doc, "REQUEST")
    assert (req.actors, req.targets) == (("e:person/dilnoza-rakhimova",), ("e:org/csto",))


def test_events_a_state_led_bloc_is_the_organisation_named_before(rel_doc):
    doc = rel_doc(
        "The CSTO held drills in May. Rakhimova asked the Russia-led bloc for help on June 2."
    )
    req = one(doc, "REQUEST")
    assert req.targets == ("e:org/csto",)


def test_events_storming_a_building_in_a_place_hits_the_place(rel_doc):
    ev = one(rel_doc("Gunmen stormed a hotel in Dushanbe on June 4, 2021."), "ASSAULT")
    assert ev.targets == ("e:place/dushanbe",)
    assert ev.date == "2021-06-04"


def test_events_a_groups_fighters_overrunning_a_place_assault(rel_doc):
    ev = one(rel_doc("Ferghana Brigade fighters overran Badakhshan in 2018."), "ASSAULT")
    assert ev.actors == ("e:group/ferghana-brigade",)
    assert ev.targets == ("e:place/badakhshan",)


def test_events_which_x_denied_answers_the_accuser(rel_doc):
    ev = one(
        rel_doc("Iran accused Tajikistan of hiding militants, which Tajikistan denied."), "REJECT"
    )
    assert (ev.actors, ev.targets) == (("e:country/tj",), ("e:country/ir",))


def test_events_pulling_out_of_a_country_targets_it(rel_doc):
    ev = one(rel_doc("United States forces pulled out of Afghanistan in 2021."), "RETREAT")
    assert ev.targets == ("e:country/af",)


def test_events_the_bloc_is_the_organisation_named_before(rel_doc):
    doc = rel_doc(
        "The CSTO met in Dushanbe in May. Rakhimova asked the alliance for help on "
        "June 2. It was the first time the bloc had deployed forces abroad."
    )
    assert one(doc, "REQUEST").targets == ("e:org/csto",)
    assert one(doc, "MOBILIZE").actors == ("e:org/csto",)


def test_events_a_group_taking_control_of_a_place_assaults_but_floods_do_not(rel_doc):
    ev = one(rel_doc("The Ferghana Brigade took control of Badakhshan in 2017."), "ASSAULT")
    assert (ev.actors, ev.targets) == (("e:group/ferghana-brigade",), ("e:place/badakhshan",))
    doc = rel_doc("Floods killed forty people in Dushanbe in April 2021.")
    assert not [e for e in read_events(doc) if e.type == "ASSAULT"]
