"""Date expressions to ISO dates at the precision the text gives, relative to the doc date.

Why not dateparser alone: it fills missing parts with today's date ("May" -> this year's
May 22nd) and has no notion of precision, so it invents days and years. Here the common
shapes are read by a few rules that keep the precision ("May 2021" -> '2021-05'), relative
phrases are resolved against the publication date ("last month", "on Monday"), and
dateparser handles the rest with its missing parts checked. A duration ("14 months"), a
decade or anything without an anchor gives None: a date is never invented.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from crossroads import dates

__all__ = ["resolve"]

_MONTHS = dates.MONTHS
_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_MON = rf"(?P<mon>{dates.MONTH_PATTERN})\.?"
_LEAD = re.compile(
    r"^(?:(?:on|in|since|by|from|until|till|to|of|during|at|before|after|around|"
    r"about|as of|the|early|late|mid|end of|beginning of|start of|"
    r"the end of|the beginning of|the start of)[\s-]+)+"
)
_PAREN = re.compile(r"\(([^()]*)\)")

_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?$")
_YEAR = re.compile(r"^(?P<y>1[89]\d\d|20\d\d)$")
_YEAR_RANGE = re.compile(r"^(?P<y>1[89]\d\d|20\d\d)\s*[-–/]\s*(\d\d|\d{4})$")
_MON_YEAR = re.compile(rf"^{_MON},?\s+(?P<y>\d{{4}})$")
_MON_DAY_YEAR = re.compile(rf"^{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$")
_DAY_MON_YEAR = re.compile(
    rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{_MON},?\s+(?P<y>\d{{4}})$"
)
_MON_DAY = re.compile(rf"^{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?$")
_DAY_MON = re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{_MON}$")
_MON_ONLY = re.compile(rf"^{_MON}$")
_ORD = r"(?:st|nd|rd|th)?"
_DAYS_AFTER = re.compile(
    rf"^(?P<first>{_MON}\s+\d{{1,2}}){_ORD}\s*[-–]\s*\d{{1,2}}{_ORD}(?P<rest>,?\s+\d{{4}})?$"
)
_DAYS_BEFORE = re.compile(
    rf"^(?P<first>\d{{1,2}}){_ORD}\s*[-–]\s*\d{{1,2}}{_ORD}(?P<rest>\s+(?:of\s+)?{_MON},?(?:\s+\d{{4}})?)$"
)
"""A span of days ("April 28-29", "15-16 January 2025"): the first day dates it."""
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>\d{4})$")
_RELATIVE = re.compile(
    r"^(?P<which>this|last|next|past|previous|coming|current)\s+"
    r"(?P<unit>week|month|year|weekend)$"
)
_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve)\s+(?P<unit>day|week|month|year)s?\s+ago$"
)
_WEEKDAY = re.compile(
    r"^(?:(?P<which>last|this|next|past)\s+)?(?P<wd>monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?$"
)


def _parse_published(published: str | None) -> tuple[date, int] | None:
    """The publication date's first day and its precision (1 year, 2 month, 3 day)."""
    p = dates.parse(published)
    return (p.low, p.precision) if p else None


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    """The ISO form of a year, month and day as far as given; None for an impossible date."""
    try:
        date(y, m or 1, d or 1)
    except ValueError:
        return None
    return dates.PartialDate(y, m, d if m is not None else None).iso


def _at(day: date, precision: int) -> str:
    """A date cut to a precision (1 year, 2 month, 3 day)."""
    return dates.from_date(day, precision).iso


def _month_shift(day: date, months: int) -> date:
    n = day.year * 12 + day.month - 1 + months
    return date(n // 12, n % 12 + 1, 1)


_OF_YEAR = re.compile(r"^(?P<date>.+?),?\s+(?:of\s+)?(?P<which>this|last|next)\s+year$")
"""A calendar date tied to the publication year ("March 4 this year", "in May last year")."""
_WHICH_MONTH = re.compile(rf"^(?P<which>this|last|next|past)\s+{_MON}$")
_STEP = {"this": 0, "current": 0, "coming": 1, "next": 1, "last": -1, "past": -1, "previous": -1}
"""Which period a "this", "last" or "next" means, counted from the publication's."""


def _relative(text: str, pub: tuple[date, int] | None) -> str | None:
    """Phrases that only make sense against the publication date."""
    if (m := _OF_YEAR.match(text)) and pub:
        return _absolute(f"{_clean(m['date'])} {pub[0].year + _STEP[m['which']]}", None)
    if (m := _WHICH_MONTH.match(text)) and pub:
        month, (day, prec) = _MONTHS[m["mon"]], pub
        year = day.year
        if m["which"] == "next" and month <= day.month:
            year += 1  # "next March" in a March article is a year on
        elif m["which"] in ("last", "past") and prec >= 2 and month >= day.month:
            year -= 1  # "last September" in a May article is the year before's
        return _iso(year, month)
    if text in (
        "today",
        "this day",
        "now",
        "currently",
        "yesterday",
        "tomorrow",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "last night",
    ):
        if not pub:
            return None
        day, prec = pub
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(text, 0)
        if text in ("now", "currently"):
            return None
        return _at(day + timedelta(days=shift), prec) if prec == 3 else _at(day, prec)
    m = _RELATIVE.match(text)
    if m:
        if not pub:
            return None
        day, prec = pub
        which, unit = m["which"], m["unit"]
        step = _STEP[which]
        if unit == "year":
            return f"{day.year + step:04d}"
        if unit == "month":
            if prec < 2:
                return None if step else f"{day.year:04d}"
            return _at(_month_shift(day, step), 2)
        # a week: its month when the doc date has a day, else the doc's own month
        if prec == 3:
            return _at(day + timedelta(days=7 * step), 2)
        return _at(day, prec) if prec == 2 else None
    m = _AGO.match(text)
    if m:
        if not pub:
            return None
        day, prec = pub
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
        unit = m["unit"]
        if unit == "year":
            return f"{day.year - n:04d}"
        if unit == "month":
            return _at(_month_shift(day, -n), 2) if prec >= 2 else None
        days = n * (7 if unit == "week" else 1)
        if prec == 3:
            return _at(day - timedelta(days=days), 3 if unit == "day" else 2)
        return None
    m = _WEEKDAY.match(text)
    if m:
        if not pub:
            return None
        day, prec = pub
        if prec < 3:
            return _at(day, prec)
        want = _WEEKDAYS[m["wd"]]
        if m["which"] == "next":
            delta = (want - day.weekday()) % 7 or 7
            return (day + timedelta(days=delta)).isoformat()
        delta = (day.weekday() - want) % 7
        if m["which"] in ("last", "past") and delta == 0:
            delta = 7
        return (day - timedelta(days=delta)).isoformat()
    return None


def _absolute(text: str, pub: tuple[date, int] | None) -> str | None:
    """Calendar dates, with a missing year taken from the publication date."""
    if m := (_DAYS_AFTER.match(text) or _DAYS_BEFORE.match(text)):
        return _absolute(m["first"] + (m["rest"] or ""), pub)
    if (m := _ISO.match(text)) and int(m["m"]) <= 12:
        return _iso(int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None)
    if m := (_YEAR.match(text) or _YEAR_RANGE.match(text)):
        return m["y"]
    if m := (_MON_DAY_YEAR.match(text) or _DAY_MON_YEAR.match(text)):
        return _iso(int(m["y"]), _MONTHS[m["mon"]], int(m["d"]))
    if m := _MON_YEAR.match(text):
        return _iso(int(m["y"]), _MONTHS[m["mon"]])
    if m := _NUMERIC.match(text):
        a, b = int(m["a"]), int(m["b"])
        # dotted dates are day-first (European); slashed ones month-first unless impossible
        if "." in text or a > 12:
            a, b = b, a
        return _iso(int(m["y"]), a, b)
    m = _MON_DAY.match(text) or _DAY_MON.match(text) or _MON_ONLY.match(text)
    if m:
        if not pub:
            return None
        day = int(m["d"]) if "d" in m.groupdict() and m["d"] else None
        month = _MONTHS[m["mon"]]
        year = pub[0].year
        # "December 26" in a January article is most likely last December
        if pub[1] >= 2 and month > pub[0].month + 1:
            year -= 1
        return _iso(year, month, day)
    return None


def _clean(text: str) -> str:
    s = re.sub(r"\s+", " ", text.casefold().replace("’", "'")).strip(" .,;:()")
    return _LEAD.sub("", s).strip(" .,;:")


def _dateparser(text: str, pub: tuple[date, int] | None) -> str | None:
    """dateparser for what the rules don't know, keeping only the parts the text states."""
    if not re.search(r"\d", text):
        return None
    from dateparser.date import DateDataParser  # slow import: only when the rules fail

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if pub:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(pub[0].year, pub[0].month, pub[0].day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if not data or data.date_obj is None:
        return None
    found = data.date_obj.date()
    period = data.period or "day"
    has_year = bool(re.search(r"\b(1[89]|20)\d\d\b", text))
    if not has_year and not pub:
        return None
    if period == "year":
        return f"{found.year:04d}"
    if period == "month":
        return _at(found, 2)
    if not re.search(r"\b\d{1,2}\b", re.sub(r"\b\d{4}\b", "", text)):
        return _at(found, 2)
    return found.isoformat()


@lru_cache(maxsize=4096)
def resolve(text: str, published: str | None) -> str | None:
    """ISO date of a date expression at the precision it states, or None.

    ``published`` (the document's ISO date, any precision) anchors relative phrases and
    dates without a year. "the very next day (December 26)" gives the date in brackets.
    """
    if not text:
        return None
    pub = _parse_published(published)
    inner = _PAREN.search(text)
    if inner:
        got = resolve(inner.group(1), published)
        if got:
            return got
    s = _clean(_PAREN.sub("", text))
    if not s:
        return None
    if re.search(
        r"\b(\d{4}s|decades?|centur(y|ies)|years|months|weeks|days|hours)\b", s
    ) and not _AGO.match(s):
        return None  # a duration or an era, not a date
    return _relative(s, pub) or _absolute(s, pub) or _within(s, pub) or _dateparser(s, pub)


_SEARCHES = tuple(
    re.compile(p.pattern.strip("^$").replace("(?P<", "(?P<"), re.IGNORECASE)
    for p in (_MON_DAY_YEAR, _DAY_MON_YEAR, _MON_YEAR)
)
_YEAR_IN = re.compile(r"\b(1[89]\d\d|20\d\d)\b(?!s)")


def _within(text: str, pub: tuple[date, int] | None) -> str | None:
    """A calendar date inside a longer phrase ("a month earlier, January 7, 2020",
    "the spring of 2019"): the most precise one it holds."""
    for pattern in _SEARCHES:
        m = pattern.search(text)
        if m:
            return _absolute(m.group(0), pub)
    m = _YEAR_IN.search(text)
    return m.group(1) if m else None
