"""Title, author(s) and publication date read from the head of an article.

Dates keep the precision the page gives ('2021', '2021-05', '2021-05-25'); dotted and
slashed numeric dates are day.month.year, as on the region's sites. A date that belongs
to the page rather than the article (a site's "today" bar above the breadcrumb, or one
the article's own words contradict) is kept apart as the page date. Unknown stays None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from crossroads.ingest import boilerplate
from crossroads.ingest.boilerplate import (
    BREADCRUMB,
    PUBLISHED,
    TEXT,
    UI,
    Unit,
    fold,
    is_body,
    words,
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    # Russian, as the region's sites print a day's date: "7 июня 2024"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    # and as a form's field prints the month alone: "03 Октябрь 2022"
    r"январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)\.?"
)
_WEEKDAY = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|fri|sat|sun)\.?"
)
_DATE = (
    rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?(?:"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|[/-]){_MONTH}(?:,?\s+|[/-])\d{{4}}"
    rf"|{_MONTH},?\s+\d{{4}}"
    # numeric, a space allowed after each slash: "14/ 07/ 2008"
    rf"|(?P<num>\d{{1,2}})(?P<sep>[./-])(?P<sp>(?:(?<=/) )?)(?P<num2>\d{{1,2}})(?P=sep)(?P=sp)"
    rf"(?P<num3>\d{{4}}|\d{{2}}(?!\d|\.\d))"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}/\d{{2}}/\d{{2}})"
)
DATE_RX = re.compile(_DATE, re.IGNORECASE)
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekdays in ``datetime.weekday`` order, as ``_WEEKDAY`` begins them."""
_TIME = r"(?:[\s,|/•·-]*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|\(?(?:UTC|GMT)\s*[+-]?\d{0,2}(?::?\d{2})?\)?)?)?"
# the age a page prints after its date: "July 4, 2012 / 8:28 AM / 7 years ago"
_AGE = r"(?:\s*[/|•·-]\s*\d+\s+(?:year|month|week|day|hour|minute)s?\s+ago)?"
_CLOCK = re.compile(
    r"(?:at\s+)?\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|[A-Z]{3,4})\b[+-]?\d{0,2})?",
    re.IGNORECASE,
)
_NAME_PUBLISHED = re.compile(
    r"^(?:by\s+)?(?P<name>.+?)\s+(?:published|posted)(?:\s+on)?\s*:?\s*(?P<date>.+?)"
    r"(?:\s+(?:updated|last updated)\b.*)?$",
    re.IGNORECASE,
)
_FULL_DATE = re.compile(
    rf"^(?:\d{{1,2}}:\d{{2}}\s*[/|,•·-]?\s*)?"  # "13:20 / 15.12.2021": the time first
    rf"(?:\[?(?:publish(?:ed)?|posted|created|date|опубликовано)\]?(?:\s+on)?\s*[:\-]?\s*|on\s+)?"
    rf"(?P<d>{_DATE}){_TIME}{_AGE}[\s.,|]*$",
    re.IGNORECASE,
)
# a list bullet before a field of the page's record: "• publish: 5 May 2021"
_BULLET = re.compile(r"^[•·▪◦*\-–]\s*")
# the last word of a cut-off line, never of a headline: "The official portal of the"
_DANGLING = frozenset(["the", "a", "an", "of", "and", "or"])
# academic and courtesy titles before a byline's name: "PhD Candidate Lena March", "Dr. Omar Faiz"
_HONORIFIC = re.compile(
    r"^(?:(?:associate|assistant)\s+professor|professor|prof\.?|dr\.?|phd\s+candidate|"
    r"phd|ph\.d\.|mr\.?|mrs\.?|ms\.?)\s+(?=\S+\s+\S)",
    re.IGNORECASE,
)
# a date opening a unit, perhaps labelled: "date 2021-05-25 KABUL: ...", "May 5, 2021 | ..."
_PREFIX_DATE = re.compile(
    rf"^(?:(?:date|dated|published|posted)(?:\s+on)?\s*[:\-]?\s*)?"
    rf"(?P<d>{_DATE})\s*[|:–—-]?\s+(?=[A-Z(“\"'])",
    re.IGNORECASE,
)
# an ISO date under a "date" label, at any precision: "date 2021-05 ...", "Date: 2021-05-25"
_ISO_LABEL = re.compile(
    r"^(?:date|dated)\s*:?\s*(?P<iso>\d{4}(?:-\d{2}){0,2})(?![\d-])\s*", re.IGNORECASE
)
# a section label, a date and the headline on one line: "Politics 05/05/2021 Talks resume at the border"
_LABEL_DATE_TITLE = re.compile(
    rf"^(?P<label>[A-Z][\w&'’.-]*(?:\s+[\w&'’.-]+){{0,2}})\s+(?P<d>{_DATE})"
    rf"\s*[|:–—-]?\s+(?P<title>[A-Z“\"'‘].+)$"
)
# a sentence of page furniture that dates the article: "This story is from May 5, 2021"
_DATE_PHRASE = re.compile(
    rf"^(?P<lead>[\w ,'’]{{0,80}}?\b(?:published|publish|posted|dated|date|story|"
    rf"article|report|filed|written|released|issued)(?:\b[\w ,'’]{{0,40}}?)?)\s*[:\-]?\s*"
    rf"(?P<d>{_DATE}){_TIME}[\s.,|)]*$",
    re.IGNORECASE,
)
# an update stamp left after a leading date: "(Last Updated On: May 5, 2021 10:20 am)"
_UPDATED = re.compile(r"^[(\[]?\s*(?:last\s+)?updated\b.{0,60}$", re.IGNORECASE)
# a desk or staff credit standing for the author: "VW / WEB DESK", "News Desk", "Staff Reporter"
_CREDIT = re.compile(
    r"^(?:by\s*:?\s+)?(?P<credit>[A-Za-z][\w.&’' /-]{0,40}?\b(?:desk|staff reporter|"
    r"staff writer|staff|correspondent|bureau|service|newsroom))$",
    re.IGNORECASE,
)
# a wire dateline opening the first paragraph: "Almaty, 14 January 2022 (Steppe Wire) — ...",
# or a press release's "Almaty, May 5, 2022 /Valley Newswire/ — ..."
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z .'’-]{{1,40}}?),\s+(?P<d>{_DATE})"
    rf"(?:\s*\((?P<agency>[^()]{{1,40}})\)|,\s+(?P<agency2>[A-Z][\w.&/ -]{{1,30}}?)"
    rf"|\s+/(?P<agency3>[A-Z][\w.& -]{{1,30}})/)?"
    rf"\s*(?:[–—-]+|(?<=\)):)(?:\s+(?=[A-Z(“\"'])|(?:(?<=[–—])|(?<=--))(?=[A-Z(“\"'])|\s*$)",
    re.IGNORECASE,
)
# a wire dateline with no dash, its place in capitals: "ALMATY, May 5, 2021 The talks ..."
_CAPS_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'’-]{{1,40}}?),\s+(?P<d>(?i:{_DATE}))\s+(?=[A-Z(“\"'])"
)


def dateline(text: str) -> re.Match[str] | None:
    """A wire dateline opening a paragraph, with or without its dash."""
    return _DATELINE.match(text) or _CAPS_DATELINE.match(text)


def _place_kept(m: re.Match[str] | None, rest: str) -> str:
    """The paragraph without its dateline's date, the dateline's place kept as a paragraph of
    its own: the place of writing is one of the places the article names."""
    place = (m.groupdict().get("place") or "").strip() if m else ""
    return f"{place}\n\n{rest}" if place else rest


# a dateline without the year: "PLACE, May 5 (Agency) --", "May 5 (Agency) --"
_YEARLESS_DATELINE = re.compile(
    rf"^(?:[A-Z][\w .,'’\[\]-]{{0,40}}?,?\s+)?(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})"
    rf"\s*\([^()]{{1,40}}\)\.?\s*(?:[–—-]+|:)\s*",
    re.IGNORECASE,
)
# a dateline on a line of its own without the year: "Valleytown, May 5, VALLEYWIRE"
_YEARLESS_LINE = re.compile(
    rf"^[A-Z][\w .'’-]{{1,40}},\s+(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:,\s*[A-Z][\w.&/ -]{{1,30}})?$",
    re.IGNORECASE,
)
# a byline inside the standfirst: "... correspondent Lena March reports that ..."
_DEK_BYLINE = re.compile(
    r"\b(?:correspondent|reporter|analyst|editor|writer)\s+(?P<name>[A-Z][\w.'’-]+"
    r"(?:\s+[A-Z][\w.'’-]+){1,3})\s+(?:reports|writes|looks|examines|explains|argues)\b"
)
# a line that is a field of the page's record, not a headline: "Item Code : 40817"
_FIELD = re.compile(
    r"^[A-Za-z][\w ]{0,25}\s*:\s*[\w-]*\d[\w-]*$"
    r"|^(?:published|posted|filed)\s+(?:in|under)\s+[A-Z][A-Za-z &-]{0,40}$",
    re.IGNORECASE,
)
# one capitalised word after "By": an agency ("By Valleywire", "By VNA")
_CAPTION_LEAD = re.compile(
    r"^(?:file\s+)?(?:photo|picture|image|photograph)s?\s+(?:of|shows|showing|from)\b",
    re.IGNORECASE,
)
"""A caption that says it is one: "File photo of …", "Photo shows …"."""
_AGENCY = re.compile(rf"^(?!(?i:{_MONTH}|{_WEEKDAY})$)[A-Z][A-Za-z]*(?:[/-][A-Za-z]+)?$")
# a record's title field: "[Title] Road talks resume", "Title: Road talks resume"
_TITLE_FIELD = re.compile(r"^(?:\[title\]\s*|title\s*:\s*)(?P<t>\S.{4,})$", re.IGNORECASE)
# a skip link of the page's navigation: 'Press "Enter" to skip to content', "Jump to navigation"
_SKIP_LINK = re.compile(
    r"\bskip to:? (?:the )?(?:main |site )?(?:content|navigation|search)\b"
    r"|^(?:jump|go) to:? (?:the )?(?:navigation|search|top|content)\b",
    re.IGNORECASE,
)
# a site's name and slogan on one line: "Valley Review | Voices of the Valley"
_BANNER = re.compile(r"\s\|\s")
# the separator of a section path: "World » Former USSR", "Home > Region"
_CRUMBS = re.compile(r"\s[»›>]\s")
# a note that the page repeats another site's article: "This post was originally published on ..."
_REPOST = re.compile(
    r"^(?:this\s+(?:post|article|story|piece|report|commentary)\s+(?:was|is|has been)\s+|it\s+was\s+)?"
    r"(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:on|in|at|by)\b.{0,80}$"
    r"|^(?:re-?published|reprinted|cross-?posted)\s+(?:from|with|by|courtesy)\b.{0,80}$",
    re.IGNORECASE,
)
# "Last update: <date>", "Updated 5 May 2021": when the page was changed, not published
_UPDATE_LINE = re.compile(r"^[(\[]?\s*(?:last\s+)?(?:updated?|modified)\b", re.IGNORECASE)
# a page's stamp of when it changed, anywhere in its line: "Page last updated at 17:08 GMT, …"
_STAMP_WORD = re.compile(r"\b(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)
# a dateline on a line of its own: "Almaty, Kazakhstan, Nov. 2" (with or without its year)
_DATELINE_LINE = re.compile(
    rf"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,2}}(?:,\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,2}}){{0,2}},\s*"
    rf"(?:(?i:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+(?i:{_MONTH}))(?:,?\s+\d{{4}})?\.?$"
)
# a summary's bullet ("* Talks resume"): a list item, never the headline
SUMMARY_BULLET = re.compile(r"[•·▪◦*]\s")
# "12 minutes ago" beside a byline's name
_AGO = re.compile(
    r"\s*\b\d+\s*(?:sec|secs|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
# a dated series label above the headline: "POLICY BRIEF No. 14 | March 2023"
_LABEL_WORDS = re.compile(
    r"\b(?:no\.?|vol\.?|issue|brief|paper|report|note|commentary|analysis|"
    r"bulletin|update|working paper|series|edition)\b",
    re.IGNORECASE,
)
_YEARLESS = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})(?!\d)", re.IGNORECASE
)
_RECENT = re.compile(
    r"\b(last|past|this|next|previous|following) (week|weekend|day|month)\b|"
    r"\b(yesterday|today|tomorrow|the day before|next day)\b|"
    r"\bon (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_PARTICLES = frozenset("al el ul ud ad ibn bin bint de da di du dos van von der den la le".split())
# capitalised words that are never part of a person's name on a byline: function words,
# page furniture ("Breaking News", "Photo ...", "Local Time", "Briefing Notes") and titles
# ("Prime Minister ...")
_NOT_NAME = frozenset(
    """the a an of and or from to in on at for with by after before over under
into about against between amid is are was were be says said new news breaking photo photos
video image images picture links link share bookmark article articles story stories home menu
search desk service press agency report reporter staff correspondent bureau online daily times
herald tribune minister president prime secretary general ambassador spokesman spokesperson
deputy chairman foreign ministry recent features latest popular related opinion analysis
editorial columns business world politics economy sport sports culture magazine journal review
weekly post today express gazette chronicle network media tv radio insight monitor
commentary last modified updated posted published time local gmt utc notes briefing briefings
monitoring bulletin transcript release court government police army forces authorities officials
states
""".split()
)
# a capitalised word of letters from any script ("Aydın", "Šarić", "Øvergaard") or an initial
_NAME_TOKEN = re.compile(r"^(?:(?=[^\W\d_])(?![a-z])[^\W\d_](?:[^\W\d_]|['’.\-])*|[A-Z]\.)$")
# a short section label before the byline: "*Analysis* — by ...", "Opinion | By ..."
_LABEL_BEFORE_BY = re.compile(
    r"^[*_]*[\w ]{1,30}?[*_]*\s*[—–|:-]\s*(?=(?:by|written by)\s)", re.IGNORECASE
)
# where the reporter filed from, after the byline's name: "By Lena March in Tashkent <date>"
_FILED_FROM = re.compile(r"\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}$")
# a role after the byline's name: "By LENA MARCH, Staff Writer", "Lena March, Kabul correspondent"
_ROLE_TAIL = re.compile(
    r"\s*(?:,|\||[-–—])\s*(?:(?:special|senior|chief|foreign|staff|contributing|guest|"
    r"[A-Z][a-z]+)\s+)?(?:writer|reporter|correspondent|editor|contributor|columnist|"
    r"analyst|journalist)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:(?:commentary|analysis|opinion|interview|essay|article|report|story|column|text)\s+by|"
    r"by|written by|authors?(?:['’`]s)?(?:\s+names?)?|words by)\s*[:\-]?\s+(?P<names>.+)$",
    re.IGNORECASE,
)
# a reporter's line without "By", where the dateline would stand: "Lena March in Valleytown -"
_FILED_LINE = re.compile(
    r"^(?P<names>[A-Z][^,|]{2,40}?)\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s*[-–—]+$"
)
_TITLE_BY = re.compile(
    r"^(?P<title>.{10,}?)\s+(?P<by>by|By|BY)\s+(?P<names>[A-Z][A-Za-z.'’\- ,&]+)$"
)


@dataclass
class Header:
    """What the head of an article says about it."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    page_date: str | None = None
    """A date printed on the page that is not the article's (crawl or print date)."""
    consumed: set[int] = field(default_factory=set)
    """Indices of units that were header, not article text."""
    replaced: dict[int, str] = field(default_factory=dict)
    """Units whose leading date was taken off: index -> the rest of the unit."""


if TYPE_CHECKING:
    from dateparser.date import DateDataParser


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en", "ru"], settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]}
    )


def parse_date(text: str) -> str | None:
    """ISO date at the precision the text gives, or None: '07.04.2021' -> '2021-04-07'."""
    m = DATE_RX.search(text or "")
    if not m:
        return None
    if m["num"]:  # numeric with dots, slashes or dashes: day.month.year
        day, month, year = int(m["num"]), int(m["num2"]), int(m["num3"])
        if m["sep"] == "-" and year < 100:
            return None  # "10-12-15": a range or a code as often as a date
        if year < 100:  # "9/14/09": a two-digit year of the paper's own century
            year += 2000 if year < 50 else 1900
        if month > 12 and day <= 12:
            day, month = month, day
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        if m["weekday"] and day <= 12 and day != month:
            # "Mon, 05/11/2009": the weekday says which number is the month
            said = _DAYS.index(m["weekday"][:3].lower())
            other = dt.date(year, day, month)
            if date.weekday() != said and other.weekday() == said:
                date = other
        return date.isoformat()
    s = m.group(0)
    if m["weekday"]:
        s = s[len(m["weekday"]) :].lstrip(" ,.")
    if re.search(r"[a-z]", s, re.IGNORECASE):
        s = re.sub(r"[/-]", " ", s)  # "20/March/2019"
    data = _parser().get_date_data(s)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    return {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}"}.get(
        str(data.period), d.isoformat()
    )


def normalise_author(names: str) -> str | None:
    """'SALMAN RAFI SHEIKH' -> 'Salman Rafi Sheikh'; several authors keep the byline's own
    joining words ("A and B", "A, B & C"), as a reader who copies the byline writes them."""
    out: list[str] = []
    joiner = ""
    for i, part in enumerate(re.split(r"(\s*(?:,|&|\band\b|;)\s*)", names.strip(" .,:;"))):
        if i % 2:  # a word beats a comma where both join two names: ", and" joins as "and"
            sep = part.strip()
            joiner = sep if sep not in (",", ";") or not joiner else joiner
            continue
        part = _HONORIFIC.sub("", re.sub(r"^(?:by)\s+", "", part.strip(), flags=re.IGNORECASE))
        if not part:
            continue
        if part.isupper():
            part = " ".join(
                w
                if re.fullmatch(r"(?:[A-Z]\.)+", w)
                else "-".join(p.capitalize() for p in w.split("-"))
                for w in part.split()
            )
        if out:
            out.append(", " if joiner in (",", ";") else f" {joiner} ")
        out.append(part)
        joiner = ""
    return "".join(out) or None


def is_name_like(text: str) -> bool:
    """A person's name alone on its line: two to four capitalised words, no digits."""
    parts = [p for p in re.split(r"\s*(?:,|&|\band\b)\s*", text.strip()) if p]
    if not parts or len(parts) > 4:
        return False
    for p in parts:
        toks = p.split()
        if not 2 <= len(toks) <= 4:
            return False
        if not all(_NAME_TOKEN.match(t) or t.lower() in _PARTICLES for t in toks):
            return False
        if any(t.lower() in _NOT_NAME for t in toks):
            return False
    return True


def is_stamp(text: str) -> bool:
    """A line that dates the page rather than heads it: when it was updated ("Page last updated
    at 17:08 GMT, Monday, 9 February 2009"), or a dateline standing alone ("Almaty, Nov. 2")."""
    if _DATELINE_LINE.match(text):
        return True
    return bool(
        _STAMP_WORD.search(text)
        and (DATE_RX.search(text) or _CLOCK.search(text) or _AGO.search(text))
    )


def is_title_like(text: str) -> bool:
    """A headline: a few words on one line, no closing full stop, not a date."""
    n = words(text)
    last = re.sub(r"\W+$", "", text).rsplit(None, 1)[-1:]
    if last and last[0].lower() in _DANGLING:
        return False  # a line cut off mid-phrase, such as a site name broken over two lines
    return (
        3 <= n <= 30
        and len(text) <= 250
        and not re.search(r"[.,;:]$", text)
        and not _FULL_DATE.match(text)
        and not is_stamp(text)
        and not _CRUMBS.search(text)
        and not (n > 15 and re.search(r"\w[.!?]\s+[A-Z“\"']", text))  # sentences, run on
        and not is_caption(text)
        and not SUMMARY_BULLET.match(text)
        and bool(re.search(r"[A-Za-z]", text))
        and (
            text[:1].isupper()
            or text[:1] in ("“", '"', "'", "‘")
            or bool(re.match(r"\d[\d,.]*\s+[^\W\d]", text))
            # a wire's version tag before it: "(LEAD) ...", "(2nd LD) ..."
            or bool(re.match(r"\([^()]{1,24}\)\s+[A-Z\d“\"]", text))
        )
    )  # "3 Soldiers Killed ..."


_AUTHOR_LABEL = re.compile(r"^(?:author|authors|written by|by)\s*:?$", re.IGNORECASE)
"""A field label alone on its line, the author's name on the next ("Author:")."""
_WIRES = re.compile(
    r"\s*(?:&|\band|\bwith)\s+(?:news\s+)?(?:agencies|agency\s+inputs|wires)\W*$", re.IGNORECASE
)


def _clean_byline(text: str) -> str:
    """A byline without its list bullet, social handles and e-mail address."""
    text = re.sub(r"^[-–—•·*]+\s*", "", text.strip())
    text = re.sub(r"\s*(?:\(@\w+\)|@\w+|\S+@\S+\.\w+)", "", text)
    text = re.sub(r"\s*\([^()]*\)$", "", text)  # "(the May issue of the Review)"
    text = re.sub(r"\s*\($", "", text)  # a bracket left open where the page cut the byline
    text = _WIRES.sub("", text)  # "<name> & Agencies": the wires are no author
    return text.strip()


def credit(text: str) -> str | None:
    """A desk or staff credit that stands for the author ('Web Desk', 'VW / WEB DESK')."""
    m = _CREDIT.match(_clean_byline(text))
    if not m or words(m["credit"]) > 6:
        return None
    if m["credit"].lower().endswith("service") and not re.match(r"\s*by\b", text, re.IGNORECASE):
        return None  # "By Valley Wire's Uzbek Service" is a credit; "Civil Service" is a section
    return re.sub(r"\s+", " ", m["credit"]).strip()


def byline(text: str) -> tuple[str | None, str | None]:
    """(title, author) from 'Title By NAME' or 'By NAME' lines; (None, None) otherwise."""
    if is_body(text):
        return None, None
    text = _clean_byline(text)
    m = _BYLINE.match(text)
    if m and not is_name_like(m["names"]) and is_name_like(_ROLE_TAIL.sub("", m["names"])):
        return None, normalise_author(_ROLE_TAIL.sub("", m["names"]))
    if m and is_name_like(m["names"]):
        return None, normalise_author(m["names"])
    if m and credit(text):
        return None, credit(text)
    if m and _AGENCY.match(m["names"]) and fold(m["names"]) not in _NOT_NAME:
        return None, m["names"]  # "By Valleywire": an agency's byline
    if m and re.fullmatch(r"The(?:\s+[A-Z][\w.&'’-]*){1,4}", m["names"]):
        return None, m["names"]  # "By The Valley Press": an agency's byline
    if m:  # "By Lena March – Valley Wire:", "By Lena March– Valley Wire": the agency after a dash
        name = re.split(r"\s*[–—|]\s*|\s+-\s+", m["names"])[0]
        if name != m["names"] and is_name_like(name):
            return None, normalise_author(name)
    m = _FILED_LINE.match(text)
    if m and is_name_like(m["names"]):
        return None, normalise_author(m["names"])
    m = _TITLE_BY.match(text)
    if (
        m
        and is_name_like(m["names"])
        and (
            m["names"].replace(",", "").replace("&", "").isupper()
            or re.search(r"\s[a-z]", m["title"])
        )
    ):
        return m["title"].strip(), normalise_author(m["names"])
    return None, None


def name_and_date(text: str) -> tuple[str | None, str | None]:
    """(author, ISO date) of a line like 'By Lena March | May 5, 2021' or 'Lena March, 05.05.2021'."""
    m = _NAME_PUBLISHED.match(text)
    if m and is_name_like(_clean_byline(m["name"])) and parse_date(m["date"]):
        return normalise_author(_clean_byline(m["name"])), parse_date(m["date"])
    m = DATE_RX.search(text)
    if not m or words(text) > 14:
        return None, None
    rest = (text[: m.start()] + " " + text[m.end() :]).strip(" |•·,–—-:")
    rest = _LABEL_BEFORE_BY.sub("", rest)
    rest = _CLOCK.sub("", rest).strip(" |•·,–—-:")
    rest, by = re.subn(
        r"^(?:by|written by|posted by|published by)\s+",
        "",
        _clean_byline(_AGO.sub("", rest)),
        flags=re.IGNORECASE,
    )
    rest = re.sub(r"\s+(?:on|at)$", "", rest.strip(" |•·,–—-:"), flags=re.IGNORECASE)
    rest = _FILED_FROM.sub("", rest)  # the city is no part of the name
    if rest and is_name_like(rest):
        return normalise_author(rest), parse_date(m.group(0))
    if by and _AGENCY.match(rest) and fold(rest) not in _NOT_NAME:
        return rest, parse_date(m.group(0))  # "By Valleywire May 5, 2021": an agency's byline
    # "By NAME | SITE NAME Published: <date>": the name is the first part of the line
    first = re.split(r"\s+[|•·–—-]\s+|\s*\|\s*", rest)[0]
    first = re.sub(
        r"\s+(?:published|posted|updated)(?:\s+on)?\s*:?$", "", first, flags=re.IGNORECASE
    )
    if first != rest and is_name_like(first):
        return normalise_author(first), parse_date(m.group(0))
    return None, None


def dated_label(text: str) -> str | None:
    """ISO date of a short series label that carries the issue date ("POLICY BRIEF No. 14 |
    March 2023"); None for anything else, headlines included."""
    m = DATE_RX.search(text)
    if not m:
        return None
    rest = (text[: m.start()] + " " + text[m.end() :]).strip(" |•·,–—-:")
    if not rest or words(rest) > 5 or re.search(r"\bby\s+[A-Z]", rest, re.IGNORECASE):
        return None  # "Analysis — by Lena March, 05.05.2021" is a byline with its date
    letters = re.sub(r"[^A-Za-z]", "", rest)
    if (letters and letters.isupper()) or _LABEL_WORDS.search(rest):
        return parse_date(m.group(0))
    return None


def full_date(text: str) -> tuple[str | None, bool]:
    """(ISO date, has a weekday) when the whole unit is a date line."""
    m = _FULL_DATE.match(_BULLET.sub("", text.strip()))
    if not m:
        return None, False
    return parse_date(m["d"]), bool(m["weekday"])


def labelled_iso(text: str) -> tuple[str | None, int]:
    """(ISO date, where the rest begins) of a unit opening with "date 2021-05" or "Date: 2021-05-25"."""
    m = _ISO_LABEL.match(text.strip())
    if not m:
        return None, 0
    iso = m["iso"]
    try:
        dt.date.fromisoformat((iso + "-01-01")[:10])
    except ValueError:
        return None, 0
    return iso, m.end() + len(text) - len(text.lstrip())


def date_phrase(text: str) -> str | None:
    """ISO date of a furniture sentence that dates the article ("This story is from May 5,
    2021", "An archive story, first published on 5 May 2021"); None otherwise."""
    m = _DATE_PHRASE.match(text.strip())
    if not m or words(m["lead"]) > 10 or re.search(r"\bby\s+[A-Z]", m["lead"]):
        return None  # "Posted by Lena March on <date>" is a byline with its date
    return parse_date(m["d"])


def contradicted(iso: str, body: str) -> bool:
    """True when the article's own recent-time words point far away from the date.

    "the very next day (December 26)" in an article dated July 18 cannot be the article's
    date: a month-day named beside "last week", "next day", "on Monday" lies within weeks
    of publication.
    """
    if len(iso) != 10:
        return False
    day = dt.date.fromisoformat(iso)
    gaps = []
    for m in _YEARLESS.finditer(body):
        window = body[max(0, m.start() - 120) : m.end() + 120]
        if not _RECENT.search(window):
            continue
        when = parse_date(f"{m['m']} {m['d']}, {day.year}")
        if not when:
            continue
        d = dt.date.fromisoformat(when)
        gaps.append(
            min(
                abs((d.replace(year=d.year + k) - day).days)
                for k in (-1, 0, 1)
                if not (d.month == 2 and d.day == 29)
            )
        )
    return bool(gaps) and min(gaps) > 60


def read_header(units: list[Unit], body: str, first_on_page: bool = True) -> Header:
    """Read title, author and date from the head of one article's units.

    `units` still carry their boilerplate labels; `body` is the article text, used to
    tell the page's own date from the article's.
    """
    h = Header()
    head: list[int] = []
    for i, u in enumerate(units):
        if u.label in (TEXT, PUBLISHED):
            if u.label == TEXT and is_body(u.text) and _tagline(units, head, i):
                h.consumed.add(i)
                continue
            head.append(i)
            if u.label == TEXT and is_body(u.text) or len(head) >= 12:
                break
    weekday_first, date_at = False, None
    pub = next((i for i in head if units[i].label == PUBLISHED), None)
    if pub is not None:
        _marked_head(units, head, pub, h)
    else:
        weekday_first, date_at = _plain_head(units, head, h)
    _late_byline(units, head, h)
    if h.published is None and h.title:
        _stamp_around_title(units, h)
    if h.published is None:
        _year_from_page(units, h)
    if h.published is None:
        _dateline_inside(units, h)
    if h.published and date_at is not None:
        nxt = next((u for u in units[date_at + 1 :] if u.label != TEXT or u.text), None)
        header_bar = (
            first_on_page
            and weekday_first
            and date_at == 0
            and nxt is not None
            and nxt.label in (BREADCRUMB, UI)
        )
        if header_bar or contradicted(h.published, body):
            h.page_date, h.published = h.published, None
    _title_by_shape(units, h)
    if h.title:
        h.title = h.title.strip()
    if fold(h.author or "") in ("admin", "editor", "staff", "guest"):
        h.author = None
    from crossroads.ingest import metadata_model  # the learned chooser reads these helpers

    return metadata_model.revise(units, body, h)


def _one_line(text: str) -> bool:
    """A line that could be a headline however long: no sentence ends inside it and no
    closing stop (a question mark may close it)."""
    return (
        3 <= words(text) <= 40
        and not re.search(r"[.,;:]$", text)
        and not re.search(r"\w[.!?]\s+[A-Z“\"'‘]", text)
        and not re.search(r"\w[.!?]\s+[—–]\s", text)  # a caption, then "— <its credit>"
        and (text.lstrip("‘“\"'")[:1].isupper() or text[:1].isdigit())
        and boilerplate.clean_caption(text) == text.strip()
    )


def _title_by_shape(units: list[Unit], h: Header) -> None:
    """Headlines the line-by-line head misses: one printed twice near the top (perhaps the
    first time with the site's name and section after a dash or a slash, or at the end of
    the breadcrumb), or a one-line question opening the page."""
    top = [i for i, u in enumerate(units) if u.label == TEXT][:10]
    for k, j in enumerate(top):
        t = units[j].text.strip()
        if not _one_line(t) or (t[:3].lower() == "by " and byline(t)[1]):
            continue  # (a byline printed twice is no headline)
        for i in top[:k]:
            s = units[i].text.strip()
            if (
                s == t
                or re.match(re.escape(t) + r"\s+[-–—|/]\s+\S", s)
                or re.search(r"\S\s+[»›>]\s+" + re.escape(t) + "$", s)
            ):
                h.title = t
                h.consumed.update((i, j))
                return
    label = bool(top) and h.title == units[top[0]].text and _page_name(units, top[0])
    if (h.title is None or label) and top:
        for k in (0, 1) if label else (0,):  # perhaps below a short section label
            t = units[top[k]].text.strip() if k < len(top) else ""
            nxt = units[top[k + 1]].text if k + 1 < len(top) else ""
            quoted = t[:1] in "‘“\"'" and t[-1:] in "’”\"'"
            question = t.endswith("?") and k == 0  # below a short headline, a question is its dek
            if (question or quoted) and _one_line(t) and is_body(nxt):
                h.title = t  # a question or a quotation as headline reads like a sentence
                h.consumed.update(top[: k + 1])
                return


def _tagline(units: list[Unit], head: list[int], i: int) -> bool:
    """A site's one-sentence description under its name, above the headline ("Valley Wire /
    The latest news from the valley. Stay tuned for updates."): furniture, not the lead."""
    if len(head) != 1 or units[head[0]].label != TEXT or words(units[head[0]].text) > 4:
        return False
    if words(units[i].text) >= 30:
        return False
    nxt, after = ([u.text for u in units[i + 1 :] if u.label == TEXT][:2] + ["", ""])[:2]
    return (  # a headline with its lead below, not a byline under the dek of a short headline
        is_title_like(nxt)
        and not is_body(nxt)
        and not (byline(nxt)[1] or name_and_date(nxt)[0] or is_name_like(nxt) or full_date(nxt)[0])
        and is_body(after)
    )


def _stamp_around_title(units: list[Unit], h: Header) -> None:
    """A page whose only stamp is "Updated: <date>", right above the headline or in the head
    below it (captions and credits may stand between), dates the article by it: with nothing
    else to go by, that is when the article was put out. (Higher up, above the site's logo,
    it is when the site changed.)"""
    at = next((i for i, u in enumerate(units) if u.text.strip() == (h.title or "").strip()), None)
    if at is None:
        return
    found: list[tuple[int, str]] = []
    for i in range(max(0, at - 1), min(at + 6, len(units))):
        text = units[i].text
        if i > at and units[i].label == TEXT and is_body(text):
            break
        if _UPDATE_LINE.match(text) and DATE_RX.search(text) and words(text) <= 12:
            iso = parse_date(text)
            if iso:
                found.append((i, iso))
    if len({iso for _, iso in found}) == 1:
        i, iso = found[0]
        h.published = iso
        h.page_date = None if h.page_date == iso else h.page_date
        h.consumed.add(i)


_INNER_DATELINE = re.compile(rf"(?P<d>{_DATE})\s*\([^()]{{1,40}}\)\s*(?:--|[–—])\s", re.IGNORECASE)
"""A wire dateline run into the lede after a photo's caption: "... (file photo) May 5, 2021
(Agency) -- The talks ..." """


def _dateline_inside(units: list[Unit], h: Header) -> None:
    """The date of a wire dateline inside the first paragraph, where the page ran a photo's
    caption into it, dates the article: a date with an agency and a dash after it is the
    dateline wherever it stands."""
    lede = next((u.text for u in units if u.label == TEXT and is_body(u.text)), "")
    m = _INNER_DATELINE.search(lede[:400])
    if m:
        h.published = parse_date(m["d"])


def _year_from_page(units: list[Unit], h: Header) -> None:
    """A wire dateline without its year ("Valleytown, Oct 31 (Agency) -", or on a line of its
    own) dates the article by the one full date of that month and day printed in its first
    lines, as a photo's caption under the same agency's credit gives it, or the statement the
    article carries; nothing else on the page says the year."""
    ledes = [u.text for u in units if u.label == TEXT and is_body(u.text)][:3]
    m = next((m for m in map(_YEARLESS_DATELINE.match, ledes) if m), None)
    m = m or next((m for u in units[:12] if (m := _YEARLESS_LINE.match(u.text.strip()))), None)
    day = parse_date(f"{m['m']} {m['d']}, 2000") if m else None
    if day is None or len(day) != 10:
        return
    found: set[str] = set()
    for u in units[:12]:
        for hit in list(DATE_RX.finditer(u.text))[:4]:
            iso = parse_date(hit.group(0))
            if iso and len(iso) == 10 and iso[4:] == day[4:]:
                found.add(iso)
    if len(found) == 1:
        h.published = found.pop()


def is_caption(text: str, twins: frozenset[str] = frozenset()) -> bool:
    """A photo's caption: it says it is one, or it carries the photo's credit, or it is the
    bare twin of one that does (``twins``, see caption_twins)."""
    return (
        bool(_CAPTION_LEAD.match(text))
        or boilerplate.clean_caption(text) != text.strip()
        or boilerplate.fold(text) in twins
    )


def caption_twins(texts: list[str]) -> frozenset[str]:
    """The words of each caption that carries its credit, without it: a page that prints the
    caption a second time bare ("A crowd in the square" above "A crowd in the square.
    Photograph: <name>/<agency>") has no headline in that line either."""
    return frozenset(
        boilerplate.fold(bare)
        for t in texts
        if (bare := boilerplate.clean_caption(t)) != t.strip() and words(bare) >= 3
    )


def _marked_head(units: list[Unit], head: list[int], pub: int, h: Header) -> None:
    """Head around a "Published"/"Posted on" marker: author and headline stand above it."""
    h.consumed.add(pub)
    h.published = labelled_iso(units[pub].text)[0] or parse_date(units[pub].text)
    by = re.search(r"\bby\s+(?P<names>[^|•]+?)\s*$", units[pub].text, re.IGNORECASE)
    if by and is_name_like(by["names"]):  # "Posted on 5 May 2021 by Lena March"
        h.author = normalise_author(by["names"])
    if h.author is None:  # "Posted by Lena March on 5 May 2021"
        h.author = name_and_date(units[pub].text)[0]
    m = DATE_RX.search(units[pub].text)
    if h.author is None and m:  # "date 2021-05-05 WEB DESK": a credit after the date
        rest = units[pub].text[m.end() :].strip(" |•·,–—-:")
        t, a = byline(rest)
        h.author = credit(rest) or (a if t is None else None)  # "date 2021-05-05 By Valleywire"
    after = [i for i in head if i > pub]
    for i in after[:2]:  # "Published" / "on" / date, each on its own line
        if units[i].label == PUBLISHED:
            h.consumed.add(i)
            h.published = h.published or parse_date(units[i].text)
        elif h.published is None and full_date(units[i].text)[0]:
            h.consumed.add(i)
            h.published = full_date(units[i].text)[0]
            break
        else:
            break
    for k, i in enumerate([i for i in head if i > pub and i not in h.consumed][:3]):
        _, a = byline(units[i].text)
        a2, iso = name_and_date(units[i].text)
        if a or (a2 and iso):  # "Published on ..." above the byline, or above headline and byline
            h.author = h.author or a or a2
            h.consumed.add(i)
        elif (
            k == 0
            and h.author is None
            and i + 1 < len(units)
            and is_body(units[i + 1].text)
            and is_name_like(units[i].text)
        ):
            h.author = normalise_author(units[i].text)  # "date <date>", the name, the story
            h.consumed.add(i)
    before = [i for i in head if i < pub and units[i].label == TEXT][::-1]
    k = 0
    if before:
        t, a = byline(units[before[0]].text)
        if a or (h.author is None and is_name_like(units[before[0]].text)):
            h.title, h.author = t, h.author or a or normalise_author(units[before[0]].text)
            h.consumed.add(before[0])
            k = 1
    while k < len(before) and is_caption(units[before[k]].text):
        k += 1  # the lead photo's caption between the headline and the byline
    if h.title is None and k < len(before) and is_title_like(units[before[k]].text):
        if (
            k + 1 < len(before)
            and is_title_like(units[before[k + 1]].text)
            and is_dek(units, before[k + 1], before[k])
        ):
            k += 1  # the line above the byline is the standfirst; the headline is above it
        h.title = units[before[k]].text
        h.consumed.add(before[k])
        k += 1
    h.consumed.update(i for i in before[k:] if words(units[i].text) <= 6)
    if h.title is None:  # "Posted on <date>" above the headline
        for i in [i for i in head if i > pub and i not in h.consumed]:
            if not (full_date(units[i].text)[0] or date_phrase(units[i].text)):
                break
            h.consumed.add(i)  # the date again, in the site's own format
        below = [i for i in head if i > pub and i not in h.consumed][:2]
        if (
            len(below) == 2
            and words(units[below[0]].text) <= 3
            and not is_title_like(units[below[0]].text)
            and is_title_like(units[below[1]].text)
        ):
            h.consumed.add(below.pop(0))  # a section's name above the headline
        nxt = below[0] if below else None
        if nxt is not None and is_title_like(units[nxt].text) and not is_body(units[nxt].text):
            h.title = units[nxt].text
            h.consumed.add(nxt)


def _plain_head(units: list[Unit], head: list[int], h: Header) -> tuple[bool, int | None]:
    """Head without a marker, read line by line; returns (date has a weekday, its unit index).

    Title-like lines are collected rather than taken at once: the headline is the one just
    above the byline or date line when there is one (site names, tickers and captions
    stand higher up), else the first.
    """
    weekday_first, date_at = False, None
    prev = None
    twins = caption_twins([units[i].text for i in head])
    cands: list[int] = []  # title-like units, in page order
    anchor = None  # the first byline or date line below a title-like unit
    mark = None  # the first byline or date line at all
    implicit = False  # the author is a bare name line, not a "By ..." byline
    joined: set[int] = set()  # the second line of a headline broken after its colon
    for i in head:
        if i in joined:
            continue
        text = units[i].text
        if _UPDATE_LINE.match(text) and DATE_RX.search(text) and words(text) <= 12:
            h.page_date = h.page_date or parse_date(text)  # when the page changed, not the article
            h.consumed.add(i)
            continue
        iso, wd = full_date(text)
        iso = iso or date_phrase(text)
        if iso:
            if h.published is None:
                h.published, weekday_first, date_at = iso, wd, i
            elif prev == "title" and date_at is not None and cands and date_at < cands[-1]:
                # a date above the headline and another just below it: the upper one is
                # the page's masthead date, the lower one the article's
                h.page_date, h.published, weekday_first, date_at = h.published, iso, wd, i
            h.consumed.add(i)  # a second date line in the head is furniture too
            anchor = anchor if anchor is not None or not cands else i
            mark = i if mark is None else mark
            prev = "date"
            continue
        iso, at = labelled_iso(text)
        m = None if iso else (_PREFIX_DATE.match(text) or dateline(text))
        if m and parse_date(m["d"]):
            iso, at = parse_date(m["d"]), m.end()
        if iso and h.published is None:
            h.published, date_at = iso, i
            rest = text[at:]
            if is_body(rest) or (m is not None and m.re in (_DATELINE, _CAPS_DATELINE)):
                h.replaced[i] = _place_kept(m, rest)
                break
            t_by, a_by = byline(rest)
            who = credit(rest) or (a_by if t_by is None else None)  # "May 5, 2021 By Lena March"
            if not rest.strip() or who or _UPDATED.match(rest):  # "date 2021-05-05 WEB DESK"
                h.author = h.author or who
                h.consumed.add(i)
            elif words(rest) <= 3 and not is_title_like(rest) and not re.search(r"[.!?]", rest):
                h.consumed.add(i)  # "2021-05-05 | Politics": the date and the section filed under
                anchor = anchor if anchor is not None or not cands else i
                mark = i if mark is None else mark
            elif (
                h.title is None
                and is_title_like(rest)
                and not is_name_like(rest)
                and not re.search(r"[a-z]{2}[.!?]\s+[A-Z]", rest)
            ):  # a caption's sentences
                h.title = rest  # "May 5, 2021 | Road talks resume"
                h.consumed.add(i)
            else:
                h.replaced[i] = rest
            prev = "date"
            continue
        m = _LABEL_DATE_TITLE.match(text)
        if (
            m
            and h.published is None
            and h.title is None
            and not is_body(text)
            and is_title_like(m["title"])
            and parse_date(m["d"])
        ):
            h.published, date_at, h.title = parse_date(m["d"]), i, m["title"]
            h.consumed.add(i)
            _furniture_above(units, head, i, cands, h)
            prev = "title"
            continue
        # "POLICY BRIEF No. 14 | March 2023" above the headline, or just below it
        below_title = bool(cands) and prev == "title"
        label_date = dated_label(text) if h.title is None and (not cands or below_title) else None
        if label_date and h.published is None:
            h.published, date_at = label_date, i
            h.consumed.add(i)
            if below_title:
                anchor = anchor if anchor is not None else i
                mark = i if mark is None else mark
            prev = "date"
            continue
        if is_body(text):
            break
        j = next((j for j in head if j > i), None)
        if (
            h.title is None
            and text.endswith(":")
            and 2 <= words(text.rstrip(" :")) <= 10  # (one word is a form's field: "Author :")
            and j is not None
            and is_title_like(units[j].text)
            and not is_body(units[j].text)
        ):  # "Valley Roads:" / "Old Routes and New Trade": a headline broken after its colon
            h.title = f"{text} {units[j].text}"
            h.consumed.update((i, j))
            joined.add(j)
            _furniture_above(units, head, i, cands, h)
            prev = "title"
            continue
        if _AUTHOR_LABEL.match(text) and j is not None and h.author is None:
            a = byline(f"By {units[j].text}")[1]  # "Author:" and the name on its own line
            if a:
                h.author = a
                h.consumed.update((i, j))
                joined.add(j)
                anchor = anchor if anchor is not None or not cands else i
                mark = i if mark is None else mark
                prev = "author"
                continue
        a, iso = name_and_date(text)
        if a and iso:
            h.author, h.published, date_at = h.author or a, h.published or iso, i
            h.consumed.add(i)
            anchor = anchor if anchor is not None or not cands else i
            mark = i if mark is None else mark
            prev = "author"
            continue
        t, a = byline(text)
        if a and (h.author is None or implicit):
            h.author, implicit = a, False
            h.title = h.title or t
            # "Policy brief, 14.09.2021 — by A and B": a date on the byline dates the article
            if h.published is None and t and DATE_RX.search(t):
                h.published, date_at = parse_date(t), i
                h.title = h.title if h.title != t else None
            h.consumed.add(i)
            anchor = anchor if anchor is not None or not cands else i
            mark = i if mark is None else mark
            prev = "author"
            continue
        # a line of capitalised words is a headline, not a name, when a "By" line follows
        by_below = any(_BYLINE.match(_clean_byline(units[j].text)) for j in head if i < j <= i + 3)
        at_top = prev is None and i == head[0] and i + 1 in head
        # a name alone above the first paragraph, with no headline in the excerpt, signs it
        opens_body = at_top and is_body(units[i + 1].text)
        # a desk's credit above the headline ("<site> Web Desk", then the headline)
        desk_first = at_top and credit(text) is not None and is_title_like(units[i + 1].text)
        if (
            h.author is None
            and (prev in ("date", "title") or opens_body or desk_first)
            and not by_below
            and (is_name_like(_ROLE_TAIL.sub("", text)) or credit(text))
        ):
            name = _ROLE_TAIL.sub("", text)  # "Lena March, Kabul correspondent"
            h.author, implicit = (
                normalise_author(name) if is_name_like(name) else credit(text),
                True,
            )
            h.consumed.add(i)
            anchor = anchor if anchor is not None or not cands else i
            mark = i if mark is None else mark
            prev = "author"
            continue
        nxt = next((units[j].text for j in head if j > i), "")
        short_title = (
            words(text) == 2
            and is_title_like(text + " x")
            and bool(byline(nxt)[1] or full_date(nxt)[0] or is_name_like(nxt))
        )
        above_byline = (
            bool(byline(nxt)[1] or name_and_date(nxt)[0])
            and is_title_like(text + " x")
            and not is_stamp(text)
        )
        m = _TITLE_FIELD.match(text)
        if m and h.title is None:  # "[Title] Road talks resume": the record says which line it is
            h.title = m["t"]
            h.consumed.add(i)
            _furniture_above(units, head, i, cands, h)
            prev = "title"
            continue
        if _FIELD.match(text) or _REPOST.match(text) or _SKIP_LINK.search(text):
            h.consumed.add(i)
            continue
        if is_caption(text, twins):
            continue  # a photo caption with its credit: article text, not the headline
        if (
            h.title is None
            and prev != "long"
            and (
                above_byline
                or (is_title_like(text) or short_title)
                and (by_below or not is_name_like(text))
            )
        ):
            cands.append(i)
            prev = "title"
            continue
        prev = "long" if words(text) > 6 else "text"
    above = [j for j in head if mark is not None and j < mark]
    if (
        h.title is None
        and above
        and above[-1] not in cands
        and above[-1] not in h.consumed
        and is_title_like(units[above[-1]].text)
        and not is_body(units[above[-1]].text)
        and not is_name_like(units[above[-1]].text)
    ):
        cands = sorted(
            cands + [above[-1]]
        )  # the line just above the date or byline heads the article
        anchor = mark
    if h.title is None and cands:
        at = _headline(units, cands, anchor)
        h.title = units[at].text
        h.consumed.add(at)
        _furniture_above(units, head, at, cands, h)
    return weekday_first, date_at


def _furniture_above(
    units: list[Unit], head: list[int], at: int, cands: list[int], h: Header
) -> None:
    """A site name, section label or ticker above the headline is page furniture."""
    h.consumed.update(
        j
        for j in head
        if j < at and units[j].label == TEXT and (words(units[j].text) <= 6 or j in cands)
    )


def _page_name(units: list[Unit], i: int) -> bool:
    """A short line with no text above it: the site's name rather than a headline."""
    return words(units[i].text) <= 4 and not any(u.label == TEXT for u in units[:i])


def is_dek(units: list[Unit], title: int, dek: int) -> bool:
    """True when the title-like line just below another is its standfirst or subtitle.

    The upper line is the headline unless it is the site's name, or it opens the page and
    the line below is longer (a banner or slogan above the headline).
    """
    if dek != title + 1 or _page_name(units, title):
        return False
    n, above = words(units[dek].text), words(units[title].text)
    if not any(u.label == TEXT for u in units[:title]):
        if _BANNER.search(units[title].text):  # "Site Name | Its Slogan" opening the page
            return False
        return n < above
    return n <= above or (n >= 10 and n >= above + 4)


def _headline(units: list[Unit], cands: list[int], anchor: int | None) -> int:
    """The headline among the title-like units of a head."""
    above = [c for c in cands if anchor is not None and c < anchor]
    if not above:  # the first, unless it is the site's name above another
        return cands[1] if len(cands) > 1 and _page_name(units, cands[0]) else cands[0]
    assert anchor is not None  # a candidate above it was found
    below = [c for c in cands if c > anchor]
    if (
        words(units[above[-1]].text) <= 3
        and below
        and below[0] <= anchor + 2
        and words(units[below[0]].text) >= 4
    ):
        return below[0]  # "Section / date / Headline": a short label stands above the date
    if len(above) >= 2 and is_dek(units, above[-2], above[-1]):
        return above[-2]
    return above[-1]


def _late_byline(units: list[Unit], head: list[int], h: Header) -> None:
    """A byline or date line just below the dek or lead photo caption still belongs to the head,
    and so do a byline inside the standfirst and a wire dateline opening the first paragraph."""
    if not head:
        return
    lead = [head[-1]] if units[head[-1]].label == TEXT and is_body(units[head[-1]].text) else []
    if h.author is None and lead:  # "... correspondent Lena March reports that ..."
        m = _DEK_BYLINE.search(units[lead[0]].text)
        if m and is_name_like(m["name"]):
            h.author = normalise_author(m["name"])
    after = [i for i in range(head[-1] + 1, len(units)) if units[i].label in (TEXT, PUBLISHED)][:5]
    bodies = 0
    for i in after:
        text = units[i].text
        if units[i].label == PUBLISHED:  # "Published on <date>" below the standfirst
            iso = labelled_iso(text)[0] or parse_date(text)
            if h.published is None and iso:
                h.published = iso
                h.consumed.add(i)
            continue
        if is_body(text):
            bodies += 1
            m = dateline(text)
            if h.published is None and m and parse_date(m["d"]) and bodies == 1:
                h.published = parse_date(
                    m["d"]
                )  # "Prague, 16 Aug 2000 (Wire) -- ..." below the dek
                h.replaced[i] = _place_kept(m, text[m.end() :])
            if bodies >= 2:
                break
            continue
        _, a = byline(text)
        a2, iso = name_and_date(text)
        iso = iso or (full_date(text)[0] if h.published is None else None)
        who = credit(text) if h.author is None else None
        if a or (a2 and iso):
            h.author = h.author or a or a2
            h.published = h.published or iso
            h.consumed.add(i)
        elif who:  # "Site Staff", "News Desk" standing alone below the dek
            h.author = who
            h.consumed.add(i)
        elif iso:
            h.published = iso
            h.consumed.add(i)
    if h.published and len(h.published) == 7:  # "date 2021-05" and "May 5 (Wire) --": the day
        for i in (lead + after)[:3]:
            m = _YEARLESS_DATELINE.match(units[i].text)
            day = parse_date(f"{m['m']} {m['d']}, {h.published[:4]}") if m else None
            if day and day.startswith(h.published):
                h.published = day
                break
