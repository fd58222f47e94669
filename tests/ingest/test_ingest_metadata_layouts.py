"""Page heads as sites lay them out: the headline, byline and date a reader sees are the ones read.

Every page here is made up; the layouts are the common ones of news and government sites.
"""

from __future__ import annotations

import pytest

from crossroads.ingest.readers import load_bytes

MB = 1024 * 1024
TITLE = "Road talks resume at the border"
BODY = (
    "The two delegations met in the border town to talk about the reopening of the old road, "
    "which was closed after the floods last spring and has not carried trucks since then.\n\n"
    "Both sides said a technical group would meet again in a month to settle the customs rules.\n"
)


def _meta(page: str) -> tuple[str | None, str | None, str | None]:
    doc = load_bytes((page + BODY).encode(), "page.txt", MB)[-1]
    assert doc.text.rstrip().endswith("customs rules.")
    return doc.title, doc.author, doc.published


@pytest.mark.parametrize(
    "page,expected",
    [
        # a bulleted list of the page's record fields above the headline
        (
            "• publish: 5 May 2021\n  • time: 10:15 am\n  • category: Region\n  • No: 4711\n\n"
            + TITLE
            + "\n\n",
            (TITLE, None, "2021-05-05"),
        ),
        # a portal's name broken over two lines and its menu above; "date | Section" below the headline
        (
            "The Official Portal of the\nValley Republic\n\nArchive\n\nMo Tu We Th Fr Sa Su\nNew on the portal\n"
            "  • New page about open data on the portal Detail>>>\n  • Helplines of the valley ministries Detail>>>\n\n"
            + TITLE
            + "\n\n2021-05-05 | Politics\n\n",
            (TITLE, None, "2021-05-05"),
        ),
        # the only stamp is "Updated", just below the headline: it dates the article
        (
            "Valley Daily Website\n\n"
            + TITLE
            + "\n\nUpdated: 2021-05-06 20:31\nBy Lena March (\n\n",
            (TITLE, "Lena March", "2021-05-06"),
        ),
        (
            "Valley Daily Website\n\n" + TITLE + "\nUpdated: May 6, 2021 08:50 Valley Wire\n\n",
            (TITLE, None, "2021-05-06"),
        ),
    ],
)
def test_metadata_head_furniture_around_the_headline(
    page: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "line,author,published",
    [
        ("Posted by Lena March on May 5, 2021", "Lena March", "2021-05-05"),
        ("May 5, 2021 By Lena March", "Lena March", "2021-05-05"),
        ("By LENA MARCH, Staff Writer", "Lena March", None),
        ("Lena March, Kabul correspondent", "Lena March", None),
        ("By Prof. Lena March", "Lena March", None),
        ("PhD Candidate Lena March", "Lena March", None),
    ],
)
def test_metadata_byline_without_its_role_or_title(
    line: str, author: str, published: str | None
) -> None:
    assert _meta(f"{TITLE}\n\n{line}\n\n") == (TITLE, author, published)


def test_metadata_update_stamp_above_the_headline_still_is_not_the_article_date() -> None:
    title, author, published = _meta(
        "Last update: June 9, 2021 18:10\n\nSite logo\n\n" + TITLE + "\n\n"
    )
    assert (title, author, published) == (TITLE, None, None)


def test_metadata_a_line_cut_off_mid_phrase_is_not_the_headline() -> None:
    title, _, published = _meta("The Official Portal of the\n\n" + TITLE + "\n\nMay 5, 2021\n\n")
    assert (title, published) == (TITLE, "2021-05-05")


@pytest.mark.parametrize(
    "page,expected",
    [
        # the lead photo's caption above the headline
        (
            "File photo of trucks waiting at the border crossing\n\n"
            + TITLE
            + "\n\nMay 5, 2021\n\n",
            (TITLE, None, "2021-05-05"),
        ),
        # the headline, the lead photo's caption with its credit, an agency's byline
        (
            (
                f"{TITLE}\n\n"
                "Trucks wait at the border crossing near the old bridge, Tuesday, May 4, 2021. "
                "(VP Photo/Lena March)\n\nBy The Valley Press\n\nPosted May 5, 2021 5:21 am.\n\n"
            ),
            (TITLE, "The Valley Press", "2021-05-05"),
        ),
        # "Last Modified:" is no one's name (the page's only stamp dates it)
        (
            f"{TITLE}\n\nLast Modified: 5 May 2021 03:06 GMT\n\n",
            (TITLE, None, "2021-05-05"),
        ),
        # a section, a weekday and a date with slashes; "By:" and a news service
        (
            f"{TITLE}\n\nRegion Wednesday 05/May/2021 10:57 AM\nBy: Valley News Service\n\n",
            (TITLE, "Valley News Service", "2021-05-05"),
        ),
    ],
)
def test_metadata_captions_stamps_and_services_around_the_headline(
    page: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "page,expected",
    [
        # a page stamp of its last update above the headline, the caption of its photo
        # ("<name>, file pic") under it
        (
            (
                f"Page last updated at 10:57 GMT, Wednesday, 5 May 2021\n\n{TITLE}\n\n"
                "Lena March, file pic\n\n"
            ),
            (TITLE, None, "2021-05-05"),
        ),
        # the site's date stamp and "Last updated … ago" on one line above the headline
        (
            f"Wed, May 5, 2021 | Last updated 1 hour ago\n\n{TITLE}\n\n",
            (TITLE, None, "2021-05-05"),
        ),
        # a photo credit in square brackets closing the caption above the headline
        (
            (
                "Trucks wait at the border crossing in June. [Photo obtained by Lena March]\n\n"
                f"{TITLE}\n\nMay 5, 2021\n\n"
            ),
            (TITLE, None, "2021-05-05"),
        ),
    ],
)
def test_metadata_stamps_and_photo_credits_are_no_headline(
    page: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert _meta(page) == expected


@pytest.mark.parametrize(
    "page,expected",
    [
        # a dateline on a line of its own, then the byline with the agency glued to a dash
        (
            "Valleytown, Valley Republic, May 5\nBy Lena March– Valley Wire:\n",
            (None, "Lena March", None),
        ),
        # a wire dateline whose double dash runs into the first word
        ("VALLEYTOWN, May 5, 2021, Valley-Press --The ", (None, None, "2021-05-05")),
        # a prompt to follow the site's updates above the headline is no headline
        (
            f"Get the latest updates as we post them — right in your browser\n\n{TITLE}\n\n",
            (TITLE, None, None),
        ),
        # a photo's caption with its credit in brackets, printed twice under the headline
        (
            (
                f"{TITLE}\n\nLena March at the border (Valley Press / Jan Novak)\n\n"
                "Lena March at the border (Valley Press / Jan Novak)\n\n"
            ),
            (TITLE, None, None),
        ),
        # an age stamp alone under the headline leaves the headline standing
        (f"{TITLE}\n\nValley Wire15 hours ago\n\n", (TITLE, None, None)),
        # "... by <adjective> Court" ends a headline; no court writes a byline
        (
            "Road talks halted by Valley Court\n\n",
            ("Road talks halted by Valley Court", None, None),
        ),
        # a dateline on a line of its own without the year; the statement below gives it
        (
            (
                f"{TITLE}\n\nValleytown, May 5, VALLEYWIRE\n\nThe summit was held in Valleytown on "
                "5 May 2021 on the theme of roads.\n\n"
            ),
            (TITLE, None, "2021-05-05"),
        ),
        # the site's masthead date above the headline, the article's own just below it
        (
            (
                f"Valley Post\n\nMonday March 3 2025\n\n{TITLE}\n\n"
                "2 August 2016 13:52 (UTC+04:00)\n\nBy Lena March\n\n"
            ),
            (TITLE, "Lena March", "2016-08-02"),
        ),
        # a clock stamp with its zone is no one's name
        (
            f"{TITLE}\n\nThu 5 May 2021 10:20 GMT | 14:20 Local Time\n\n",
            (TITLE, None, "2021-05-05"),
        ),
        # the genre of a spokesman's notes is no author
        (f"{TITLE}\n\nBriefing Notes, 5 May 2021\n\n", (TITLE, None, "2021-05-05")),
        # a search link above the headline is the site's, not the article's
        (f"Valley News\n\nGo to Search\n\n{TITLE}\n\n", (TITLE, None, None)),
        # a clock and a numeric date with a space after each slash
        (f"{TITLE}\n\n14:30 | 05/ 05/ 2021\n\n", (TITLE, None, "2021-05-05")),
        # a Russian "Published:" field with the month as a form prints it alone
        (f"{TITLE}\n\nОпубликовано: 05 Май 2021\n\n", (TITLE, None, "2021-05-05")),
        # a reporter's line without "By" under the date
        (
            f"{TITLE}\n\nMay 5, 2021\n\nLena March in Valleytown -\n\n",
            (TITLE, "Lena March", "2021-05-05"),
        ),
        # a wire dateline run into the lede after the photo's caption
        (
            (
                f"{TITLE}\n\nThe old road may open again (file photo) (Valley Press) "
                "May 5, 2021 (Valley Wire) -- "
            ),
            (TITLE, None, "2021-05-05"),
        ),
    ],
)
def test_metadata_datelines_bylines_and_stamps_as_sites_print_them(
    page: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert _meta(page) == expected


def test_metadata_a_pull_quote_with_its_credit_is_no_headline() -> None:
    page = (
        "The border will stay open for trade. We have nothing to fear from our neighbours and "
        "never had. Lena March Minister of Trade\n\n"
    )
    assert _meta(page)[0] is None


def test_metadata_wrapped_summary_bullets_do_not_swallow_the_byline() -> None:
    """A hard-wrapped wire story: its summary bullets and byline each stand alone."""
    page = (
        "(Paragraph 4 has been corrected to say the talks resume in June, not May.)\n"
        "* Talks on the old border road resume after two years\n"
        "* Trucks to cross again from the summer, officials say\n"
        "By Lena March\n"
        "VALLEYTOWN, May 5 The two delegations met in the border town to\n"
        "talk about the reopening of the old road, which was closed after\n"
        "the floods last spring and has not carried trucks since then at all.\n"
        "Both sides said a technical group would meet again in a month to\n"
        "settle the customs rules for the trucks that will cross the border.\n"
    )
    doc = load_bytes(page.encode(), "page.txt", MB)[-1]
    assert (doc.author, doc.title) == ("Lena March", None)
    assert "* Trucks to cross again from the summer, officials say\n" in doc.text


@pytest.mark.parametrize(
    "page",
    [
        # the page's only stamp, "Last Updated:", above the headline
        f"Valley News\nLast Updated: Wednesday, 5 May 2021, 05:26 GMT\n{TITLE}\n\n",
        # … or below it, past the dek and the photo's credits
        (
            f"{TITLE}\n\nTalks on the road resume after two years of closure\n\n"
            "Photo by: VP\n\nPhoto by: VP\n\nUpdated May 5, 2021\n\n"
        ),
    ],
)
def test_metadata_the_pages_only_update_stamp_dates_it(page: str) -> None:
    assert _meta(page) == (TITLE, None, "2021-05-05")


def test_metadata_a_dateline_without_its_year_takes_it_from_the_captions_full_date() -> None:
    page = (
        "Trucks wait at the border crossing on the eve of the deadline, in Valleytown, "
        "31 October 2023. VALLEY WIRE/LENA MARCH\n\n"
        f"{TITLE}\n\n"
        f"Valleytown, Valley Republic, Oct 31 (Valley Wire).- "
    )
    assert _meta(page) == (TITLE, None, "2023-10-31")
    # with no full date of that day on the page the year stays unknown
    assert _meta(page.replace("31 October 2023", "30 October 2023"))[2] is None
