"""Partial dates: an ISO date at the precision a source gives it, and how two of them compare.

Sources date things to the year ("in 2020"), the month or the day. A year says less than a
day, not something else: "2020" covers 2020-02-29, so two dates agree unless they differ at
the coarser of their two precisions. Every comparison of dates from text or from the pack
(as-of queries, pack periods, conflicts) goes through here. Reading dates out of prose is
extraction/dates.py's job (and ingest/metadata.py's for article heads); both hand back the
ISO strings this module reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TypeGuard

__all__ = [
    "MONTHS",
    "MONTH_PATTERN",
    "PRECISIONS",
    "PartialDate",
    "after",
    "before",
    "check_date",
    "cut",
    "from_date",
    "high",
    "holds_on",
    "is_partial_date",
    "low",
    "parse",
    "precision",
    "same",
]

PRECISIONS = {1: "year", 2: "month", 3: "day"}

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
"""English month names and abbreviations (lower case) -> month number."""

MONTH_PATTERN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
"""A month name or abbreviation (no trailing dot) in a regular expression; match it
case-insensitively."""
_WIDTH = {1: 4, 2: 7, 3: 10}
_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, month or day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> int:
        """1 year, 2 month, 3 day."""
        return 1 + (self.month is not None) + (self.day is not None)

    @property
    def iso(self) -> str:
        return self.low.isoformat()[: _WIDTH[self.precision]]

    @property
    def low(self) -> date:
        """The first day it covers."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def high(self) -> date:
        """The last day it covers."""
        if self.day is not None:
            return self.low
        if self.month is None:
            return date(self.year, 12, 31)
        nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)

    def cut(self, prec: int) -> PartialDate:
        """The same date said less precisely ('2020-02-29' at 1 -> '2020')."""
        prec = min(prec, self.precision)
        return PartialDate(
            self.year, self.month if prec >= 2 else None, self.day if prec >= 3 else None
        )

    def __str__(self) -> str:
        return self.iso


def parse(value: str | PartialDate | None) -> PartialDate | None:
    """'2020', '2020-02' or '2020-02-29' as a PartialDate; None for anything else (including
    impossible dates such as '2021-02-30')."""
    if value is None or isinstance(value, PartialDate):
        return value
    m = _ISO.match(value)
    if not m:
        return None
    y, mo, d = int(m["y"]), m["m"], m["d"]
    try:
        date(y, int(mo or 1), int(d or 1))
    except ValueError:
        return None
    return PartialDate(y, int(mo) if mo else None, int(d) if d else None)


def from_date(day: date, prec: int = 3) -> PartialDate:
    """A datetime.date cut to a precision."""
    return PartialDate(day.year, day.month, day.day).cut(prec)


def is_partial_date(value: str | None) -> TypeGuard[str]:
    """Whether a value is an ISO date at some precision ('2020', '2020-02', '2020-02-29')."""
    return value is not None and parse(value) is not None


def precision(value: str | None) -> str | None:
    """'2021' -> 'year', '2021-05' -> 'month', '2021-05-25' -> 'day'; None when not a date."""
    p = parse(value)
    return PRECISIONS[p.precision] if p else None


def cut(value: str, prec: int) -> str:
    """An ISO date cut to a precision (1 year, 2 month, 3 day)."""
    p = parse(value)
    if p is None:
        raise ValueError(f"not an ISO date: {value!r}")
    return p.cut(prec).iso


def low(value: str) -> date:
    """The first day a partial ISO date covers ('2012' -> 2012-01-01)."""
    return _must(value).low


def high(value: str) -> date:
    """The last day a partial ISO date covers ('2012-02' -> 2012-02-29)."""
    return _must(value).high


def _must(value: str | PartialDate) -> PartialDate:
    p = parse(value)
    if p is None:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return p


def before(a: str | PartialDate, b: str | PartialDate) -> bool:
    """Whether ``a`` lies wholly before ``b``: earlier at the coarser of the two precisions
    ('2019' is before '2020-02-29'; '2020' is not)."""
    return _must(a).high < _must(b).low


def after(a: str | PartialDate, b: str | PartialDate) -> bool:
    """Whether ``a`` lies wholly after ``b`` ('2021' after '2020-12-31'; '2020' is not)."""
    return before(b, a)


def same(a: str | PartialDate, b: str | PartialDate) -> bool:
    """Whether two dates can be the same day: equal at the coarser precision."""
    return not before(a, b) and not after(a, b)


def holds_on(start: str | None, end: str | None, as_of: str) -> bool:
    """Whether a period [start, end] (inclusive, open where None) can include ``as_of``,
    each compared at the coarser precision: a period from 2020-02-29 holds "as of 2020"."""
    return not (start and after(start, as_of)) and not (end and before(end, as_of))


def check_date(value: str | None, name: str = "as_of") -> str | None:
    """The value when it is an ISO date (YYYY, YYYY-MM, YYYY-MM-DD), else ValueError naming
    the parameter."""
    if value is None or parse(value) is not None:
        return value
    raise ValueError(f"{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}")
