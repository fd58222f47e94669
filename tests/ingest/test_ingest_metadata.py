"""Title, author and date: as precise as the page says, never invented."""

from __future__ import annotations

import pytest

from crossroads.ingest.metadata import byline, credit, normalise_author, parse_date
from crossroads.ingest.readers import load_bytes

MB = 1024 * 1024
BODY = (
    "The two delegations met in the border town to talk about the reopening of the old road, "
    "which was closed after the floods last spring and has not carried trucks since then.\n\n"
    "Both sides said a technical group would meet again in a month to settle the customs rules.\n"
)


@pytest.mark.parametrize(
    "text,iso",
    [
        ("07.04.2021", "2021-04-07"),
        ("25/12/2019", "2019-12-25"),
        ("May 25, 2021", "2021-05-25"),
        ("Thursday, July 18, 2024", "2024-07-18"),
        ("3rd of March 2020", "2020-03-03"),
        ("March 2020", "2020-03"),
        ("2021-05-25", "2021-05-25"),
        ("no date here", None),
        ("31.02.2021", None),
        ("Updated: 17-06-2023 09:12 IST", "2023-06-17"),
        ("10-12-15", None),
        ("12 марта 2019 г.", "2019-03-12"),
        # the weekday says which number is the month
        ("Tue, 03/10/2020 - 08:15", "2020-03-10"),
        ("Sat, 03/10/2020", "2020-10-03"),
    ],
)
def test_metadata_dates_keep_their_precision(text, iso):
    assert parse_date(text) == iso


def test_metadata_bylines_are_normalised():
    assert normalise_author("SALMA RIAZ KHAN") == "Salma Riaz Khan"
    assert normalise_author("Dana Keller and Omar Faiz") == "Dana Keller and Omar Faiz"
    assert (
        normalise_author("DANA KELLER, OMAR FAIZ, and LENA MARCH")
        == "Dana Keller, Omar Faiz and Lena March"
    )
    assert byline("Why the canal matters By LENA MARCH") == ("Why the canal matters", "Lena March")
    assert byline("By Pavel Ostrov") == (None, "Pavel Ostrov")
    assert byline("Killed By Friendly Fire") == (None, None)


def _one(text: str):
    [doc] = load_bytes(text.encode(), "page.txt", MB)
    return doc


def test_metadata_title_byline_and_dotted_date_before_caption():
    doc = _one(
        "Why the old road matters By LENA MARCH\n\nSpread the love\n"
        "12.03.2022 Trucks wait at the closed gate of the old road near the river.\n\n" + BODY
    )
    assert (doc.title, doc.author, doc.published) == (
        "Why the old road matters",
        "Lena March",
        "2022-03-12",
    )
    assert doc.text.startswith("Trucks wait at the closed gate")


def test_metadata_date_and_author_above_untitled_article():
    doc = _one("June 2, 2020\n\nOmar Faiz\n\n" + BODY)
    assert (doc.title, doc.author, doc.published) == (None, "Omar Faiz", "2020-06-02")
    assert doc.text.startswith("The two delegations")


def test_metadata_a_line_ending_in_a_colon_is_no_title_and_stays_in_the_text():
    doc = _one(
        "On 4 May 2024, the first summit of the river states was held in Termez. It was "
        "chaired by the host. The bank was represented by its president.\n"
        "The leaders agreed to raise their ties to a strategic partnership.\n"
        "Lena March, President of the Northern Bank:\n"
        "“We will reopen the road to every town on the river before the winter comes.”\n"
    )
    assert doc.title is None
    assert "Lena March, President of the Northern Bank:" in doc.text


def test_metadata_a_date_line_with_its_time_and_age_dates_the_article_and_is_no_title():
    doc = _one("July 4, 2012 / 8:28 AM / 7 years ago\n\nRoad talks resume at the border\n\n" + BODY)
    assert (doc.title, doc.published) == ("Road talks resume at the border", "2012-07-04")


def test_metadata_a_dateline_on_a_line_of_its_own_dates_the_article_and_keeps_its_place():
    doc = _one("TERMEZ, May 5, 2015, Valley Wire –\n" + BODY)
    assert (doc.title, doc.published) == (None, "2015-05-05")
    assert doc.text.startswith("TERMEZ")


def test_metadata_skip_links_and_a_credited_caption_printed_twice_are_no_title():
    doc = _one(
        "Skip to: Content\nSkip to: Site Navigation\n\nRoad talks resume at the border\n\n"
        "Trucks wait at the old gate on the border. — Valley Wire/File\n"
        "Trucks wait at the old gate on the border. — Valley Wire/File\n\n" + BODY
    )
    assert doc.title == "Road talks resume at the border"


def test_metadata_a_caption_printed_bare_above_its_credited_twin_is_no_title():
    doc = _one(
        "Road talks resume at the border\n\n"
        "Trucks wait at the old gate on the border\n"
        "Trucks wait at the old gate on the border. Photograph: Lena March/Valley Wire\n"
        "Fri 13 May 2005 10.26 EDT\n\n" + BODY
    )
    assert doc.title == "Road talks resume at the border"
    assert doc.published == "2005-05-13"
    assert "Lena March" not in doc.text  # the photographer's credit is no one in the story


def test_metadata_unknown_date_stays_null():
    doc = _one("Road talks resume at the border\n\nBy Omar Faiz\n\n" + BODY)
    assert doc.published is None and doc.author == "Omar Faiz"


def test_metadata_site_date_bar_is_page_date_not_article_date():
    doc = _one(
        "Friday, August 9, 2024\nHomeAsiaRoad talks resume at the border\n\n"
        "Road talks resume at the border\n\n" + BODY
    )
    assert doc.title == "Road talks resume at the border"
    assert doc.published is None and doc.meta["page_date"] == "2024-08-09"
    assert "Home" not in doc.text


def test_metadata_date_contradicted_by_the_text_is_not_the_article_date():
    body = (
        "The ministers met on Monday in the capital. The very next day (November 14) the "
        "presidents held a summit that set up a commission on the river, whose first report "
        "is due within a year.\n\nThe commission will hold its first meeting in the spring.\n"
    )
    doc = _one("May 3, 2021\n\nRiver commission set up after summit\n\n" + body)
    assert doc.published is None and doc.meta["page_date"] == "2021-05-03"
    ok = _one("November 16, 2021\n\nRiver commission set up after summit\n\n" + body)
    assert ok.published == "2021-11-16"


@pytest.mark.parametrize(
    "head,author",
    [
        ("Road talks resume\n\nBy Lena March | May 5, 2021\n\n", "Lena March"),
        ("Road talks resume\n\nLena March, 05.05.2021\n\n", "Lena March"),
        ("Road talks resume\n\nMay 05, 2021 12:30 GMT\n\nBy Lena March\n\n", "Lena March"),
        (
            "Road talks resume\n\nPublished: May 5, 2021\n\nBy Lena March\n\n5 min read\n\n",
            "Lena March",
        ),
        (
            (
                "Road talks resume\n\nThe reopening could double trade between the two countries within a "
                "year, officials say.\n\nBy Lena March\n\nMay 5, 2021\n\n"
            ),
            "Lena March",
        ),
        ("Posted on May 5, 2021 by admin\n\nRoad talks resume\n\n", None),
        # a section's name between the date and the headline
        ("Published on 09:00 AM, May 5, 2021\n\nBorder News\n\nRoad talks resume\n\n", None),
        # where the reporter filed from is no part of the name
        ("Road talks resume\n\nBy Lena March in Osh May 5, 2021\n\n", "Lena March"),
        (
            "Steppe Wire\n\nAsia\n\nRoad talks resume\n\nBy Lena March\n\n5 May 2021\n\n",
            "Lena March",
        ),
    ],
)
def test_metadata_common_head_layouts(head, author):
    doc = _one(head + BODY + "\nTags: roads, trade\n")
    assert (doc.title, doc.author, doc.published) == ("Road talks resume", author, "2021-05-05")
    assert "Lena" not in doc.text and "2021" not in doc.text and "read" not in doc.text
    assert "Tags" not in doc.text and doc.text.endswith("customs rules.")


def test_metadata_date_on_a_markdown_byline_dates_the_article():
    page = (
        "# Kazakhstan opens a new grain terminal\n\n"
        "*Market note, 02.03.2022* — by Aida Nurlanova and Tom Hale\n\n"
        "Kazakhstan opened a grain terminal on the Caspian coast this week, the ministry "
        "said. It will ship wheat to Iran and the Gulf states from next spring.\n"
    )
    (doc,) = load_bytes(page.encode("utf-8"), "note.md", 10**6)
    assert (doc.title, doc.author, doc.published) == (
        "Kazakhstan opens a new grain terminal",
        "Aida Nurlanova and Tom Hale",
        "2022-03-02",
    )
    assert "Market note" not in doc.text


def test_metadata_wire_dateline_dates_the_article_and_keeps_its_place():
    page = (
        "Dushanbe, 3 March 2024 (Pamir Wire) — Tajik border guards reopened the crossing "
        "at Ishkashim on Sunday after a two-week closure, officials said.\n\n"
        "Traders from both sides had waited at the bridge since mid-February, the customs "
        "service added in a statement.\n"
    )
    (doc,) = load_bytes(page.encode("utf-8"), "wire.txt", 10**6)
    assert doc.published == "2024-03-03"
    # the date leaves the body; the place of writing stays, a paragraph of its own
    assert doc.text.startswith("Dushanbe\n\nTajik border guards reopened")
    assert "2024" not in doc.text and "Pamir Wire" not in doc.text


def test_metadata_dated_series_label_is_no_headline():
    page = (
        "WORKING PAPER No. 7 | June 2022\n\n"
        "Water, cotton and the Amu Darya\n\n"
        "By Lola Karimova\n\n"
        "Uzbekistan and Turkmenistan draw most of their irrigation water from the Amu Darya, "
        "and a new canal upstream worries farmers in both countries, the paper argues.\n"
    )
    (doc,) = load_bytes(page.encode("utf-8"), "paper.txt", 10**6)
    assert (doc.title, doc.author, doc.published) == (
        "Water, cotton and the Amu Darya",
        "Lola Karimova",
        "2022-06",
    )


def test_metadata_labelled_byline_with_a_non_ascii_name_and_date():
    page = (
        "# Almaty's metro grows south\n\n"
        "*Analysis* — by Ayşe Demirtaş, 04.05.2023\n\n"
        "Almaty opened two new metro stations on Friday, extending the line towards the "
        "southern suburbs, the city administration said in a statement.\n"
    )
    (doc,) = load_bytes(page.encode("utf-8"), "metro.md", 10**6)
    assert (doc.title, doc.author, doc.published) == (
        "Almaty's metro grows south",
        "Ayşe Demirtaş",
        "2023-05-04",
    )
    assert "Analysis" not in doc.text


@pytest.mark.parametrize(
    "page,title,author,published",
    [
        # a date the search index put before the text, then a wire dateline
        ("date 2021-05-05 OSH (Valley Wire): " + BODY, None, None, "2021-05-05"),
        # the same date label with a desk credit after it, and the site's own date line below
        (
            "date 2021-05-05 VW / NEWS DESK\n\nWed 05th May 2021 | 10:15 AM\n\nRoad talks resume at the border\n\n"
            + BODY,
            "Road talks resume at the border",
            "VW / NEWS DESK",
            "2021-05-05",
        ),
        (
            "date 2021-05-05 Valleywire.example\n\nWed 05th May 2021 | 10:15 AM\n\n"
            "Road talks resume at the border\n\n" + BODY,
            "Road talks resume at the border",
            None,
            "2021-05-05",
        ),
        # a furniture sentence that dates the article is no headline
        (
            "This story is from May 5, 2021\n\nRoad talks resume at the border\n\n" + BODY,
            "Road talks resume at the border",
            None,
            "2021-05-05",
        ),
        (
            "Members only\n\nAn archive story, first published on May 5, 2021\n\nRoad talks resume at the border\n\n"
            "Traders hope the road opens before the harvest\n\n" + BODY,
            "Road talks resume at the border",
            None,
            "2021-05-05",
        ),
        # a ticker line above; section, date and headline on one line
        (
            "Exchange rates from 01/12/2024\n\nSearch\n\nPolitics 05/05/2021 Road talks resume at the border\n\n"
            + BODY,
            "Road talks resume at the border",
            None,
            "2021-05-05",
        ),
        # site name, headline, standfirst, a bulleted byline with a social handle
        (
            "Valley Weekly\n\nOpen Roads Again\n\nCan two neighbours rebuild trust after a decade of closed "
            "gates? Traders are not sure\n\n- BY LENA MARCH @lenamarch\n\n" + BODY,
            "Open Roads Again",
            "Lena March",
            None,
        ),
        # a photo caption with its credit above the headline
        (
            "A truck waits at the closed gate near the river. Photo: Valley Pictures\n\n"
            "Road talks resume at the border\n\n" + BODY,
            "Road talks resume at the border",
            None,
            None,
        ),
        # furniture words are no name: "Breaking News", "Photo Omar Faiz"
        (
            "Accessibility links\n\nBreaking News\n\nRoad talks resume at the border\n\n" + BODY,
            "Road talks resume at the border",
            None,
            None,
        ),
        (
            "Road talks resume at the border\n\nPhoto Omar Faiz\n\n" + BODY,
            "Road talks resume at the border",
            None,
            None,
        ),
        # a banner, share controls and a label above the headline; the byline names the author
        (
            "Valley Ministry of Roads Valley Ministry of Roads\n\nRoads News\n\nBookmark and Share\n\n"
            "News Article\n\nRoad Talks Resume\n\nBy Lena M. March\n\nValley Press Service\n\n"
            "OSH, May 5, 2021 – " + BODY,
            "Road Talks Resume",
            "Lena M. March",
            "2021-05-05",
        ),
        # byline, site name and "Published:" on one line, below a long photo caption
        (
            "Road talks resume at the border\n\nTrucks wait at the closed gate of the old road near the river, "
            "where drivers have camped for two weeks while the customs officers of both countries argue about "
            "the papers, on Tuesday, May 4, 2021.\n\nBy P.K. OSTROV | VALLEY WIRE Published: May 5, 2021\n\n"
            + BODY,
            "Road talks resume at the border",
            "P.K. Ostrov",
            "2021-05-05",
        ),
        # a page's record fields: "Author:" alone on its line, the name and the wires below
        (
            "Road talks resume at the border\n\nAuthor:\n\nLena March & Agencies\n\n"
            "Publication Date:\n\nWed, 2021-05-05 10:15\n\n" + BODY,
            "Road talks resume at the border",
            "Lena March",
            "2021-05-05",
        ),
    ],
)
def test_metadata_more_head_layouts(page, title, author, published):
    doc = _one(page)
    assert (doc.title, doc.author, doc.published) == (title, author, published)
    assert doc.text.rstrip().endswith("customs rules.")


def test_metadata_standfirst_is_not_the_headline_in_a_marked_head():
    doc = _one(
        "Valley Herald\n\nRoad talks resume at the border\n\n"
        "Ministers say the old road could carry trucks again within a month if the customs "
        "rules are settled\n\nBy Omar Faiz\n\nPublished : May 5, 2021 - 10:15\n\n" + BODY
    )
    assert (doc.title, doc.author, doc.published) == (
        "Road talks resume at the border",
        "Omar Faiz",
        "2021-05-05",
    )


def test_metadata_a_body_sentence_ending_in_by_and_a_name_is_no_byline():
    doc = _one(
        "The summit opened in the capital on Friday, and the host welcomed the delegations of "
        "all five neighbours at the airport in the morning.\n\nThe northern neighbour is "
        "represented by Prime Minister Omar Faiz.\n\n" + BODY
    )
    assert doc.author is None


def test_metadata_names_are_not_furniture_words():
    assert normalise_author("P.K. OSTROV") == "P.K. Ostrov"
    assert byline("- By Lena March @lenamarch") == (None, "Lena March")
    assert byline("Road Talks From Afar") == (None, None)
    assert byline("By Will Marsh") == (None, "Will Marsh")
    assert credit("VW / NEWS DESK") == "VW / NEWS DESK" and credit("Valley Monitor Staff")
    assert credit("By Valley Wire's Uzbek Service") and credit("Civil Service") is None


LONG = (
    "Border guards on both sides of the river say they have pushed back the smugglers who crossed "
    "the ford last week. But Valley Wire correspondent Lena March reports that the trouble may only "
    "be starting, as the traders who hired them have not gone away."
)


@pytest.mark.parametrize(
    "page,title,author,published",
    [
        # wire datelines with the agency after a comma, or glued and closed by a colon
        ("OSH, May 5, 2021, Valley-Wire -- " + BODY, None, None, "2021-05-05"),
        ("Osh, 5 May 2021(VW): " + BODY, None, None, "2021-05-05"),
        # a byline inside the standfirst, and the dateline opening the paragraph below it
        (
            "Accessibility links\n\nBreaking News\n\nRoad Talks Resume at the Border\n\n"
            + LONG
            + "\n\nOsh, 5 Aug 2001 (Valley Wire) -- "
            + BODY,
            "Road Talks Resume at the Border",
            "Lena March",
            "2001-08-05",
        ),
        # the index gives only the month; a dateline without the year gives the day
        (
            "date 2021-05 A truck waits at the closed gate near the river while drivers camp beside it for "
            "the second week. File Photo by Omar Faiz/VW\n\nMay 9 (VW) -- " + BODY,
            None,
            None,
            "2021-05-09",
        ),
        # a headline that opens with a number, after the index date
        (
            "date 2021-05-05 3 guards hurt in clash at the border\n\n" + BODY,
            "3 guards hurt in clash at the border",
            None,
            "2021-05-05",
        ),
        # a desk or service credit standing for the author
        (
            "date 2021-05-05 By Valley Wire’s Uzbek Service\n\nMay 5, 2021\n\nOSH — " + BODY,
            None,
            "Valley Wire’s Uzbek Service",
            "2021-05-05",
        ),
        (
            "Road talks resume at the border\n\nOfficials on both sides are still arguing about the last "
            "details of the customs rules.\n\nValley Monitor Staff\n\nBorder Affairs and Regional Trade\n\n"
            "May 5, 2021\n\n" + BODY,
            "Road talks resume at the border",
            "Valley Monitor Staff",
            "2021-05-05",
        ),
        # a date label run into the date; a record field above the headline
        (
            "Publish dateWednesday 5 May 2021 - 11:05\n\nItem Code : 40817\n\nRoad talks resume at the border\n\n"
            + BODY,
            "Road talks resume at the border",
            None,
            "2021-05-05",
        ),
        # an advertising line; a section label above the date, the headline below it
        (
            "Find road engineering jobs near you - JOIN NOW\n\nBorder Affairs\n\n5 May 2021\n\n"
            "Road talks resume at the border\n\nTrucks could cross again within a month, officials say\n\n"
            + BODY,
            "Road talks resume at the border",
            None,
            "2021-05-05",
        ),
        # a handle and "on <date>" on the byline
        (
            "Road talks resume at the border\n\nBy Lena March (@lenamarch) on 5 May 2021\n\n"
            + BODY,
            "Road talks resume at the border",
            "Lena March",
            "2021-05-05",
        ),
        # a section line, a rating widget and a byline with a remark in brackets
        (
            "Wednesday, 5 May 2021\n\nRoad talks resume at the border\n\nPublished in Field Notes\n\n"
            "Rate this item\n\n(0 votes)\n\nBy Lena March (the 05/05/2021 issue of the Valley Review)\n\n"
            + BODY,
            "Road talks resume at the border",
            "Lena March",
            "2021-05-05",
        ),
        # a slogan run into the site name at the top, then the headline and its date
        (
            "The Valley MailTruth Travels Far\n\nAt the closed border, an early rush: traders from the north\n\n"
            "May 5, 2021 at 7:15 p.m. EST\n\n" + BODY,
            "At the closed border, an early rush: traders from the north",
            None,
            "2021-05-05",
        ),
        # a headline with a shorter subtitle under it
        (
            "Valley Pact Allows Trucks to Use Both Roads\nTreaty Reopens the Old Border Crossing\n\n"
            "By Omar Faiz\nValley Post Foreign Service\nWednesday, May 5, 2021\n\n" + BODY,
            "Valley Pact Allows Trucks to Use Both Roads",
            "Omar Faiz",
            "2021-05-05",
        ),
        # a marked head: the byline with a handle, or with an age stamp, below the headline
        (
            "date 2021-05-05 Valleywire.example\n\nRoad talks resume at the border\n\n"
            "Omar Faiz (@omarfaiz) Published May 05, 2021 | 09:12 AM\n\n" + BODY,
            "Road talks resume at the border",
            "Omar Faiz",
            "2021-05-05",
        ),
        (
            "date 2021-05-05 Valleywire.example\n\nRoad talks resume at the border\n\n"
            "Omar Faiz 12 minutes ago Wed 05th May 2021 | 02:45 PM\n\n" + BODY,
            "Road talks resume at the border",
            "Omar Faiz",
            "2021-05-05",
        ),
    ],
)
def test_metadata_wire_and_index_head_layouts(page, title, author, published):
    doc = _one(page)
    assert (doc.title, doc.author, doc.published) == (title, author, published)
    assert doc.text.rstrip().endswith("customs rules.")


def test_metadata_update_stamp_is_the_page_date_not_the_article_date():
    doc = _one(
        "Last update: June 9, 2021 18:10\n\nSite logo\n\nRoad talks resume at the border\n\n"
        "By Lena March May 5, 2021\n\n" + BODY
    )
    assert (doc.title, doc.author, doc.published) == (
        "Road talks resume at the border",
        "Lena March",
        "2021-05-05",
    )
    assert doc.meta["page_date"] == "2021-06-09"
