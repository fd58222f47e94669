"""More page heads as they reach us: copies of wire stories with the head's lines run
together, reposts, labelled author fields and excerpts that open on a name.

Every page here is made up.
"""

from __future__ import annotations

from crossroads.ingest.metadata import parse_date
from crossroads.ingest.readers import load_bytes

MB = 1024 * 1024
TITLE = "Road talks resume at the border"
BODY = (
    "The two delegations met in the border town to talk about the reopening of the old road, "
    "which was closed after the floods last spring and has not carried trucks since then.\n\n"
    "Both sides said a technical group would meet again in a month to settle the customs rules.\n"
)
# a story copied from an e-mail or a text-only archive: every line broken near 70 characters
WRAPPED_BODY = (
    "The two delegations met in the border town on Tuesday to talk about the\n"
    "reopening of the old mountain road, which was closed after the floods of\n"
    "last spring and has not carried a single truck since the bridge fell in.\n"
    "Officials of both sides said that a technical group would meet again in\n"
    "a month to settle the customs rules and the hours of the crossing, and\n"
    "that traders from the valley towns would be asked to join the talks.\n"
    "The governor of the upper district said the road mattered more to the\n"
    "farmers of the valley than any other project now under way in the area.\n"
)


def _meta(page: str, body: str = BODY) -> tuple[str | None, str | None, str | None]:
    doc = load_bytes((page + body).encode(), "page.txt", MB)[-1]
    return doc.title or None, doc.author, doc.published


def test_metadata_wrapped_copy_keeps_its_head_lines_apart() -> None:
    """Headline, name, series label, address and a month/day/two-digit-year date on
    consecutive lines of a wrapped copy are each read, not run into the first paragraph."""
    page = (
        "VALLEY: ROAD TALKS RESUME AT THE BORDER AFTER A YEAR OF FLOODS\n"
        "Lena March\n"
        "Valley Insight\n"
        "http://www.valley-wire.example/departments/insight/articles/roads0514.shtml\n"
        "9/14/09\n"
    )
    assert _meta(page, WRAPPED_BODY) == (
        "VALLEY: ROAD TALKS RESUME AT THE BORDER AFTER A YEAR OF FLOODS",
        "Lena March",
        "2009-09-14",
    )


def test_metadata_wrapped_copy_with_its_address_above_the_headline() -> None:
    page = (
        "http://www.valley-times.example/content/article/2009/02/19/AR2009021900303.html\n"
        "Valley Parliament Approves Plan to Reopen the Border Road\n"
        "By Lena March\n"
        "Special to The Valley Times\n"
        "Friday, February 20, 2009\n"
        "ALMATY, Feb. 19 -- "
    )
    title, author, published = _meta(page, WRAPPED_BODY)
    assert (title, author, published) == (
        "Valley Parliament Approves Plan to Reopen the Border Road",
        "Lena March",
        "2009-02-20",
    )


def test_metadata_wrapped_paragraphs_still_join_below_the_head() -> None:
    """Only the head's short lines stand apart: the body keeps one paragraph per unit."""
    doc = load_bytes(("Lena March\n" + WRAPPED_BODY).encode(), "page.txt", MB)[-1]
    assert "the\nreopening" not in doc.text
    assert "talk about the reopening of the old mountain road" in doc.text


def test_metadata_wire_dateline_without_a_dash_dates_the_story() -> None:
    page = TITLE + "\nALMATY, May 5, 2021 The two delegations met again on Wednesday.\n\n"
    assert _meta(page) == (TITLE, None, "2021-05-05")


def test_metadata_a_dateline_in_lower_case_is_not_taken_without_its_dash() -> None:
    """'Almaty, May 5, 2021 ...' could be a sentence; only a capitalised place marks a dateline."""
    page = TITLE + "\n\nIn Almaty, May 5, 2021 Turned Out To Be The Day The Road Opened.\n\n"
    assert _meta(page)[2] is None


def test_metadata_labelled_author_field_and_section_path_above_the_headline() -> None:
    page = "World » Valley States\nAuthor's name Lena March\n\n" + TITLE + " - Comments\n\n"
    title, author, published = _meta(page)
    assert (title, author, published) == (TITLE + " - Comments", "Lena March", None)


def test_metadata_a_repost_note_above_the_headline_is_furniture() -> None:
    page = "This post was originally published on The Valley Review.\n" + TITLE + "\n"
    assert _meta(page) == (TITLE, None, None)


def test_metadata_an_excerpt_that_opens_on_a_name_is_signed_by_it() -> None:
    assert _meta("Lena March\n") == (None, "Lena March", None)


def test_metadata_a_name_line_under_the_headline_without_body_after_is_not_forced() -> None:
    """A short line of capitalised words between two headings is no author of itself."""
    title, author, _ = _meta("Valley Review Weekly\n\n" + TITLE + "\n\n")
    assert (title, author) == (TITLE, None)


def test_metadata_two_digit_years_in_numeric_dates() -> None:
    assert parse_date("9/14/09") == "2009-09-14"
    assert parse_date("05.05.21") == "2021-05-05"
    assert parse_date("31.12.98") == "1998-12-31"
    assert parse_date("section 1.2.10.4") is None


def test_metadata_byline_with_its_agency_after_a_dash() -> None:
    page = TITLE + "\n\nAlmaty, Valley, May 5\n\nBy Lena March – Valley Wire:\n\n"
    assert _meta(page)[1] == "Lena March"


def test_metadata_dated_report_label_just_below_the_headline() -> None:
    page = "VALLEY: ROADS AND RIVERS IN THE SOUTH\n\nAsia Report N°31 – 5 May 2021\n\n"
    assert _meta(page) == ("VALLEY: ROADS AND RIVERS IN THE SOUTH", None, "2021-05-05")


def test_metadata_site_name_and_slogan_above_the_headline_are_furniture() -> None:
    page = (
        "Valley Institute for Road Reporting | Giving Voice, Building Bridges\n\n"
        + TITLE
        + "\n\nBy Lena March\n\n"
    )
    assert _meta(page) == (TITLE, "Lena March", None)


def test_metadata_site_description_under_its_name_is_not_the_lead() -> None:
    """The site's one-sentence description would otherwise end the head above the headline."""
    page = (
        "- Valley Wire\nThe latest news and stories from the valley. Stay tuned for updates "
        "on roads, rivers and more.\n\n" + TITLE + "\n\n"
    )
    doc = load_bytes((page + BODY).encode(), "page.txt", MB)[-1]
    assert doc.title == TITLE
    assert "Stay tuned" not in doc.text


def test_metadata_time_then_date_above_the_headline() -> None:
    assert _meta("13:20 / 05.05.2021\n" + TITLE + "\n\n") == (TITLE, None, "2021-05-05")


def test_metadata_published_line_below_the_standfirst() -> None:
    page = (
        "commentary\n\n" + TITLE + "\n\nThe valley has used its water to hold the reins in its "
        "dealings with both neighbours over the new road.\n\nPublished on March 26, 2024\n\n"
    )
    assert _meta(page) == (TITLE, None, "2024-03-26")


def test_metadata_genre_label_before_by_and_two_authors() -> None:
    page = TITLE + "\n\nCommentary by Lena March and Omar Faiz\n\nPublished September 4, 2025\n\n"
    assert _meta(page) == (TITLE, "Lena March and Omar Faiz", "2025-09-04")


def test_metadata_agency_byline_after_the_date_line() -> None:
    assert _meta(" date 2022-01-03 By Valleywire\n\n") == (None, "Valleywire", "2022-01-03")


def test_metadata_a_section_label_in_capitals_is_not_a_byline() -> None:
    page = TITLE + "\n\nBUSINESS VALLEY\n\n"
    assert _meta(page) == (TITLE, None, None)


def test_metadata_a_headline_printed_twice_wins_over_menu_lines() -> None:
    long_title = (
        "At the initiative of the valley council, a new logistics hub for humanitarian "
        "assistance is being created beside the old border bridge"
    )
    page = (
        "Contact the embassy\nConsular matters here\n"
        + long_title
        + " - Embassy of the Valley Republic in the Kingdom of the Hills and the Far Islands\n\n"
        + long_title
        + "\n\n"
    )
    title, _, _ = _meta(page)
    assert title == long_title


def test_metadata_a_question_headline_opening_the_page() -> None:
    question = "Road talks at the border as a test of strength: can the valley hold out against both neighbours?"
    assert _meta(question + "\n")[0] == question


def test_metadata_record_fields_name_the_title_and_date() -> None:
    page = (
        '"The Valley Papers" Database (Project Leader: Lena March)\n'
        "Database of Valley Politics and Neighbourly Relations\n\n"
        "[Title] Joint Statement of the Valley Road Council\n\n[Place] Almaty\n"
        "[Date] June 14, 2019\n[Full text]\n\n"
    )
    assert _meta(page) == ("Joint Statement of the Valley Road Council", None, "2019-06-14")


def test_metadata_a_headline_broken_after_its_colon_and_its_author_below() -> None:
    page = "Commentaries\n\nValley Roads:\nOld Routes and New Trade\n\nLena March\n\n"
    assert _meta(page)[:2] == ("Valley Roads: Old Routes and New Trade", "Lena March")


def test_metadata_a_skip_link_is_not_the_headline() -> None:
    assert _meta('Press "Enter" to skip to content\n\n' + TITLE + "\n\n")[0] == TITLE


def test_metadata_a_quoted_headline_below_a_section_label() -> None:
    quoted = "‘Road Talks At The Border Are The Issue, Need To Build Bridges Around The Valley’"
    assert _meta("Valley and Beyond\n\n" + quoted + "\n\n")[0] == quoted


def test_metadata_a_question_below_a_short_headline_stays_its_dek() -> None:
    page = (
        "Keeping the Valley Open\nAs the talks on the old road drag on, how do the two towns "
        "on either side of the river see the border?\n"
    )
    assert _meta(page)[0] == "Keeping the Valley Open"


def test_metadata_headline_printed_again_below_its_site_path() -> None:
    """A headline printed first with the site's section path after a slash, or at the end of
    the breadcrumb, then alone: the bare line is the headline."""
    for first in (f"{TITLE} / News / Valley Wire agency", f"Home » {TITLE}"):
        page = f"{first}\nPolitics Featured Region News\n\n{TITLE}\n\n"
        assert _meta(page)[0] == TITLE


def test_metadata_press_release_dateline_with_its_wire_between_slashes() -> None:
    """ "CITY, <date> /<wire>/ —" dates the story and leaves the text, its place kept."""
    lead, rest = BODY.split("\n\n", 1)
    page = f"{TITLE}\n\nALMATY, May 19, 2023 /Valley Newswire/ — {lead}\n\n{rest}"
    doc = load_bytes(page.encode(), "page.txt", MB)[-1]
    assert (doc.title, doc.published) == (TITLE, "2023-05-19")
    assert doc.text.startswith("ALMATY\n\nThe two delegations")


def test_metadata_an_agency_byline_with_its_date_on_the_line() -> None:
    _, author, published = _meta(f"{TITLE}\nBy Valleywire July 25, 2022\n\n")
    assert (author, published) == ("Valleywire", "2022-07-25")


def test_metadata_a_quotation_and_a_read_link_below_the_lede_stay_out_of_the_head() -> None:
    """A line of quoted words below the first paragraph is the article's, not its headline,
    and stays in the text; "READ: <another story>" between paragraphs is a link, not text."""
    lead, rest = BODY.split("\n\n", 1)
    page = (
        f"{lead}\n“For the valley, the road has always been the way to the markets.”\n"
        f"READ: Valley governors agree to share the river's water\n{rest}"
    )
    doc = load_bytes(page.encode(), "page.txt", MB)[-1]
    assert not doc.title
    assert "“For the valley, the road has always been the way to the markets.”" in doc.text
    assert "READ:" not in doc.text and "share the river" not in doc.text


def test_metadata_a_desk_credit_above_the_headline_is_the_author() -> None:
    page = (
        "Valley Web Desk\n\n"
        + TITLE
        + "\n\nDecrease Font Size Increase Font Size Print This Page\n\n"
    )
    doc = load_bytes((page + BODY).encode(), "page.txt", MB)[-1]
    assert (doc.title, doc.author) == (TITLE, "Valley Web Desk")
    # the page's reading controls are no part of the article
    assert doc.text.startswith("The two delegations met")


def test_metadata_a_byline_printed_twice_is_no_headline() -> None:
    # a print view: the headline and byline, a credit line, then a kicker and the byline again
    page = (
        f"Home > News > Region\n\n{TITLE}\nBy Lena March\nCredit to the Valley Courier\n\n\n"
        "ROAD TALKS RESUME AS TRADERS WAIT AT THE BORDER\nBy Lena March\n\n"
    )
    title, author, _ = _meta(page)
    assert (title, author) == (TITLE, "Lena March")


def test_metadata_a_name_line_between_the_date_and_the_story_signs_it() -> None:
    assert _meta("date 2021-05-05\n\nLena March\n\n") == (None, "Lena March", "2021-05-05")


def test_metadata_an_empty_form_field_is_no_part_of_the_headline() -> None:
    # and the wire's version tag opens the headline
    page = (
        "ID :\n\n41728\n\nTue, 03/10/2020 - 08:15\n\nAuthor :\n\n"
        "(2nd LD) Road talks resume in the valley\n\nBy Lena March\n\n"
    )
    assert _meta(page) == ("(2nd LD) Road talks resume in the valley", "Lena March", "2020-03-10")
