"""Dates: ISO values at the text's precision, relative to the publication date.

Every phrase and date here is made up for the test (none is taken from a corpus or its gold).
"""

from __future__ import annotations

import pytest

from crossroads.extraction.dates import resolve


@pytest.mark.parametrize(
    "text,published,iso",
    [
        ("August 9, 2022", None, "2022-08-09"),
        ("October 2018", None, "2018-10"),
        ("in 2011", None, "2011"),
        ("since 1998", None, "1998"),
        ("this month", "2022-11-03", "2022-11"),
        ("last month", "2023-01-20", "2022-12"),  # across a year
        ("last week", "2023-09-14", "2023-09"),
        ("last year", "2023-09-14", "2022"),
        ("on Tuesday", "2023-09-14", "2023-09-12"),  # 14 September 2023 was a Thursday
        ("late on Tuesday night", "2023-09-14", "2023-09-12"),
        ("yesterday", "2024-03-01", "2024-02-29"),  # a leap day
        ("three years ago", "2023-09-14", "2020"),
        ("the following morning (April 4)", "2019-04", "2019-04-04"),
        ("November 30", "2020-01-06", "2019-11-30"),  # last November, in a January article
        ("05.11.2022", None, "2022-11-05"),  # dotted dates are day-first
        # a span of days is dated by its first day, never read as a two-digit year
        ("March 11-12", "2022-03-14", "2022-03-11"),
        # a date tied to the publication's year
        ("on June 8 last year", "2017-09-07", "2016-06-08"),
        ("in May this year", "2017-09-07", "2017-05"),
        ("last October", "2017-09-07", "2016-10"),
        ("last August", "2017-09-07", "2017-08"),
        ("on 6–7 October, 2017", None, "2017-10-06"),
        ("February 3-4, 2020", None, "2020-02-03"),
    ],
)
def test_dates_resolve_to_iso_at_the_text_precision(text, published, iso):
    assert resolve(text, published) == iso


# each phrase that must give nothing, beside a near twin that must give a date: the reader
# is working, and it is the missing anchor that makes the first one None
@pytest.mark.parametrize(
    "text,published,twin,twin_published,twin_iso",
    [
        ("this month", None, "this month", "2022-11-03", "2022-11"),  # nothing to anchor it
        ("the day after", "2019-04", "the day after (April 4)", "2019-04", "2019-04-04"),
        ("eight months", "2023-09-14", "eight months ago", "2023-09-14", "2023-01"),  # a duration
        ("the 1980s", None, "1989", None, "1989"),  # an era
        ("almost a decade", "2023-09-14", "three years ago", "2023-09-14", "2020"),
        ("March 8", None, "March 8", "2023-09-14", "2023-03-08"),  # no year anywhere
    ],
)
def test_dates_never_invented(text, published, twin, twin_published, twin_iso):
    assert resolve(text, published) is None
    assert resolve(twin, twin_published) == twin_iso


def test_dates_spans_get_iso_values_in_the_pipeline(read):
    doc = read(
        "Talks were held last week and will resume on October 2, 2023.", published="2023-09-14"
    )
    values = {s.text: s._.iso for s in doc.spans["dates"]}
    assert values.get("last week") == "2023-09"
    assert values.get("October 2, 2023") == "2023-10-02"


def test_dates_bracketed_date_dates_the_phrase_before_it(read):
    doc = read(
        "The mediators met again the following morning (April 4) in the valley town.",
        published="2019-04",
    )
    values = {s.text: s._.iso for s in doc.spans["dates"]}
    assert "2019-04-04" in values.values()
    assert all(v == "2019-04-04" for k, v in values.items() if "morning" in k)
