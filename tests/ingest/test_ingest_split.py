"""A page that carries several articles becomes a page document and one document per article."""

from __future__ import annotations

from crossroads.ingest.readers import load_path

MB = 1024 * 1024

P1 = (
    "The customs services of the two neighbours opened a joint checkpoint on the mountain road, "
    "which should halve the time that trucks wait at the border during the harvest season."
)
P2 = (
    "Drivers had complained for years about queues that stretched for kilometres in autumn, "
    "when fruit from the valleys has to reach the markets in the north before it spoils."
)
P3 = (
    "The herders of the high pastures moved their flocks earlier than usual this year, because "
    "the snow on the upper slopes melted three weeks before the usual date in May."
)
P4 = (
    "Veterinary teams followed them to vaccinate the animals, and the district paid for two new "
    "wells so that the flocks would not have to walk down to the river every day."
)
P5 = (
    "A new railway line between the two capitals will carry its first passengers next spring, "
    "the transport ministry said, after the last tunnel was finished in the autumn."
)
P6 = (
    "The line cuts the journey from two days by road to nine hours, and freight trains are "
    "expected to use it at night when passenger traffic is light."
)

PAGE = f"""Connect with us

Region

Joint checkpoint opens on the mountain road

Amina Rustamova

Published

on

photo by the customs service

{P1}

{P2}

Continue Reading
Comments

Region

Herders move early as the snow melts

Pavel Ostrov

Published

on

{P3}

{P4}

Continue Reading

Region

Railway between the capitals to open in spring

Amina Rustamova

Published on 12 March 2024

{P5}

{P6}

Continue Reading

Latest

Economy2 hours ago

Bank raises its lending rate again

The central bank raised its main rate for the third time this year, citing prices that...

Energy5 hours ago

Power lines reach the last mountain villages

Engineers finished the work a month early, the utility said, and villages that...

Trending
"""


def test_split_multi_article_page_into_articles_with_own_metadata(tmp_path):
    f = tmp_path / "region-page.txt"
    f.write_text(PAGE, encoding="utf-8")
    docs = load_path(f, MB)
    page, *articles = docs
    assert page.kind == "page" and page.text == "" and page.meta["articles"] == 3
    assert [a.kind for a in articles] == ["article"] * 3
    assert all(a.parent == page.id and a.source == "region-page.txt" for a in articles)
    assert [a.title for a in articles] == [
        "Joint checkpoint opens on the mountain road",
        "Herders move early as the snow melts",
        "Railway between the capitals to open in spring",
    ]
    assert [a.author for a in articles] == ["Amina Rustamova", "Pavel Ostrov", "Amina Rustamova"]
    assert [a.published for a in articles] == [None, None, "2024-03-12"]
    assert [a.text for a in articles] == [f"{P1}\n\n{P2}", f"{P3}\n\n{P4}", f"{P5}\n\n{P6}"]
    assert len({page.id, *(a.id for a in articles)}) == 4


def test_split_repeated_heads_without_end_markers(tmp_path):
    page = PAGE.replace("Continue Reading\n", "").split("Latest")[0]
    f = tmp_path / "no-markers.txt"
    f.write_text(page, encoding="utf-8")
    page_doc, *articles = load_path(f, MB)
    assert page_doc.kind == "page"
    assert [a.author for a in articles] == ["Amina Rustamova", "Pavel Ostrov", "Amina Rustamova"]
    assert articles[1].text == f"{P3}\n\n{P4}"


def test_split_single_article_with_read_more_link_stays_whole(tmp_path):
    f = tmp_path / "single.txt"
    f.write_text(
        f"Herders move early as the snow melts\n\nBy Pavel Ostrov\n\n{P3}\n\nRead more\n\n{P4}\n",
        encoding="utf-8",
    )
    [doc] = load_path(f, MB)
    assert doc.kind == "article" and doc.parent is None
    assert doc.text == f"{P3}\n\n{P4}"
