"""A blank line ends a sentence, so no reading quotes two paragraphs as its evidence."""

from __future__ import annotations

from crossroads.extraction.relations import read_relations


def test_a_heading_without_a_full_stop_is_a_sentence_of_its_own(nlp):
    doc = nlp(
        "Border talks in the valley of the\n\nKyrgyzstan and Tajikistan signed a border treaty."
    )
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents == [
        "Border talks in the valley of the",
        "Kyrgyzstan and Tajikistan signed a border treaty.",
    ]


def test_evidence_stays_within_its_paragraph(read):
    text = "Notes from the road to the\n\nTajikistan is a member of the Collective Security Treaty Organization."
    doc = read(text)
    relations = read_relations(doc)
    assert relations
    for r in relations:
        quoted = text[r.evidence.start : r.evidence.end]
        assert "\n\n" not in quoted.strip(), quoted
