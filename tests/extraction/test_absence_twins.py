"""Positive twins of the extraction tests that only assert an absence.

A test that only says "no AGREE here" also passes when the reader returns nothing at all.
Each case below runs the absence test's own sentence and a near twin through the same
reader: the twin must give the record, the original must not. Sentences are our own.
"""

from __future__ import annotations

import pytest
import rel_support

from crossroads.extraction.events import read_events
from crossroads.extraction.quotes import read_quotes
from crossroads.extraction.relations import read_relations

pytestmark = pytest.mark.slow
rel_nlp, rel_doc = rel_support.rel_nlp, rel_support.rel_doc  # session fixtures


def event_types(doc) -> set:
    return {e.type for e in read_events(doc)}


def relation_keys(doc) -> set:
    return {(r.subject, r.predicate, r.object) for r in read_relations(doc)}


def quote_count(doc) -> int:
    return len(read_quotes(doc))


# (absence test it twins, reader, sentence without the record, twin with it, the record)
EVENTS = [
    (
        "test_events_meeting_a_threat_is_no_meeting",
        "Russia wants to meet the growing threat from Afghanistan.",
        "Russia met Afghanistan in Dushanbe.",
        "CONSULT",
    ),
    (
        "test_events_a_place_offering_a_route_is_no_agreement",
        "China's city of Kashgar offers a second route that avoids Kyrgyzstan.",
        "China and Kyrgyzstan signed an agreement on a second route.",
        "AGREE",
    ),
    (
        "test_events_a_pledge_of_allegiance_is_no_agreement",
        "The Ferghana Brigade pledged allegiance to al Qaeda in 2015.",
        "The Ferghana Brigade and al Qaeda signed a pact in 2015.",
        "AGREE",
    ),
    (
        "test_events_duty_under_a_treaty_is_no_aid",
        (
            "Under the Vakhsh River Accord, Tajikistan is required to deliver 500 million cubic "
            "metres of water to Uzbekistan."
        ),
        "Tajikistan delivered 500 million cubic metres of water to Uzbekistan.",
        "AID",
    ),
    (
        "test_events_cooperation_noun_with_no_one_named_is_no_event",
        '"Our cooperation with Russia harms no one," the minister told reporters.',
        "Tajikistan and Russia cooperate on water.",
        "COOPERATE",
    ),
    (
        "test_events_being_aligned_with_is_a_tie_not_an_event",
        "The Ferghana Brigade is aligned with al-Qaeda.",
        "Russia and China announced a new alliance in 2019.",
        "COOPERATE",
    ),
]

RELATIONS = [
    (
        "test_relations_hypothetical_basing_is_not_a_fact",
        "Kyrgyzstan would host US troops if Russia agreed.",
        "Kyrgyzstan hosts US troops.",
        ("e:country/kg", "hosts_military_presence", "e:country/us"),
    ),
    (
        "test_relations_adjective_only_country_is_left_out",
        "Pavel Orlovsky, the Russian special envoy, met Uzbek officials.",
        "Pavel Orlovsky, the special envoy of Russia, met Uzbek officials.",
        ("e:person/pavel-orlovsky", "holds_position", "e:country/ru"),
    ),
    (
        "test_relations_route_that_avoids_a_country_does_not_connect_it",
        "The Pamir Corridor offers a second route that avoids Uzbekistan.",
        "The Pamir Corridor connects Kashgar with Uzbekistan.",
        ("e:initiative/pamir-corridor", "connects", "e:country/uz"),
    ),
    (
        "test_relations_hyphenated_affiliation_before_the_subjects_is_not_their_subject",
        (
            "Al Qaeda-affiliated militant groups such as the Ferghana Brigade and the Taliban, which "
            "recruit mostly Uzbeks, also fight in Badakhshan."
        ),
        "The Ferghana Brigade is affiliated with the Taliban.",
        ("e:group/ferghana-brigade", "affiliated_with", "e:group/taliban"),
    ),
]

QUOTES = [
    (
        "test_quotes_scare_quotes_are_not_quotes",
        "Officials describe the so-called “vocational” centres as schools.",
        "“The centres are vocational schools and nothing else,” Orlovsky said.",
    ),
    (
        "test_quotes_short_phrase_without_verb_is_a_label",
        "Orlovsky warned against the so-called “export of the great river revolution” again.",
        "“We will stop the export of the great river revolution,” Orlovsky said again.",
    ),
]


@pytest.mark.parametrize("twin_of,without,with_,type_", EVENTS, ids=[c[0] for c in EVENTS])
def test_twin_events(rel_doc, twin_of, without, with_, type_):
    assert type_ not in event_types(rel_doc(without))
    assert type_ in event_types(rel_doc(with_)), f"the reader found no {type_} in its twin"


@pytest.mark.parametrize("twin_of,without,with_,key", RELATIONS, ids=[c[0] for c in RELATIONS])
def test_twin_relations(rel_doc, twin_of, without, with_, key):
    assert key not in relation_keys(rel_doc(without))
    assert key in relation_keys(rel_doc(with_)), f"the reader found no {key} in its twin"


@pytest.mark.parametrize("twin_of,without,with_", QUOTES, ids=[c[0] for c in QUOTES])
def test_twin_quotes(rel_doc, twin_of, without, with_):
    assert quote_count(rel_doc(without)) == 0
    assert quote_count(rel_doc(with_)) == 1


def test_twin_relations_unparsed_doc_gives_nothing_parsed_gives_the_relation(rel_nlp, rel_doc):
    # twin of test_relations_unparsed_doc_gives_nothing
    text = "Tajikistan is a member of the CSTO."
    assert read_relations(rel_nlp.make_doc(text)) == []
    assert ("e:country/tj", "member_of", "e:org/csto") in relation_keys(rel_doc(text))
