"""Dates: ISO values at the text's precision, relative to the publication date."""
from __future__ import annotations

import pytest

from crossroads.extraction.dates import resolve


@pytest.mark.parametrize("text,published,iso", [
    ("May 25, 2021", None, "2021-05-25"),
    ("March 2019", None, "2019-03"),
    ("in 2014", None, "2014"),
    ("since 2002", None, "2002"),
    ("this month", "2021-04-07", "2021-04"),
    ("last month", "2021-01-15", "2020-12"),
    ("last week", "2021-05-25", "2021-05"),
    ("last year", "2021-05-25", "2020"),
    ("on Monday", "2017-12-28", "2017-12-25"),
    ("yesterday", "2021-03-01", "2021-02-28"),
    ("two years ago", "2021-05-25", "2019"),
    ("the very next day (December 26)", "2017-12", "2017-12-26"),
    ("December 26", "2018-01-10", "2017-12-26"),
    ("07.04.2021", None, "2021-04-07"),
])
def test_dates_resolve_to_iso_at_the_text_precision(text, published, iso):
    assert resolve(text, published) == iso


@pytest.mark.parametrize("text,published", [
    ("this month", None),          # nothing to anchor it
    ("the very next day", "2017-12"),
    ("14 months", "2021-05-25"),   # a duration
    ("the 1990s", None),           # an era
    ("nearly a decade", "2021-05-25"),
    ("May 1", None),               # no year anywhere
])
def test_dates_never_invented(text, published):
    assert resolve(text, published) is None


def test_dates_spans_get_iso_values_in_the_pipeline(read):
    doc = read("Talks were held last week and will resume on June 3, 2021.",
               published="2021-05-25")
    values = {s.text: s._.iso for s in doc.spans["dates"]}
    assert values.get("last week") == "2021-05"
    assert values.get("June 3, 2021") == "2021-06-03"


def test_dates_bracketed_date_dates_the_phrase_before_it(read):
    doc = read("The envoys met again the very next day (December 26) in the capital.",
               published="2017-12")
    values = {s.text: s._.iso for s in doc.spans["dates"]}
    assert "2017-12-26" in values.values()
    assert all(v == "2017-12-26" for k, v in values.items() if "day" in k)
