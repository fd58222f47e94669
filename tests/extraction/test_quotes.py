"""Quotes: marked, run-on and block quotes; speakers by name, role and pronoun; scare quotes."""

from __future__ import annotations

import pytest
import rel_support

from crossroads.extraction.quotes import read_quotes

pytestmark = pytest.mark.slow
rel_nlp, rel_doc = rel_support.rel_nlp, rel_support.rel_doc  # session fixtures


def test_quotes_named_speaker_and_pronoun(rel_doc):
    text = (
        "Orlovsky arrived in Dushanbe on Tuesday.\n\n"
        "“We will not allow any foreign military bases on our soil,” Orlovsky said.\n\n"
        "“Our position has not changed at all since last year,” he added."
    )
    q1, q2 = read_quotes(rel_doc(text))
    assert (q1.speaker, q1.cue) == ("e:person/pavel-orlovsky", "said")
    assert q1.text == "We will not allow any foreign military bases on our soil"
    assert (q2.speaker, q2.cue) == ("e:person/pavel-orlovsky", "added")
    assert text[q1.evidence.start : q1.evidence.end].startswith("“We will not allow")
    assert q1.date == "2021-05-25"  # the document's date when the text gives none


def test_quotes_in_marks_typed_as_two_apostrophes(rel_doc):
    text = (
        "Orlovsky arrived in Dushanbe on Tuesday.\n\n"
        "''The new base is not finished, it is only a start,'' Orlovsky said. "
        "``We will bring in troops from other regions.''"
    )
    q1, q2 = read_quotes(rel_doc(text))
    assert (q1.speaker, q1.text) == (
        "e:person/pavel-orlovsky",
        "The new base is not finished, it is only a start",
    )
    assert q2.speaker == "e:person/pavel-orlovsky"
    assert q2.text.startswith("We will bring in troops")
    assert text[q1.evidence.start : q1.evidence.end].startswith("''The new base")


def test_quotes_an_opening_mark_typed_as_a_closing_one(rel_doc):
    text = (
        "Orlovsky arrived in Dushanbe on Tuesday.\n\n"
        "In a message to the garrison, Orlovsky wrote:”Inspectors from every member state "
        "will see the new base before the winter.”"
    )
    (q,) = read_quotes(rel_doc(text))
    assert q.speaker == "e:person/pavel-orlovsky"
    assert q.text.startswith("Inspectors from every member state")


def test_quotes_speaker_by_role(rel_doc):
    text = (
        "Dilnoza Rakhimova, the Uzbek foreign minister, spoke after Pavel Orlovsky.\n\n"
        "“Our country sees no need for new bases in the region,” the minister told "
        "reporters."
    )
    (q,) = read_quotes(rel_doc(text))
    assert q.speaker == "e:person/dilnoza-rakhimova"


def test_quotes_block_quote_after_colon(rel_doc):
    text = (
        "Yusuf Khan Badri told a local paper:\n\n"
        "We are ready to talk with every neighbour of Afghanistan. Our fighters will keep "
        "the roads open for traders.\n\n"
        "The interview ran on the front page."
    )
    (q,) = read_quotes(rel_doc(text))
    assert q.speaker == "e:person/yusuf-khan-badri"
    assert q.text.endswith("open for traders.")
    assert q.about == ("e:country/af",)


def test_quotes_run_across_paragraphs(rel_doc):
    text = (
        "“This deal is only the first step towards peace in the valley.\n\n"
        "“More talks with Tajikistan will follow in the autumn,” Badri wrote."
    )
    (q,) = read_quotes(rel_doc(text))
    assert q.speaker == "e:person/yusuf-khan-badri"
    assert q.text == (
        "This deal is only the first step towards peace in the valley. "
        "More talks with Tajikistan will follow in the autumn"
    )
    assert q.cue == "wrote"


def test_quotes_scare_quotes_are_not_quotes(rel_doc):
    assert (
        read_quotes(rel_doc("Officials describe the so-called “vocational” centres as schools."))
        == []
    )


def test_quotes_short_phrase_without_verb_is_a_label(rel_doc):
    text = "Orlovsky warned against the so-called “export of the great river revolution” again."
    assert read_quotes(rel_doc(text)) == []


def test_quotes_message_author_is_the_last_speaker(rel_doc):
    text = (
        "The Ferghana Brigade posted that “the roads to the valley will stay closed to all "
        "traders”. “We thank every fighter who held the passes this winter”, says the end "
        "of the message."
    )
    quotes = read_quotes(rel_doc(text))
    assert [q.speaker for q in quotes] == ["e:group/ferghana-brigade"] * 2


def test_quotes_according_to_and_bracketed_insertion(rel_doc):
    text = (
        "According to Pavel Orlovsky, “the Taliban [fighters] will not be allowed to cross "
        "the river”."
    )
    (q,) = read_quotes(rel_doc(text))
    assert q.speaker == "e:person/pavel-orlovsky"
    assert q.text == "the Taliban will not be allowed to cross the river"
    assert q.about == ("e:group/taliban",)


def test_quotes_second_quote_of_a_paragraph_keeps_the_speaker(rel_doc):
    text = (
        "“This is a good day for the valley,” Badri told reporters. “We will open the "
        "roads to every trader.”"
    )
    quotes = read_quotes(rel_doc(text))
    assert [q.speaker for q in quotes] == ["e:person/yusuf-khan-badri"] * 2


def test_quotes_next_paragraph_of_words_keeps_the_speaker(rel_doc):
    text = (
        "“The new road will carry grain to the border,” Badri told reporters.\n\n"
        "“Traders from both sides will use it before the spring rains come.”\n\n"
        "The governor of the province did not comment."
    )
    quotes = read_quotes(rel_doc(text))
    assert [q.speaker for q in quotes] == ["e:person/yusuf-khan-badri"] * 2
    assert quotes[1].text.startswith("Traders from both sides")


def test_quotes_unattributed_paragraph_after_narration_has_no_speaker(rel_doc):
    text = (
        "Badri visited the market in the morning.\n\n"
        "“Traders from both sides will use the road before the spring rains come.”"
    )
    assert read_quotes(rel_doc(text)) == []


def test_quotes_in_single_marks_are_quotes_and_apostrophes_do_not_end_them(rel_doc):
    doc = rel_doc(
        "Pavel Orlovsky spoke after the blast. ‘The main task now is to learn what happened "
        "to the embassy’s staff in the city,’ Orlovsky told reporters, calling the attack "
        "‘unacceptable’."
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky"]
    assert quotes[0].text.startswith("The main task") and "embassy’s staff" in quotes[0].text


def test_quotes_in_straight_single_marks_are_quotes_and_apostrophes_do_not_end_them(rel_doc):
    # some outlets print every quotation in straight single marks
    doc = rel_doc(
        "Pavel Orlovsky spoke after the blast. 'The main task now is to learn what happened "
        "to the protesters' families and the embassy's staff in the city,' Orlovsky told "
        "reporters. 'It's too early to say who did it.'"
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky"] * 2
    assert quotes[0].text.startswith("The main task") and "embassy's staff" in quotes[0].text
    assert quotes[1].text.startswith("It's too early")


def test_quotes_a_plural_possessive_opens_no_straight_single_quotation(rel_doc):
    doc = rel_doc(
        "Pavel Orlovsky met the farmers' leaders in Termez and praised the traders' "
        "cooperation on the new bridge, officials said."
    )
    assert read_quotes(doc) == []


def test_quotes_a_short_phrase_without_verb_is_a_quote_when_someone_said_it(rel_doc):
    # only a labelling word ("so-called", "dubbed") makes a short verbless phrase a label
    doc = rel_doc("Orlovsky said the new accord was “a fresh chapter for the whole valley”.")
    assert [(q.speaker, q.text) for q in read_quotes(doc)] == [
        ("e:person/pavel-orlovsky", "a fresh chapter for the whole valley")
    ]


def test_quotes_a_verb_of_judging_or_committing_gives_the_quote_its_speaker(rel_doc):
    text = (
        "Orlovsky hailed the new depot as “a turning point for trade across the whole valley”.\n\n"
        "Dilnoza Rakhimova vowed that “the border posts will stay open through the winter”."
    )
    q1, q2 = read_quotes(rel_doc(text))
    assert (q1.speaker, q1.text) == (
        "e:person/pavel-orlovsky",
        "a turning point for trade across the whole valley",
    )
    assert q2.text == "the border posts will stay open through the winter" and q2.speaker


def test_quotes_a_closing_mark_typed_as_an_opening_one_still_closes(rel_doc):
    doc = rel_doc(
        "“The new road is very much about trade with the whole of the region “, said "
        "Emomali Rahmon and added that work would start in May."
    )
    got = [(q.speaker, q.text) for q in read_quotes(doc)]
    assert got == [
        (
            "e:person/emomali-rahmon",
            "The new road is very much about trade with the whole of the region",
        )
    ], got
