"""Footnotes leave the body's sentences whole and stay linked to their markers."""

from __future__ import annotations

from ingest_files import make_pdf

from crossroads.ingest.readers import load_bytes

MB = 1024 * 1024

BRIEF = """Water and Security in the Upper Valley

By Mira Holt

March 2023

The valley's three districts have argued over canal water for a decade.3 Local councils blame each other for the shortages, and the provincial government has rarely stepped in.

The armed group that controls the northern passes, the Valley Front12 has started to tax the water

12 Interview with a district official, conducted by the author in 2022.

carried through its territory, which raised prices for farmers further south.

A joint commission was proposed in 2021, but it never met.[4] Donors have offered to pay for 3 new gauges on the main canal.

1. First, the districts should publish their water intake.

Notes

3 Report of the provincial irrigation office, 2020, p. 14.
4 Minutes of the council meeting, Spring 2021.
"""


def test_footnotes_markers_and_notes_leave_the_body():
    [doc] = load_bytes(BRIEF.encode(), "brief.txt", MB)
    assert (doc.title, doc.author, doc.published) == (
        "Water and Security in the Upper Valley",
        "Mira Holt",
        "2023-03",
    )
    assert "the Valley Front has started to tax the water carried through its territory" in doc.text
    assert "decade. Local councils" in doc.text and "never met. Donors" in doc.text
    assert "Front12" not in doc.text and "Interview" not in doc.text and "Notes" not in doc.text
    assert "3 new gauges" in doc.text  # a number in the text is no marker
    assert "1. First, the districts" in doc.text  # nor is a numbered list item
    notes = {f.marker: f for f in doc.footnotes}
    assert set(notes) == {"3", "4", "12"}
    assert notes["12"].text.startswith("Interview with a district official")
    assert doc.text[: notes["12"].anchor].endswith("the Valley Front")
    assert doc.text[: notes["3"].anchor].endswith("for a decade.")
    assert doc.text[: notes["4"].anchor].endswith("it never met.")


def test_footnotes_pdf_page_bottom_note_does_not_cut_the_sentence():
    page1 = [
        "Border Markets After the Crossing Reopened",
        "The reopening of the mountain crossing in spring changed the small markets on",
        "both sides of the river. Traders who had waited for months brought dried fruit,",
        "cement and fuel, and the customs post counted more trucks in April than in the",
        "whole previous year.7 Officials on the northern side said the new scanners cut",
        "the waiting time to a few hours, while drivers complained about informal fees",
        "that the guards at the second checkpoint still asked for, despite",
        "7 Customs post statistics shared with the author, May 2023.",
        "1",
    ]
    page2 = [
        "Border Markets After the Crossing Reopened",
        "the orders of the ministry. A survey of sixty traders found that most of them",
        "expected the trade to grow again next year if the road is repaired before the",
        "winter snow closes the upper pass.8",
        "Local councils asked for a permanent market building near the bridge.",
        "8 Survey by a local research group, June 2023.",
        "2",
    ]
    [doc] = load_bytes(make_pdf([page1, page2]), "markets.pdf", MB)
    assert doc.title == "Border Markets After the Crossing Reopened"
    assert "asked for, despite the orders of the ministry." in doc.text
    assert "whole previous year. Officials" in doc.text
    assert "Customs post statistics" not in doc.text and "Crossing Reopened" not in doc.text
    assert [(f.marker, f.text) for f in doc.footnotes] == [
        ("7", "Customs post statistics shared with the author, May 2023."),
        ("8", "Survey by a local research group, June 2023."),
    ]
    assert doc.text[: doc.footnotes[1].anchor].endswith("upper pass.")
