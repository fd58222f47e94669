"""Title, author and date: as precise as the page says, never invented."""
from __future__ import annotations

import pytest

from crossroads.ingest.metadata import byline, normalise_author, parse_date
from crossroads.ingest.readers import load_bytes

MB = 1024 * 1024
BODY = ("The two delegations met in the border town to talk about the reopening of the old road, "
        "which was closed after the floods last spring and has not carried trucks since then.\n\n"
        "Both sides said a technical group would meet again in a month to settle the customs rules.\n")


@pytest.mark.parametrize("text,iso", [
    ("07.04.2021", "2021-04-07"),
    ("25/12/2019", "2019-12-25"),
    ("May 25, 2021", "2021-05-25"),
    ("Thursday, July 18, 2024", "2024-07-18"),
    ("3rd of March 2020", "2020-03-03"),
    ("March 2020", "2020-03"),
    ("2021-05-25", "2021-05-25"),
    ("no date here", None),
    ("31.02.2021", None),
])
def test_metadata_dates_keep_their_precision(text, iso):
    assert parse_date(text) == iso


def test_metadata_bylines_are_normalised():
    assert normalise_author("SALMA RIAZ KHAN") == "Salma Riaz Khan"
    assert normalise_author("Dana Keller and Omar Faiz") == "Dana Keller, Omar Faiz"
    assert byline("Why the canal matters By LENA MARCH") == ("Why the canal matters", "Lena March")
    assert byline("By Pavel Ostrov") == (None, "Pavel Ostrov")
    assert byline("Killed By Friendly Fire") == (None, None)


def _one(text: str):
    [doc] = load_bytes(text.encode(), "page.txt", MB)
    return doc


def test_metadata_title_byline_and_dotted_date_before_caption():
    doc = _one("Why the old road matters By LENA MARCH\n\nSpread the love\n"
               "12.03.2022 Trucks wait at the closed gate of the old road near the river.\n\n" + BODY)
    assert (doc.title, doc.author, doc.published) == ("Why the old road matters", "Lena March", "2022-03-12")
    assert doc.text.startswith("Trucks wait at the closed gate")


def test_metadata_date_and_author_above_untitled_article():
    doc = _one("June 2, 2020\n\nOmar Faiz\n\n" + BODY)
    assert (doc.title, doc.author, doc.published) == (None, "Omar Faiz", "2020-06-02")
    assert doc.text.startswith("The two delegations")


def test_metadata_unknown_date_stays_null():
    doc = _one("Road talks resume at the border\n\nBy Omar Faiz\n\n" + BODY)
    assert doc.published is None and doc.author == "Omar Faiz"


def test_metadata_site_date_bar_is_page_date_not_article_date():
    doc = _one("Friday, August 9, 2024\nHomeAsiaRoad talks resume at the border\n\n"
               "Road talks resume at the border\n\n" + BODY)
    assert doc.title == "Road talks resume at the border"
    assert doc.published is None and doc.meta["page_date"] == "2024-08-09"
    assert "Home" not in doc.text


def test_metadata_date_contradicted_by_the_text_is_not_the_article_date():
    body = ("The ministers met on Monday in the capital. The very next day (November 14) the "
            "presidents held a summit that set up a commission on the river, whose first report "
            "is due within a year.\n\nThe commission will hold its first meeting in the spring.\n")
    doc = _one("May 3, 2021\n\nRiver commission set up after summit\n\n" + body)
    assert doc.published is None and doc.meta["page_date"] == "2021-05-03"
    ok = _one("November 16, 2021\n\nRiver commission set up after summit\n\n" + body)
    assert ok.published == "2021-11-16"


@pytest.mark.parametrize("head,author", [
    ("Road talks resume\n\nBy Lena March | May 5, 2021\n\n", "Lena March"),
    ("Road talks resume\n\nLena March, 05.05.2021\n\n", "Lena March"),
    ("Road talks resume\n\nMay 05, 2021 12:30 GMT\n\nBy Lena March\n\n", "Lena March"),
    ("Road talks resume\n\nPublished: May 5, 2021\n\nBy Lena March\n\n5 min read\n\n", "Lena March"),
    ("Road talks resume\n\nThe reopening could double trade between the two countries within a "
     "year, officials say.\n\nBy Lena March\n\nMay 5, 2021\n\n", "Lena March"),
    ("Posted on May 5, 2021 by admin\n\nRoad talks resume\n\n", None),
    ("Steppe Wire\n\nAsia\n\nRoad talks resume\n\nBy Lena March\n\n5 May 2021\n\n", "Lena March"),
])
def test_metadata_common_head_layouts(head, author):
    doc = _one(head + BODY + "\nTags: roads, trade\n")
    assert (doc.title, doc.author, doc.published) == ("Road talks resume", author, "2021-05-05")
    assert "Lena" not in doc.text and "2021" not in doc.text and "read" not in doc.text
    assert "Tags" not in doc.text and doc.text.endswith("customs rules.")


def test_metadata_date_on_a_markdown_byline_dates_the_article():
    page = ("# Kazakhstan opens a new grain terminal\n\n"
            "*Market note, 02.03.2022* — by Aida Nurlanova and Tom Hale\n\n"
            "Kazakhstan opened a grain terminal on the Caspian coast this week, the ministry "
            "said. It will ship wheat to Iran and the Gulf states from next spring.\n")
    (doc,) = load_bytes(page.encode("utf-8"), "note.md", 10**6)
    assert (doc.title, doc.author, doc.published) == (
        "Kazakhstan opens a new grain terminal", "Aida Nurlanova, Tom Hale", "2022-03-02")
    assert "Market note" not in doc.text


def test_metadata_wire_dateline_dates_the_article_and_leaves_the_body():
    page = ("Dushanbe, 3 March 2024 (Pamir Wire) — Tajik border guards reopened the crossing "
            "at Ishkashim on Sunday after a two-week closure, officials said.\n\n"
            "Traders from both sides had waited at the bridge since mid-February, the customs "
            "service added in a statement.\n")
    (doc,) = load_bytes(page.encode("utf-8"), "wire.txt", 10**6)
    assert doc.published == "2024-03-03"
    assert doc.text.startswith("Tajik border guards reopened")


def test_metadata_dated_series_label_is_no_headline():
    page = ("WORKING PAPER No. 7 | June 2022\n\n"
            "Water, cotton and the Amu Darya\n\n"
            "By Lola Karimova\n\n"
            "Uzbekistan and Turkmenistan draw most of their irrigation water from the Amu Darya, "
            "and a new canal upstream worries farmers in both countries, the paper argues.\n")
    (doc,) = load_bytes(page.encode("utf-8"), "paper.txt", 10**6)
    assert (doc.title, doc.author, doc.published) == (
        "Water, cotton and the Amu Darya", "Lola Karimova", "2022-06")


def test_metadata_labelled_byline_with_a_non_ascii_name_and_date():
    page = ("# Almaty's metro grows south\n\n"
            "*Analysis* — by Ayşe Demirtaş, 04.05.2023\n\n"
            "Almaty opened two new metro stations on Friday, extending the line towards the "
            "southern suburbs, the city administration said in a statement.\n")
    (doc,) = load_bytes(page.encode("utf-8"), "metro.md", 10**6)
    assert (doc.title, doc.author, doc.published) == (
        "Almaty's metro grows south", "Ayşe Demirtaş", "2023-05-04")
    assert "Analysis" not in doc.text
