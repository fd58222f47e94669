"""Candidate titles, dates and authors of an article head, each with general features.

The layout rules in metadata.py give one answer per field; here every plausible answer of
the head (and of the last lines, where a signature or a page stamp may stand) is proposed
with features that say nothing about any one site: where the line stands, its length and
case, what stands next to it, whether a label such as "By" or "Published" precedes it,
the date's precision, and whether the rules chose it (a mark the model does not learn from:
see metadata_model.learnable). metadata_model.py learns from the gold which candidate is right.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from crossroads.ingest.boilerplate import PUBLISHED, TEXT, Unit, is_body, words
from crossroads.ingest.metadata import (
    DATE_RX,
    SUMMARY_BULLET,
    Header,
    byline,
    caption_twins,
    credit,
    dateline,
    full_date,
    is_caption,
    is_name_like,
    is_stamp,
    is_title_like,
    labelled_iso,
    name_and_date,
    normalise_author,
    parse_date,
)

FIELDS = ("title", "published", "author")

_HEAD = 12  # text units read from the top
_TAIL = 3  # and from the bottom
_LABEL = re.compile(
    r"\b(published|posted|date|dated|updated|created|modified|by|on|since|in|until|from)\W*$",
    re.IGNORECASE,
)
_OPENS = re.compile(r"\W*(?:in|on|at|from|since|until|after|before|during|by)\s", re.IGNORECASE)
_SIGNATURE = re.compile(r"^(?P<name>[^,|]{3,40}?)\s*[,|/–—-]\s*(?P<org>[\w.&' -]{2,30})$")


@dataclass
class Candidate:
    """One possible value of a field (None: the article does not give it)."""

    value: str | None
    feats: dict[str, float] = field(default_factory=dict)
    unit: int | None = None


def norm(text: str) -> str:
    """The scorer's folding of a name or title: no accents, case, apostrophes or punctuation."""
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[’'`ʼ]s\b", "", s)
    s = re.sub(r"[’'`ʼ]", "", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _positions(units: list[Unit]) -> tuple[list[int], list[int]]:
    """Indices of the head's text units and of the last few, in page order."""
    text = [i for i, u in enumerate(units) if u.label in (TEXT, PUBLISHED) and u.text.strip()]
    head = text[:_HEAD]
    tail = [i for i in text[-_TAIL:] if i not in head]
    return head, tail


def _near(units: list[Unit], order: list[int], k: int, step: int) -> str:
    j = k + step
    return units[order[j]].text if 0 <= j < len(order) else ""


def _is_date_line(text: str) -> bool:
    return bool(text) and bool(full_date(text)[0] or labelled_iso(text)[0])


def _is_by_line(text: str) -> bool:
    return bool(text) and bool(byline(text)[1] or name_and_date(text)[0])


def title_candidates(units: list[Unit], h: Header, body: str) -> list[Candidate]:
    head, _ = _positions(units)
    lead = next((units[i].text for i in head if is_body(units[i].text)), "")
    lead_words = set(norm(lead).split())
    out = [Candidate(None, {"none": 1.0, "rules_none": float(h.title is None)})]
    twins = caption_twins([units[i].text for i in head])
    seen_title = False
    first_like = True
    for k, i in enumerate(head):
        text = units[i].text.strip()
        m = re.match(r"^(?:date\s+)?\d{4}-\d{2}-\d{2}\s+(?P<rest>.+)$", text, re.IGNORECASE)
        options = [(text, False)]
        if m:
            options.append((m["rest"], True))
        for value, after_date in options:
            n = words(value)
            if (
                not 2 <= n <= 40
                or len(value) > 300
                or value.endswith(":")
                or dateline(value)
                or is_stamp(value)
                or is_caption(value, twins)
                or SUMMARY_BULLET.match(value)
            ):
                continue  # (a line ending in a colon introduces what follows; a dateline; a
                # page's stamp; a photo's caption; a summary's bullet)
            like = is_title_like(value)
            f: dict[str, float] = {
                f"pos={min(k, 6)}": 1.0,
                f"words={_bucket(n, (3, 5, 10, 15, 25))}": 1.0,
                "title_like": float(like),
                "first_title_like": float(like and first_like),
                "name_like": float(is_name_like(value)),
                "body": float(is_body(value)),
                "end_stop": float(bool(re.search(r"[.,;:]$", value))),
                "question": float(value.endswith("?")),
                "sentence_inside": float(bool(re.search(r"\w[.!?]\s+[A-Z“\"']", value))),
                "upper": float(value.isupper()),
                "has_date": float(bool(DATE_RX.search(value))),
                "bar": float(bool(re.search(r"\s[|»›>]\s", value))),
                "bullet": float(bool(re.match(r"^[•·▪*\-–]\s", value))),
                "repeated": float(sum(units[j].text.strip() == text for j in head) > 1),
                "next_by": float(_is_by_line(_near(units, head, k, 1))),
                "next_date": float(_is_date_line(_near(units, head, k, 1))),
                "prev_date": float(_is_date_line(_near(units, head, k, -1))),
                "next_body": float(is_body(_near(units, head, k, 1))),
                "prev_none": float(k == 0),
                "after_date": float(after_date),
                "rules": float(h.title is not None and value == h.title.strip()),
            }
            cw = set(norm(value).split())
            if cw and lead_words and value != lead:
                f["lead_overlap"] = float(len(cw & lead_words) / len(cw) >= 0.5)
            caps = [w for w in value.split() if w[:1].isalpha()]
            if caps:
                f["caps_most"] = float(sum(w[:1].isupper() for w in caps) / len(caps) > 0.6)
            seen_title = seen_title or f["rules"] > 0
            first_like = first_like and not like
            out.append(Candidate(value, f, i))
    if h.title and not seen_title:
        out.append(Candidate(h.title.strip(), {"rules": 1.0, "rules_only": 1.0}))
    return out


def date_candidates(units: list[Unit], h: Header, body: str) -> list[Candidate]:
    head, tail = _positions(units)
    out = [
        Candidate(
            None,
            {
                "none": 1.0,
                "rules_none": float(h.published is None),
                "rules_page_date": float(h.page_date is not None),
            },
        )
    ]
    order = 0
    seen_rules = False
    for k, i in enumerate(head + tail):
        text = units[i].text
        found: list[tuple[str, int, int, re.Match[str] | None]] = []
        iso, at = labelled_iso(text)
        if iso:
            found.append((iso, 0, at, None))
        for hit in list(DATE_RX.finditer(text))[:4]:
            d = parse_date(hit.group(0))
            if d and not (iso and hit.start() < at):
                found.append((d, hit.start(), hit.end(), hit))
        for d, start, end, m in found:
            before = text[max(0, start - 30) : start]
            lab = _LABEL.search(before)
            f: dict[str, float] = {
                f"pos={min(k, 6)}" if i in head else "tail": 1.0,
                f"prec={len(d)}": 1.0,
                "labelled_iso": float(m is None),
                "at_start": float(start <= 3),
                "early": float(start <= 40),
                "whole_line": float(bool(full_date(text)[0])),
                "weekday": float(bool(m and m["weekday"])),
                "numeric": float(bool(m and m["num"])),
                "in_body": float(is_body(text)),
                f"unit_words={_bucket(words(text), (3, 6, 12, 30))}": 1.0,
                "first_date": float(order == 0),
                "page_date": float(d == h.page_date),
                "dash_after": float(bool(re.match(r"\s*(?:\([^()]{1,40}\))?\s*[–—-]", text[end:]))),
                "rules": float(d == h.published),
                f"words_after={_bucket(words(text[end:]), (0, 3, 8))}": 1.0,
                "sentence_opens": float(start > 3 and bool(_OPENS.match(text))),
            }
            if lab:
                f[f"label={lab.group(1).lower()}"] = 1.0
            if "updat" in before.lower() or "modif" in before.lower():
                f["updated"] = 1.0
            seen_rules = seen_rules or f["rules"] > 0
            order += 1
            out.append(Candidate(d, f, i))
    if h.published and not seen_rules:
        out.append(Candidate(h.published, {"rules": 1.0, "rules_only": 1.0}))
    return out


def author_candidates(units: list[Unit], h: Header, body: str) -> list[Candidate]:
    head, tail = _positions(units)
    out = [Candidate(None, {"none": 1.0, "rules_none": float(h.author is None)})]
    seen_rules = False
    for k, i in enumerate(head + tail):
        text = units[i].text.strip()
        if is_body(text) or words(text) > 16:
            continue
        found: list[tuple[str, str]] = []
        a = byline(text)[1]
        if a:
            found.append((a, "by_line"))
        a, _ = name_and_date(text)
        if a:
            found.append((a, "name_date"))
        if is_name_like(text):
            found.append((normalise_author(text) or text, "bare_name"))
        c = credit(text)
        if c:
            found.append((c, "credit"))
        m = _SIGNATURE.match(text)
        if m and is_name_like(m["name"]):
            found.append((normalise_author(m["name"]) or m["name"], "signature"))
        for value, kind in found:
            f: dict[str, float] = {
                f"pos={min(k, 6)}" if i in head else "tail": 1.0,
                f"kind={kind}": 1.0,
                "by_word": float(bool(re.match(r"^\W*(?:by|written by)\b", text, re.IGNORECASE))),
                "one_token": float(len(value.split()) == 1),
                "upper_source": float(text.isupper()),
                f"name_words={_bucket(len(value.split()), (1, 2, 3, 4))}": 1.0,
                "next_date": float(_is_date_line(_near(units, head + tail, k, 1))),
                "prev_date": float(_is_date_line(_near(units, head + tail, k, -1))),
                "rules": float(h.author is not None and norm(value) == norm(h.author)),
            }
            seen_rules = seen_rules or f["rules"] > 0
            out.append(Candidate(value, f, i))
    if h.author and not seen_rules:
        out.append(Candidate(h.author, {"rules": 1.0, "rules_only": 1.0}))
    return out


def candidates(
    units: list[Unit], h: Header, body: str, fields: tuple[str, ...] = FIELDS
) -> dict[str, list[Candidate]]:
    """The candidates of each field asked for, the 'not given' one first."""
    make = {"title": title_candidates, "published": date_candidates, "author": author_candidates}
    return {f: make[f](units, h, body) for f in fields}


def right(fieldname: str, value: str | None, gold: str) -> bool:
    """Whether a candidate is what the gold says, by the scorer's measure for that field."""
    if fieldname == "title":
        gw = set(norm(gold).split())
        if not gw:
            return value is None
        return value is not None and len(gw & set(norm(value).split())) / len(gw) >= 0.6
    if fieldname == "author":
        return norm(value or "") == norm(gold)
    return (value or "") == gold
