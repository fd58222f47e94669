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
