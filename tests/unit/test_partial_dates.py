"""crossroads.dates: partial dates compared at the coarser precision."""

import pytest

from crossroads import dates


def test_a_year_agrees_with_a_period_starting_inside_it():
    assert dates.holds_on("2020-02-29", None, "2020")
    assert dates.holds_on("2020-02-29", None, "2020-02")
    assert not dates.holds_on("2020-02-29", None, "2020-01")
    assert not dates.holds_on("2020-02-29", None, "2019")


def test_ends_are_inclusive_at_the_coarser_precision():
    assert dates.holds_on("2006-08-16", "2012-12", "2012-12-31")
    assert dates.holds_on(None, "2012", "2012-06")
    assert not dates.holds_on(None, "2012-03-01", "2012-03-02")
    assert not dates.holds_on("2006", "2012-12", "2013-01")


def test_same_before_after():
    assert dates.same("2020", "2020-02-29") and dates.same("2020-02-29", "2020")
    assert not dates.same("2020-03", "2020-02-29")
    assert dates.before("2019", "2020-02-29") and not dates.before("2020", "2020-02-29")
    assert dates.after("2021", "2020-12-31") and not dates.after("2020-12", "2020")


def test_parse_keeps_precision_and_refuses_impossible_dates():
    d = dates.parse("2024-02")
    assert d is not None and d.precision == 2 and d.iso == "2024-02"
    assert d.high.isoformat() == "2024-02-29" and d.low.isoformat() == "2024-02-01"
    assert dates.precision("2021-05-25") == "day" and dates.precision("1999") == "year"
    assert dates.cut("2020-02-29", 1) == "2020"
    for bad in ("2021-02-30", "2021-13", "20210", "May 2021", ""):
        assert dates.parse(bad) is None


def test_check_date_names_the_parameter():
    assert dates.check_date("2021-04", "date_from") == "2021-04"
    with pytest.raises(ValueError, match=r"date_from must be an ISO date .* not '2021-4'"):
        dates.check_date("2021-4", "date_from")
