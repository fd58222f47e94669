"""Page furniture in plain-text copies of web pages, found line by line.

Copies of web pages keep the site's menus, share buttons, comment forms, "Most Popular"
lists and teasers of other articles. These are told from article text by general
cues only: whole-line UI phrases in the vocabulary of many sites (WordPress themes, news
CMSs), trailing-section headings after which nothing is article text, photo credits,
and teaser blocks (short title lines beside truncated snippets or "3 hours ago" stamps).
Photo captions are article text and stay; the credit inside them goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TEXT, UI, CREDIT, TEASER, TAIL, END, PUBLISHED, BREADCRUMB = (
    "text",
    "ui",
    "credit",
    "teaser",
    "tail",
    "end",
    "published",
    "breadcrumb",
)

# Whole lines that are controls or labels of a page, never article text (compared folded).
UI_LINES = frozenset(
    """
connect with us|follow us|follow us on|find us on|stay connected|spread the love|share|share this|
share this article|share this story|share this post|share on|share via|sharing is caring|tweet|
print|print this|email|e-mail|comment|no comments|add comment|post comment|
submit|reply|cancel reply|search|menu|main menu|navigation|skip to content|skip to main content|
home|back to top|top|advertisement|advertisements|sponsored|sponsored content|ad|subscribe|
subscribe now|sign up|sign in|log in|login|register|newsletter|get our newsletter|
previous article|next article|previous post|next post|previous|next|older posts|newer posts|
tags|tagged|categories|category|filed under|topics|loading|load more|view all|see all|
show more|copy link|link copied|listen|listen to this article|save|bookmark|like this|
like|like loading|loading|close|open|accept|accept all|reject all|cookie settings|manage cookies|
closed for comments|comments are closed|facebook count|twitter share|rate this|rate this item|
rate this article|rate this story|accessibility links|breaking news|
""".replace("\n", "").split("|")
) - {""}

# Headings after which a page carries only its trailing furniture.
TAIL_HEADINGS = frozenset(
    """
leave a reply|leave a comment|leave a response|post a comment|join the discussion|
comments are closed|post disclaimer|disclaimer|most popular|most read|most viewed|
popular posts|popular|related|related post|related posts|related articles|related stories|
related news|related content|read also|see also|read next|up next|more from|more stories|
more news|you may also like|you might also like|recommended|recommended for you|in other media|
latest|latest news|latest posts|latest articles|recent posts|recent articles|trending|
trending now|editor's picks|editors picks|don't miss|dont miss|about the author|comments|
""".replace("\n", "").split("|")
) - {""}

END_LINES = frozenset(
    {
        "continue reading",
        "read more",
        "read the rest",
        "read full article",
        "read the full article",
        "read full story",
        "read the full story",
        "keep reading",
        "read on",
    }
)

SOCIAL = frozenset(
    """facebook twitter x linkedin whatsapp telegram pinterest reddit tumblr vk
email e-mail print messenger viber line skype pocket flipboard mix copy link share tweet
""".split()
)

CONTROLS = SOCIAL | frozenset(
    """decrease increase reset font text size larger smaller zoom a this page pdf download save
listen aloud audio dark light mode""".split()
)
"""Words of a page's reading controls: a line of nothing else is its toolbar ("Decrease Font
Size Increase Font Size Text Size Print This Page")."""

_UI_PREFIX = re.compile(
    r"^(your email address will not be published|required fields are marked|"
    r"please enter your (comment|name|email)|this site uses akismet|save my name, email|"
    r"notify me of (follow-up|new)|you must be logged in|(click|tap) to (share|print|email)|"
    r"share (on|this on|via) |follow (us )?on |subscribe to our|sign up for our|"
    r"copyright ?(©|\(c\)|\d{4})|© ?\d{4}|all rights reserved|disclaimer:|"
    r"the views expressed|views expressed (in|by)|opinions expressed in this|"
    r"we use cookies|this website uses cookies|by continuing to (use|browse)|"
    r"\d+ comments?$|comments? \(\d+\)$|updated:|last updated|\d+\s*min(ute)?s?\.? read$|"
    r"(tags|tagged|topics|filed under|categories|posted in)\s*:|"
    r"(also read|read also|read more|see also|related|recommended|must read|watch)\s*[:|»>-]\s*\S|"
    r"read\s*:\s*\S|"  # "READ: <another story's headline>"
    r"(enjoying|enjoyed|like|liked|love) this (article|story|post)\?|click here to (subscribe|support|read)|"
    r"support (our|independent) journalism|support us\b|"
    # a prompt to install the site's app or to be notified: "Get the latest updates as we post
    # them", "Keep up with the news by installing ..."
    r"get the latest (updates|news|headlines)\b|keep up with the news\b)",
    re.IGNORECASE,
)
# an advertising line that ends in a call to action: "... for road engineers - JOIN NOW"
_CALL_TO_ACTION = re.compile(
    r"\s[-–—|:]\s*(join now|join today|sign up now|subscribe now|register now|"
    r"apply now|learn more|find out more|shop now|download now)\s*!?$",
    re.IGNORECASE,
)
_TAIL_RAW = re.compile(
    r"^(share this|like this|comments?( \(\d+\))?|\d+ comments?|\d+ thoughts? on .*)\s*:?$",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"^(published|posted|first published|date)(\s+on)?\s*[:\-]?\s*(?P<rest>.*)$", re.IGNORECASE
)
_CREDIT = re.compile(
    r"^(\(?\s*(photo|image|picture|photograph|foto|illustration)s?(\s+credits?)?"
    r"\s*(by\b|:|©|-)|(credit|credits|courtesy|photo source)\s*:|©)",
    re.IGNORECASE,
)
_NAME_SLASH_AGENCY = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s*/\s*[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?$"
)
"""A photographer's credit on its own line: "<Name Surname>/<Agency>"."""
_BREADCRUMB = re.compile(r"^Home(\s*[»>/|›:\-]|(?=[A-Z]))")
_AGE = re.compile(
    r"^[\w&,' -]{0,30}?\d+\s*(sec|secs|seconds?|mins?|minutes?|hours?|hrs?|days?|"
    r"weeks?|months?)\s+ago$",
    re.IGNORECASE,
)
_BY = re.compile(r"^by\s", re.IGNORECASE)
_SNIPPET_END = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\])$")

_INLINE_CREDIT = [
    re.compile(
        r"\s*\((photo|image|picture|file photo|photograph)s?(\s+credits?)?\s*(by\b|:)[^()]*\)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\s*\b(editorial use only|for editorial use|no archive|no commercial use|no sales|"
        r"mandatory credit)\b[^.]*\.",
        re.IGNORECASE,
    ),
    re.compile(
        r"\s*\b(photo|photograph|image|picture)s?(\s+credits?)?\s*:\s*[^:]{1,80}$", re.IGNORECASE
    ),
    # "(AP Photo/<name>)", "(file photo)", "(Reuters photo)" closing a caption
    re.compile(
        r"\s*\((?:[^()]{0,40}\s)?(?:file\s+)?(?:photo|photograph)s?(?:\s*[/:][^()]{0,60})?\)\s*$",
        re.IGNORECASE,
    ),
    # "[Photo obtained by <name>]", "(Photo courtesy of <agency>)"; "<name>, file pic"
    re.compile(
        r"\s*[(\[](?:file\s+)?(?:photo|photograph|picture|image|pic)s?\b[^()\[\]]{0,80}[)\]]\s*$",
        re.IGNORECASE,
    ),
    re.compile(r",\s*file\s+(?:photo|picture|image|pic)s?\s*$", re.IGNORECASE),
    # "(By <name> -- <agency>)" after a caption
    re.compile(r"\s*\(By [A-Z][^()]{1,60}\)\s*$"),
    # "<who is in the photo> (<Agency> / <Photographer>)": the credit closing a caption
    re.compile(r"\s*\([A-Z][\w.&'’ -]{1,40}?\s/\s[A-Z][\w.'’ -]{1,40}\)\s*$"),
    # "... on Tuesday. AGENCY/AGENCY/NAME SURNAME": agencies and photographer in capitals
    re.compile(
        r"(?<=[.!?])\s+[A-Z][A-Z.&-]+(?:\s?/\s?[A-Z][A-Z.&'’-]*(?: [A-Z][A-Z.&'’-]+)*){1,3}\s*$"
    ),
    re.compile(
        r"(?<=[.!?])\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*)*(\s+/\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*)*)+$"
    ),
]


@dataclass
class Unit:
    """A paragraph unit and what kind of page part it is."""

    text: str
    label: str = TEXT


def fold(line: str) -> str:
    """A line folded for comparison with the phrase lists: lower case, no edge punctuation."""
    s = line.casefold().replace("’", "'")
    s = re.sub(r"^[\W_]+|[\W_]+$", "", s)
    return re.sub(r"\s+", " ", s)


def words(line: str) -> int:
    return len(line.split())


def is_body(line: str) -> bool:
    """A paragraph of running prose rather than a heading, label or teaser title."""
    n = words(line)
    return n >= 30 or (n >= 12 and bool(re.search(r"[.!?\"”’]$", line)))


def _label(line: str) -> str:
    f = fold(line)
    if f in END_LINES:
        return END
    if f in TAIL_HEADINGS or _TAIL_RAW.match(line) and (line.endswith(":") or f != "share this"):
        return TAIL
    if f in UI_LINES or (f and all(w in CONTROLS for w in f.split())):
        return UI
    if words(line) <= 40 and (
        _UI_PREFIX.match(line.strip("*•-–— ")) or _CALL_TO_ACTION.search(line)
    ):
        return UI
    m = _PUBLISHED.match(line)
    if m and words(line) <= 8 and (not m["rest"] or re.search(r"\d", m["rest"])):
        return PUBLISHED
    if (words(line) <= 15 and _CREDIT.match(line)) or _NAME_SLASH_AGENCY.match(line.strip()):
        return CREDIT
    if words(line) <= 20 and _BREADCRUMB.match(line) and not is_body(line):
        return BREADCRUMB
    if _AGE.match(line):
        return TEASER
    return TEXT


def _short_title(u: Unit) -> bool:
    return u.label == TEXT and words(u.text) <= 20 and not re.search(r"[.,;:]$", u.text)


def label_units(lines: list[str], menus: bool = True) -> list[Unit]:
    """Label every unit of a page; article text keeps the label 'text'.

    `menus=False` keeps runs of very short lines (list items of an HTML article, whose
    menus trafilatura has already removed).
    """
    out = [Unit(x, _label(x)) for x in lines]
    for i, u in enumerate(out):  # "on" left alone after "Published"
        if u.label == TEXT and fold(u.text) == "on" and i and out[i - 1].label == PUBLISHED:
            u.label = PUBLISHED
    # teaser snippets: truncated lines, but only where at least two stand close together
    snips = [
        i
        for i, u in enumerate(out)
        if u.label == TEXT
        and words(u.text) <= 60
        and _SNIPPET_END.search(u.text)
        and not is_body(u.text.rstrip(".… []"))
    ]
    ages = [i for i, u in enumerate(out) if u.label == TEASER]
    marks = sorted(set(snips) | set(ages))
    for i in marks:
        if any(0 < abs(i - j) <= 4 for j in marks):
            out[i].label = TEASER
    # an age stamp alone ("<agency> 15 hours ago" under the headline) dates the article; it
    # is no block of teasers that takes in the headline beside it
    lone = {i for i in ages if not any(0 < abs(i - j) <= 4 for j in marks)}
    changed = True
    while changed:  # a teaser block takes in the short title lines beside it
        changed = False
        for i, u in enumerate(out):
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(out) and j not in lone]
            if _short_title(u) and any(out[j].label == TEASER for j in near):
                u.label, changed = TEASER, True
    # menus: four or more lines of one to three words in a row (three of one or two words)
    i = 0
    while menus and i < len(out):
        j = i
        while (
            j < len(out)
            and out[j].label in (TEXT, UI)
            and words(out[j].text) <= 3
            and not re.search(r"[.!?]$", out[j].text)
            and not re.match(r"(?:https?://|www\.)\S", out[j].text)  # an address: a page's head
            and not _BY.match(out[j].text)
            and not (j + 1 < len(out) and _BY.match(out[j + 1].text))
        ):  # a headline
            j += 1
        if j - i >= 4 or (j - i == 3 and all(words(u.text) <= 2 for u in out[i:j])):
            for u in out[i:j]:
                u.label = UI
        i = max(j, i + 1)
    _trailing_headlines(out)
    _inline_teasers(out)
    return out


INLINE_BOX = frozenset({"read also", "also read", "see also"})
"""Headings of a box of links a site sets inside an article, the article going on below."""


def _inline_teasers(out: list[Unit]) -> None:
    """A "Read also" box inside the article: its heading and the one to three headline lines
    under it are teasers when a paragraph of prose follows them, so the article does not end
    at the box (it ends there when only page furniture follows)."""
    for i, u in enumerate(out):
        if u.label != TAIL or fold(u.text) not in INLINE_BOX:
            continue
        j = i + 1
        while j < len(out) and j - i <= 3 and _short_title(out[j]):
            j += 1
        if j > i + 1 and j < len(out) and out[j].label == TEXT and is_body(out[j].text):
            for k in range(i, j):
                out[k].label = TEASER


TRAILING_HEADLINES = 4
"""Short title lines in a row that end a page after its prose: other articles' headlines."""


def _trailing_headlines(out: list[Unit]) -> None:
    """Label as teasers the run of headline-like lines (three to twenty words, no closing
    full stop) that ends a page below its prose: a list of links to other articles."""
    run: list[Unit] = []
    for u in reversed(out):
        if u.label in (UI, TEASER):
            continue
        if _short_title(u) and words(u.text) >= 3 and not u.text.endswith(("!", '"', "”")):
            run.append(u)
            continue
        break
    body = any(u.label == TEXT and is_body(u.text) for u in out[: len(out) - len(run)])
    if len(run) >= TRAILING_HEADLINES and body:
        for u in run:
            u.label = TEASER


TAIL_AFTER_WORDS = 60
"""Prose words an article must have above a trailing-section heading for it to end there
(a "3 Comments" link beside the byline, under a one-paragraph dek, is no ending)."""


def cut_tail(units: list[Unit]) -> list[Unit]:
    """Units before the first trailing-section heading that follows the article's prose."""
    seen_body, prose = False, 0
    for i, u in enumerate(units):
        if u.label == TAIL and seen_body and prose >= TAIL_AFTER_WORDS:
            return units[:i]
        if u.label == TEXT:
            seen_body = seen_body or is_body(u.text)
            prose += words(u.text)
    return units


def clean_caption(text: str) -> str:
    """A paragraph with inline photo credits and wire-agency usage notices taken out."""
    for rx in _INLINE_CREDIT:
        text = rx.sub("", text)
    return text.strip()
