"""Page furniture in plain-text copies of web pages is dropped; article text stays."""

from __future__ import annotations

import pytest

from crossroads.ingest.boilerplate import (
    CREDIT,
    TAIL,
    TEASER,
    TEXT,
    UI,
    clean_caption,
    label_units,
)
from crossroads.ingest.readers import load_bytes, load_path

MB = 1024 * 1024

PAGE = """Home
World
Energy
Opinion
Connect with us
Monday, 3 April 2023

Dam dispute cools as ministers agree on a summer water schedule
By LENA MARCH

Share on Facebook
Share on Twitter
Photo by Press Office of the Ministry
Ministers of the two states shake hands after signing the water schedule in the border town. (Photo by A. Sample / Wire Agency)

The energy ministers of the two upstream and downstream states agreed on Sunday to a water release schedule for the coming summer, ending a quarrel that had lasted since the autumn.

Under the schedule, the reservoir will release more water in June and July, when cotton fields downstream need it most, and keep more back in spring to fill the turbines.

Analysts said the deal shows that both governments prefer quiet talks to public threats, at least while the election season lasts.

Spread the love
Related Posts
Gas prices rise again in the north
Three new bridges open over the river
Leave a Reply
Your email address will not be published. Required fields are marked *
Most Popular
"""


def test_boilerplate_page_keeps_article_caption_and_drops_chrome(tmp_path):
    f = tmp_path / "dam.txt"
    f.write_text(PAGE, encoding="utf-8")
    [doc] = load_path(f, MB)
    assert doc.title == "Dam dispute cools as ministers agree on a summer water schedule"
    assert doc.author == "Lena March"
    assert doc.published == "2023-04-03"
    paras = doc.text.split("\n\n")
    assert paras[0] == (
        "Ministers of the two states shake hands after signing the water schedule "
        "in the border town."
    )  # caption kept, credit gone
    assert paras[-1].startswith("Analysts said the deal")
    for chrome in (
        "Connect with us",
        "Share on",
        "Photo by",
        "Spread the love",
        "Related",
        "Gas prices",
        "Leave a Reply",
        "email address",
        "Most Popular",
        "World\n",
        "Sample",
        "Wire Agency",
    ):
        assert chrome not in doc.text


def test_boilerplate_labels_menus_ui_and_teaser_blocks():
    lines = [
        "Home",
        "News",
        "Sport",
        "Weather",
        "Connect with us",
        (
            "A long paragraph of article prose that runs on well past a dozen words and ends "
            "like a sentence should."
        ),
        "Latest",
        "Economy 2 hours ago",
        "Grain exports reach a new record",
        "The ministry said that shipments through the port doubled in the first quarter and...",
        "Politics 5 hours ago",
        "Parliament passes the new budget",
        "Deputies voted late at night on a budget that raises spending on roads...",
    ]
    labels = [u.label for u in label_units(lines)]
    assert labels[:5] == [UI, UI, UI, UI, UI]
    assert labels[5] == TEXT
    assert labels[6] == TAIL
    assert set(labels[7:]) == {TEASER}


def test_boilerplate_other_articles_headlines_ending_a_page_are_teasers():
    prose = (
        "A long paragraph of article prose that runs on well past a dozen words and ends "
        "like a sentence should."
    )
    heads = [
        "Grain exports reach a new record",
        "Who is the new head of the river authority?",
        "Parliament passes the new budget after a long night",
        "Bread prices set to rise again in the capital",
    ]
    labels = [u.label for u in label_units([prose, prose, *heads])]
    assert labels == [TEXT, TEXT, TEASER, TEASER, TEASER, TEASER]
    # three such lines, or an article that is nothing but such lines, are left alone
    assert TEASER not in {u.label for u in label_units([prose, *heads[:3]])}
    assert TEASER not in {u.label for u in label_units(heads)}


def test_boilerplate_a_read_also_box_inside_the_article_does_not_end_it():
    page = (
        "Road talks resume at the border\n\n"
        "VALLEYTOWN, May 5. The two delegations met in the border town to talk about reopening "
        "the old road, which was closed after the floods last spring. Both sides said a "
        "technical group would meet again in a month to settle the customs rules for trucks.\n\n"
        "Read also\n\nGrain exports reach a new record\n\n"
        '"We will open the road to trucks before the summer," the head of the delegation, '
        "Lena March, said after the talks.\n\n"
        "In other media\n\nBread prices set to rise again in the capital\n\n16\n"
    )
    [doc] = load_bytes(page.encode(), "page.txt", MB)
    assert "Lena March, said after the talks." in doc.text
    assert "Grain exports" not in doc.text
    assert "Bread prices" not in doc.text
    # with only the page's furniture below it, the box ends the article as before
    head, box = page.split("In other media")[0].split("Read also")
    tail = box.split("\n\n")[1]  # the box's headline
    [doc] = load_bytes(
        f"{head}{box.split(tail)[1]}Read also\n\n{tail}\n\nShare\n".encode(), "p", MB
    )
    assert "Grain exports" not in doc.text


def test_boilerplate_caption_credit_and_usage_notice_removed():
    caption = (
        "Delegates arrive at the summit hall in the capital. Editorial use only, no archive, "
        "no commercial use. Jan Novak / State News Agency (Photo by Jan Novak / Agency via Wire)"
    )
    assert clean_caption(caption) == "Delegates arrive at the summit hall in the capital."
    assert (
        clean_caption("Farmers at the canal gate. Photo: Agency / R. Roe")
        == "Farmers at the canal gate."
    )
    assert (
        clean_caption("Trade rose by a third and/or more.") == "Trade rose by a third and/or more."
    )
    assert (
        clean_caption("Crews unload a cargo plane at the base. (By Jan Novak -- State News Agency)")
        == "Crews unload a cargo plane at the base."
    )
    assert clean_caption("It was signed (by the end of May) in Osh.") == (
        "It was signed (by the end of May) in Osh."
    )
    # agencies and the photographer in capitals, joined by slashes
    assert clean_caption("Trucks wait at the crossing, 5 May 2021. VPA/EPA/JAN NOVAK") == (
        "Trucks wait at the crossing, 5 May 2021."
    )
    assert clean_caption("Both sides met. The talks resumed in NATO/EU format.") == (
        "Both sides met. The talks resumed in NATO/EU format."
    )


def test_boilerplate_a_photographers_name_and_agency_on_a_line_is_a_credit():
    lines = ["Jan Novak/State News", "Osh/Bishkek", "Delegates met at the summit hall in Osh."]
    assert [u.label for u in label_units(lines)] == [CREDIT, TEXT, TEXT]


BODY = (
    "The two delegations met in the border town to talk about the reopening of the old road, which "
    "was closed after the floods last spring and has not carried trucks since then.\n\n"
    "“We will open the road before the winter,” the deputy minister told reporters after the meeting.\n\n"
    "Both sides said a technical group would meet again in a month to settle the customs rules."
)
DEK = "The road was closed after floods; both sides now want it open before winter."


@pytest.mark.parametrize(
    "page,author,lead",
    [
        (
            (
                "Skip to main content\nWire Service\nCentral Asia\n\nParliament Approves New Border Deal\n\n"
                "By Farida Nazar\n\nMay 05, 2021 12:30 GMT\n\nShare\nPrint\n\n{body}\n\n"
                "Copyright (c) 2021. Wire Service, Inc. Used with permission.\n\nRelated\n\nAnother story about trade\n"
            ),
            "Farida Nazar",
            None,
        ),
        (
            (
                "Border road talks resume\n\nBakir Saeed Published May 5, 2021 Updated about 3 hours ago\n\n"
                "Facebook Count\nTwitter Share\n\n{body}\n\nComments (12)\n\nClosed for comments.\n"
            ),
            "Bakir Saeed",
            None,
        ),
        (
            (
                "The Weekly Review\n\nBorder road talks resume\n\n{dek}\n\nBy Karin Poole\n\nMay 05, 2021\n\n"
                "Advertisement\n\n{body}\n\nEnjoying this article? Click here to subscribe for full access.\n"
            ),
            "Karin Poole",
            DEK,
        ),
        (
            (
                "Border road talks resume\n\n{dek}\n\nJoan Lille May 5, 2021\n\nTrucks wait at the closed gate. "
                "(Photo: Site Staff)\n\n{body}\n\nLike this article? Support our journalism.\n"
            ),
            "Joan Lille",
            DEK,
        ),
        (
            (
                "Menu\n\nBorder road talks resume\n\nPosted on 5 May 2021 by Lena March\n\n{body}\n\nShare this:\n"
                "Twitter\nFacebook\nLike this:\nLike Loading...\n\nRelated\n"
            ),
            "Lena March",
            None,
        ),
    ],
)
def test_boilerplate_head_and_tail_of_common_site_layouts(page, author, lead):
    [doc] = load_bytes(page.format(body=BODY, dek=DEK).encode(), "page.txt", MB)
    assert doc.author == author and doc.published == "2021-05-05"
    assert doc.title.endswith(("Border Deal", "talks resume"))
    assert doc.text.endswith("settle the customs rules.")
    if lead:
        assert doc.text.startswith(lead)
    else:
        assert doc.text.startswith("The two delegations")
    for chrome in (
        "Share",
        "Comments",
        "Copyright",
        "Advertisement",
        "Photo:",
        "Like",
        "Related",
        "2021",
    ):
        assert chrome not in doc.text


def test_boilerplate_comment_link_under_dek_does_not_end_the_article():
    dek = "The road was closed after the floods of last spring, and both sides now want it open before winter."
    page = (
        f"Road talks resume\n\n{dek}\n\nBy Lena March\n\n3 Comments\n\n{BODY}\n\nLeave a Reply\n\n"
        "Great article, thanks for writing about the road, I drive it every week and the queues are long.\n"
    )
    [doc] = load_bytes(page.encode(), "page.txt", MB)
    assert doc.text == f"{dek}\n\n{BODY}"
