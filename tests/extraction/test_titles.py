"""Agreements named by a long title, on sentences of our own: the whole title is read as
the agreement's name (the entity review then keeps or drops it), and the states it names
stay entities of their own."""

from __future__ import annotations

import pytest

from crossroads.extraction.entities import mentions_of
from crossroads.extraction.titles import find_titles


def _agreements(doc):
    return {e.name for e in doc._.entities.values() if e.type == "Agreement"}


def test_a_long_title_is_one_agreement_up_to_the_clause_after_it(nlp):
    doc = nlp(
        "The ministers signed a Memorandum of Understanding on cooperation in the field of "
        "water management, which takes effect in May."
    )
    assert [(t.text, t.label_) for t in find_titles(doc)] == [
        ("Memorandum of Understanding on cooperation in the field of water management", "Agreement")
    ]


@pytest.mark.parametrize(
    "text,titles",
    [
        (
            (
                "They signed an Agreement on the protection of investments and a Protocol on "
                "customs checks at the border."
            ),
            [
                "Agreement on the protection of investments",
                "Protocol on customs checks at the border",
            ],
        ),
        # a title-cased phrase goes on wherever the parser hung it
        (
            (
                "The parties signed the Protocol on Cooperation in the Field of Fighting Cattle "
                "Theft, and the Agreement on the Prevention of Floods in the Black Sea."
            ),
            [
                "Protocol on Cooperation in the Field of Fighting Cattle Theft",
                "Agreement on the Prevention of Floods in the Black Sea",
            ],
        ),
    ],
)
def test_two_titles_joined_by_and_are_two_agreements(nlp, text, titles):
    assert [t.text for t in find_titles(nlp(text))] == titles


def test_a_list_inside_a_title_stays_in_it(nlp):
    doc = nlp(
        "The deal followed a Memorandum on joint work of the police against arms smuggling, "
        "cattle theft and drug trafficking, signed in the spring."
    )
    title = (
        "Memorandum on joint work of the police against arms smuggling, cattle theft and drug "
        "trafficking"
    )
    assert [t.text for t in find_titles(doc)] == [title]


def test_the_states_a_title_names_stay_entities_beside_it(read):
    doc = read(
        "The Joint Declaration on Strategic Partnership between Kazakhstan and Mongolia "
        "was adopted on Tuesday."
    )
    title = "Joint Declaration on Strategic Partnership between Kazakhstan and Mongolia"
    assert _agreements(doc) == {title}
    assert {"Kazakhstan", "Mongolia"} <= {e.text for e in doc.ents}
    assert any(m.text == title for m in mentions_of(doc, "d:test"))


def test_where_and_when_it_was_signed_are_not_part_of_the_title(nlp):
    doc = nlp("The Treaty on Strategic Partnership of 12 May 2005 is still in force.")
    assert [t.text for t in find_titles(doc)] == ["Treaty on Strategic Partnership"]


def test_a_capital_at_the_start_of_a_sentence_is_no_title(nlp):
    assert not find_titles(nlp("Agreement on the price was reached late on Friday."))
    assert not find_titles(nlp("The agreement on the price was reached late on Friday."))


def test_a_title_ner_split_into_a_head_and_a_body_is_one_agreement(read):
    # NER reads "Treaty" and "<words> in <city>" as two names; the title is one agreement,
    # and the city where it was signed stays a place
    doc = read("Kazakhstan and Uzbekistan signed the Treaty on Allied Relations in Tashkent.")
    assert _agreements(doc) == {"Treaty on Allied Relations"}
    # a name of the sentence itself, which the states' relations to it are read from
    assert {"Treaty on Allied Relations", "Tashkent"} <= {e.text for e in doc.ents}
    assert not any("Allied Relations" in e.text and e.label_ != "Agreement" for e in doc.ents)


def test_a_title_the_parser_hung_on_the_verb_is_read_to_its_end(read):
    doc = read(
        "At the summit President Ali Karimi signed the Convention on the Legal Status of the "
        "Caspian Sea in Dushanbe, and Iran signed the Treaty on Trust, Friendship and Cooperation."
    )
    assert {
        "Convention on the Legal Status of the Caspian Sea",
        "Treaty on Trust, Friendship and Cooperation",
    } <= _agreements(doc)


def test_a_day_after_an_agreement_is_no_title(nlp):
    assert not find_titles(nlp("The two sides signed the Agreement on Monday in Astana."))


def test_a_dash_between_two_names_inside_a_title_does_not_end_it(read):
    doc = read(
        "Uzbekistan and China on Thursday signed the Framework Agreement on the Joint "
        "Feasibility Study for the Andijan–Kashgar rail link under the Uzbekistan–China "
        "(UC) Railway Corridor in Tashkent."
    )
    assert (
        "Framework Agreement on the Joint Feasibility Study for the Andijan–Kashgar rail link"
        in _agreements(doc)
    ), _agreements(doc)
