"""Events from phrasings met on a third held-out set, tested on sentences of our own."""

from __future__ import annotations

import pytest
import rel_support

from crossroads.extraction.events import read_events

pytestmark = pytest.mark.slow
rel_nlp, rel_doc = rel_support.rel_nlp, rel_support.rel_doc  # session fixtures


def test_events_both_sides_are_the_two_states_just_named(rel_doc):
    first = "Russia and China sold rifles to Kazakhstan. "
    evs = read_events(
        rel_doc(
            first + "Tajikistan accused Uzbekistan of shelling villages, and "
            "both sides later agreed to a ceasefire."
        )
    )
    agree = [e for e in evs if e.type == "AGREE"]
    assert agree and set(agree[0].actors) == {"e:country/tj", "e:country/uz"}
    assert agree[0].evidence.start == len(first)  # the sentence naming both, not before


def types_of(evs):
    return {e.type: e for e in evs}


def test_events_warning_someone_is_a_threat(rel_doc):
    got = types_of(
        read_events(
            rel_doc(
                "Uzbek President Yusuf Khan Badri warned the Taliban "
                "on March 3 not to build new canals."
            )
        )
    )
    assert "e:group/taliban" in got["THREATEN"].targets
    assert "e:person/yusuf-khan-badri" in got["THREATEN"].actors
    assert "THREATEN" not in types_of(
        read_events(rel_doc("Engineers in Tajikistan warn that the canal will dry out the river."))
    )


def test_events_duty_under_a_treaty_is_no_aid(rel_doc):
    got = types_of(
        read_events(
            rel_doc(
                "Under the Vakhsh River Accord, Tajikistan is required "
                "to deliver 500 million cubic metres of water to "
                "Uzbekistan."
            )
        )
    )
    assert "AID" not in got


def test_events_sending_hundreds_of_fighters_is_mobilising(rel_doc):
    got = types_of(
        read_events(
            rel_doc(
                "The Taliban responded by sending hundreds of fighters "
                "to Badakhshan, a province that borders Tajikistan."
            )
        )
    )
    ev = got["MOBILIZE"]
    assert ev.actors == ("e:group/taliban",)
    assert ev.place == "e:place/badakhshan"
    assert "e:country/tj" not in ev.targets


def test_events_cooperation_noun_with_no_one_named_is_no_event(rel_doc):
    got = types_of(
        read_events(
            rel_doc('"Our cooperation with Russia harms no one," the minister told reporters.')
        )
    )
    assert "COOPERATE" not in got


def test_events_being_aligned_with_is_a_tie_not_an_event(rel_doc):
    got = types_of(read_events(rel_doc("The Ferghana Brigade is aligned with al-Qaeda.")))
    assert "COOPERATE" not in got


def test_events_an_armed_group_taking_power_is_an_assault(rel_doc):
    for text in (
        "The Taliban seized power in Afghanistan in August 2021.",
        "Aid fell after the Taliban, who swept back to power in August 2021, closed the schools.",
    ):
        got = types_of(read_events(rel_doc(text)))
        assert "e:group/taliban" in got["ASSAULT"].actors and got["ASSAULT"].date == "2021-08"
    # a leader who came to power was elected or appointed: no assault
    elected = read_events(rel_doc("Pavel Orlovsky came to power in Tajikistan in May 2019."))
    assert "ASSAULT" not in types_of(elected)


def test_events_a_court_sentencing_someone_coerces_them(rel_doc):
    got = types_of(
        read_events(
            rel_doc(
                "A court in Dushanbe sentenced Pavel Orlovsky to twelve years in prison "
                "on March 3, 2024."
            )
        )
    )
    assert "e:person/pavel-orlovsky" in got["COERCE"].targets
    assert got["COERCE"].date == "2024-03-03"


def test_events_claiming_an_attack_is_the_attack_and_a_claimed_quotation_accuses_no_one(rel_doc):
    for text in (
        "The Ferghana Brigade has claimed the bombing of a police post in Dushanbe on May 3.",
        (
            "Responsibility for the attack on the post in Dushanbe was claimed by the "
            "Ferghana Brigade on May 3."
        ),
    ):
        got = types_of(read_events(rel_doc(text)))
        assert "e:group/ferghana-brigade" in got["ASSAULT"].actors
        assert "ACCUSE" not in got
    quoted = read_events(
        rel_doc(
            "“Our fighters will go on until the last foreign soldier has left the valley”, "
            "claimed Pavel Orlovsky, a spokesman of the Ferghana Brigade."
        )
    )
    assert "ACCUSE" not in types_of(quoted)


def test_events_unrest_in_a_state_is_a_protest_there(rel_doc):
    for text in (
        "In January 2022, mass riots erupted in Kazakhstan.",
        "The unrest in Kazakhstan in January 2022 left more than two hundred people dead.",
    ):
        got = types_of(read_events(rel_doc(text)))
        assert got["PROTEST"].targets == ("e:country/kz",) and got["PROTEST"].date == "2022-01"


def test_events_protests_spreading_and_protesters_gathering_are_protests_where_they_are(rel_doc):
    for text, where in (
        ("Protests spread to Dushanbe and other cities on March 4, 2021.", "e:place/dushanbe"),
        ("Thousands of protesters gathered in Badakhshan on March 4, 2021.", "e:place/badakhshan"),
    ):
        got = types_of(read_events(rel_doc(text)))
        assert where in got["PROTEST"].targets and got["PROTEST"].date == "2021-03-04"


def test_events_fire_exchanged_and_clashes_between_two_sides_are_an_assault(rel_doc):
    named = "Iran and Afghanistan share a long border. "
    for text in (
        "Afghan guards opened fire on Iranian troops on May 3, 2023.",
        "Two guards died in an exchange of fire between Iranian and Afghan forces on May 3, 2023.",
        "Clashes broke out between the Taliban and Iranian border guards on May 3, 2023.",
    ):
        got = types_of(read_events(rel_doc(named + text)))
        sides = {*got["ASSAULT"].actors, *got["ASSAULT"].targets}
        assert "e:country/ir" in sides and sides - {"e:country/ir"}
        assert got["ASSAULT"].date == "2023-05-03"


def test_events_an_armed_group_seizing_control_of_a_place_is_an_assault(rel_doc):
    got = types_of(read_events(rel_doc("The Taliban seized control of Kunduz on August 8, 2021.")))
    assert "e:group/taliban" in got["ASSAULT"].actors and "COERCE" not in got


def test_events_closing_a_crossing_or_halting_supplies_is_a_sanction_and_closing_a_deal_is_not(
    rel_doc,
):
    for text in (
        "Tajikistan closed the border crossing with Afghanistan on May 3, 2023.",
        "Turkmenistan halted gas supplies to Iran on May 3, 2023.",
    ):
        got = types_of(read_events(rel_doc(text)))
        assert got["SANCTION"].actors and got["SANCTION"].date == "2023-05-03"
    deal = read_events(rel_doc("Uzbekistan and Kazakhstan closed the deal on May 3, 2023."))
    assert "SANCTION" not in types_of(deal)


def test_events_aid_needs_something_given_and_a_request_something_asked_for(rel_doc):
    given = types_of(
        read_events(rel_doc("Kazakhstan delivered 5,000 tons of flour to Afghanistan on May 3."))
    )
    assert given["AID"].actors == ("e:country/kz",)
    for text in (
        "Tajikistan delivered a welcoming speech to the summit in Dushanbe on May 3.",
        "Turkmenistan was granted observer status in the bloc on May 3.",
        "China signed a rail deal with Kyrgyzstan as it seeks to expand trade with Uzbekistan.",
        "Asked if Tajikistan would join, Uzbekistan declined to comment on May 3.",
    ):
        got = types_of(read_events(rel_doc(text)))
        assert "AID" not in got and "REQUEST" not in got, text
    asked = types_of(read_events(rel_doc("Kazakhstan asked Russia for military help on May 3.")))
    assert asked["REQUEST"].targets == ("e:country/ru",)
