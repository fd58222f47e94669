"""Event proposals and their features, read off a processed Doc.

A proposal is an event the rules read, or one a lexicon word would report that the rules'
filters set aside ("meet" with no one met, a verb without the object the rules ask for).
Each proposal also carries its candidate dates: every date the article states and its
publication date, with features of where each stands from the trigger.
The lexicons of ``events.toml`` are features here, not answers: the model learns from the
gold when a word's reading holds. Mentions are masked by type ("<Country>"), so it learns
how events are told, not which states tend to take part in them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from crossroads.dates import MONTHS
from crossroads.extraction.dates import resolve
from crossroads.extraction.events import event_at
from crossroads.extraction.patterns import lexicon
from crossroads.extraction.patterns.sentence import (
    DateRef,
    Sentence,
    dates_in,
    doc_text,
    named_ids,
    sentences,
)
from crossroads.extraction.quotes import cue_verbs
from crossroads.model import Event

__all__ = ["Proposal", "date_features", "event_features", "proposals"]

_CHILD_DEPS = {
    "dobj",
    "prep",
    "prt",
    "aux",
    "auxpass",
    "neg",
    "advmod",
    "nsubj",
    "nsubjpass",
    "agent",
    "xcomp",
    "ccomp",
    "amod",
    "compound",
    "poss",
}


@dataclass
class Proposal:
    """An event to weigh, with its features; ``rule`` when the rules read it."""

    event: Event
    features: dict[str, float]
    rule: bool
    dates: list[tuple[str, dict[str, float]]] = field(default_factory=list)
    """Candidate dates (ISO) with their features."""


@cache
def _lexicon() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Verb lemma -> event types, noun -> event types (a word may sit under two)."""
    lex = lexicon("events")
    verbs: dict[str, list[str]] = {}
    nouns: dict[str, list[str]] = {}
    for typ, words in lex["verbs"].items():
        for w in words:
            verbs.setdefault(w, []).append(typ)
    for typ, words in lex["nouns"].items():
        for w in words:
            nouns.setdefault(w, []).append(typ)
    return verbs, nouns


def lexicon_types(t: Token) -> list[str]:
    """The event types the lexicons give a word."""
    verbs, nouns = _lexicon()
    if t.pos_ == "VERB":
        return verbs.get(t.lemma_.lower(), [])
    if t.pos_ == "NOUN":
        return nouns.get(t.lower_) or nouns.get(t.lemma_.lower(), [])
    return []


def _word(s: Sentence, t: Token) -> str:
    m = s.at(t.i)
    return f"<{m.type}>" if m is not None else t.lemma_.lower()


def event_features(
    s: Sentence, t: Token, ev: Event, types: dict[str, str], sentence_types: set[str]
) -> dict[str, float]:
    """Sparse binary features of an event proposal at trigger ``t`` of sentence ``s``."""
    doc = s.doc
    lemma, typ = t.lemma_.lower(), ev.type
    f: dict[str, float] = {
        f"type={typ}": 1,
        f"trigger={lemma}": 1,
        f"trigger={lemma}|{typ}": 1,
        f"mode={ev.mode}": 1,
        f"pos={t.pos_}": 1,
        f"pos={t.pos_}|{typ}": 1,
        f"dep={t.dep_}": 1,
        f"tag={t.tag_}": 1,
    }
    verbs, nouns = _lexicon()
    lex = (
        (verbs.get(lemma, []) if t.pos_ == "VERB" else [])
        + nouns.get(t.lower_, [])
        + nouns.get(lemma, [])
    )
    for other in lex or ["none"]:
        f[f"lex={other}"] = 1
    if ev.negated:
        f["negated"] = 1
    prec = "none" if not ev.date else {4: "year", 7: "month"}.get(len(ev.date), "day")
    f[f"date={prec}"] = 1
    f[f"date={prec}|{typ}"] = 1
    pub = str(doc._.published or "")
    if not pub:
        f["no-published"] = 1
    elif ev.date and (pub.startswith(ev.date) or ev.date.startswith(pub[:10])):
        f["date=published"] = 1
    elif ev.date and ev.date[:4].isdigit() and pub[:4].isdigit():
        gap = int(pub[:4]) - int(ev.date[:4])
        f[f"date-gap={'0' if gap == 0 else '1' if gap == 1 else 'old' if gap > 1 else 'ahead'}"] = 1
    for role, ids in (("actor", ev.actors), ("target", ev.targets)):
        f[f"{role}s={min(len(ids), 3)}"] = 1
        for eid in ids:
            f[f"{role}={types.get(eid, '?')}"] = 1
            f[f"{role}={types.get(eid, '?')}|{typ}"] = 1
    if ev.place:
        f["place"] = 1
    for c in t.children:
        if c.dep_ in _CHILD_DEPS:
            f[f"child={c.dep_}:{_word(s, c)}"] = 1
            if c.dep_ in ("dobj", "prep"):
                f[f"child={c.dep_}:{_word(s, c)}|{typ}"] = 1
    f[f"head={t.head.lemma_.lower()}|{t.dep_}"] = 1
    # what the word's clause holds, by kind not by word: who or what is met, asked, sent
    for role, kind in _frame(s, t):
        f[f"frame={role}:{kind}"] = 1
        f[f"frame={role}:{kind}|{typ}"] = 1
        f[f"frame={role}:{kind}|{lemma}"] = 1
    for x in doc[max(s.span.start, t.i - 3) : t.i]:
        f[f"before={_word(s, x)}"] = 1
    for x in doc[t.i + 1 : min(s.span.end, t.i + 4)]:
        f[f"after={_word(s, x)}"] = 1
    for other in sentence_types - {typ}:
        f[f"sentence-type={other}"] = 1
    if any(x.text in ("“", '"', "”") for x in s.span):
        f["quoted"] = 1
    if s.span.start_char < 300:
        f["lead"] = 1
    for x in s.span:
        if x.pos_ in ("VERB", "NOUN") and not x.is_stop and s.at(x.i) is None:
            f[f"lemma={x.lemma_.lower()}"] = 1
    return f


def _kind(s: Sentence, t: Token) -> str:
    """A word as a slot filler: the type of the mention there, else its coarse part of speech."""
    m = s.at(t.i)
    return m.type if m is not None else "pron" if t.pos_ == "PRON" else t.pos_.lower()


def _frame(s: Sentence, t: Token) -> list[tuple[str, str]]:
    """The trigger's slots (subject, object, complement, 'with' phrase...) and what fills
    them; an empty frame says so. The model learns which triggers need which slots."""
    out = []
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "xcomp", "ccomp", "attr", "agent"):
            out.append((c.dep_, _kind(s, c)))
        elif c.dep_ == "prep":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            out.append((f"prep-{c.lower_}", _kind(s, objs[0]) if objs else "none"))
        elif c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" and t.tag_ == "VBN":
            out.append(("be", "vbn"))
    return out or [("none", "none")]


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6+"


def _precision(iso: str) -> str:
    return {4: "year", 7: "month"}.get(len(iso), "day")


YEARLESS_YEARS = 2
"""Years a yearless date is tried with (event CV: 1 0.6711, 2 0.6718, 3 0.6718; none 0.6676)."""


def yearless(doc: Doc, refs: list[DateRef]) -> list[DateRef]:
    """Day-and-month dates the article states without a year, which nothing else dates (a
    dateline's "May 4" on a page without a publication date), each dated by the two years
    the article names most: candidates the date model chooses between."""
    years = Counter(r.iso[:4] for r in refs if r.iso[:4].isdigit())
    top = [y for y, _ in years.most_common(YEARLESS_YEARS)]
    out = []
    for d in doc.spans.get("dates", []):
        if d._.iso is not None or not any(w.lower_.rstrip(".") in MONTHS for w in d):
            continue
        for y in top:
            if (iso := resolve(d.text, y)) is not None and len(iso) == 10:
                out.append(DateRef(d.start, d.end, iso))
    return out


def date_features(
    s: Sentence,
    t: Token,
    ev: Event,
    refs: list[DateRef],
    sent_index: dict[int, int],
    guessed: frozenset[DateRef] = frozenset(),
) -> list[tuple[str, dict[str, float]]]:
    """Each date of the article (its occurrence nearest the trigger) and the publication
    date, with where it stands: in the sentence, earlier in the paragraph, before or after,
    how far, at which precision, after which word ("in", "on", "since")."""
    doc = s.doc
    nearest: dict[str, tuple[int, DateRef, int]] = {}
    for k, r in enumerate(refs):
        dist = abs(r.start - t.i)
        if r.iso not in nearest or dist < nearest[r.iso][0]:
            nearest[r.iso] = (dist, r, k)
    pub = str(doc._.published or "")
    par = doc_text(doc).rfind("\n", 0, s.span.start_char) + 1
    mine = sent_index.get(s.span.start, 0)
    out = []
    for iso, (dist, r, k) in nearest.items():
        f: dict[str, float] = {}
        if s.span.start <= r.start < s.span.end:
            src = "sentence"
            f[f"tdist={_bucket(dist // 3)}"] = 1
            f[f"link={_link(t, doc[r.start : r.end].root)}"] = 1
        else:
            src = (
                "par-before"
                if par <= doc[r.start].idx and r.start < s.span.start
                else ("before" if r.start < t.i else "after")
            )
            f[f"sdist={_bucket(abs(sent_index.get(doc[r.start].sent.start, 0) - mine))}"] = 1
        prev = doc[r.start - 1].lower_ if r.start > 0 else ""
        f.update(
            {
                f"src={src}": 1,
                f"prec={_precision(iso)}": 1,
                f"prec={_precision(iso)}|src={src}": 1,
                f"prev={prev}": 1,
                f"prev={prev}|src={src}": 1,
                f"side={'before' if r.start < t.i else 'after'}": 1,
                f"tag={t.tag_}|src={src}": 1,
                f"mode={ev.mode}|src={src}": 1,
                f"type={ev.type}|src={src}": 1,
            }
        )
        if r in guessed:
            f["yearless"] = 1
            f[f"yearless|src={src}"] = 1
        if k == 0:
            f["first-date"] = 1
        if r.start < 40:
            f["top"] = 1
        if _precision(iso) == "day" and sent_index.get(doc[r.start].sent.start, 9) <= 2:
            f["lead-day"] = 1  # the day the article's first lines give: its news
        if iso == ev.date:
            f["rule-date"] = 1
        if pub and (pub.startswith(iso) or iso.startswith(pub[:10])):
            f["is-pub"] = 1
        if pub[:4].isdigit() and iso[:4].isdigit():
            gap = int(pub[:4]) - int(iso[:4])
            f[f"gap={'0' if gap == 0 else '1' if gap == 1 else 'old' if gap > 1 else 'ahead'}"] = 1
        out.append((iso, f))
    if pub and pub[:10] not in nearest:
        f = {
            "src=pub": 1,
            f"tag={t.tag_}|src=pub": 1,
            f"mode={ev.mode}|src=pub": 1,
            f"type={ev.type}|src=pub": 1,
            f"prec={_precision(pub[:10])}|src=pub": 1,
        }
        if ev.date == pub[:10]:
            f["rule-date"] = 1
        out.append((pub[:10], f))
    return out


def _link(t: Token, date: Token) -> str:
    """How a date in the trigger's sentence hangs on it in the parse: the steps up to the
    trigger, or "other" when another verb comes first ("the treaty, signed in 2001, was
    renewed on Monday": 2001 dates the signing, not the renewal)."""
    x = date
    for steps in range(1, 7):
        if x.head is x:
            return "none"
        x = x.head
        if x.i == t.i:
            return str(min(steps, 3))
        if x.pos_ in ("VERB", "AUX"):
            # "…, officials said on Monday": the date of the saying, not of what was said
            return "said" if x.lemma_.lower() in cue_verbs() else "other"
    return "far"


def _locate(sents: list[Sentence], ev: Event) -> tuple[Sentence | None, Token | None]:
    """The sentence that ends an event's evidence and its trigger word there."""
    at = max(ev.evidence.end - 1, ev.evidence.start)
    s = next((s for s in sents if s.span.start_char <= at < s.span.end_char), None)
    if s is None:
        return None, None
    return s, next((x for x in s.span if x.text == ev.trigger), s.span.root)


def proposals(doc: Doc, rules: list[Event]) -> list[Proposal]:
    """The rules' events, then each lexicon word's event the rules did not read."""
    sents = sentences(doc)
    types = {eid: e.type for eid, e in (doc._.entities or {}).items()}
    located = [(ev, *_locate(sents, ev)) for ev in rules]
    in_sentence: dict[int, set[str]] = {}
    read: set[tuple[int, str]] = set()
    for ev, s, t in located:
        if s is not None and t is not None:
            in_sentence.setdefault(s.span.start, set()).add(ev.type)
            read.add((t.i, ev.type))
    refs = dates_in(doc[:])
    guessed = frozenset(yearless(doc, refs))
    refs = sorted([*refs, *guessed], key=lambda r: (r.start, r.iso))
    sent_index = {x.span.start: k for k, x in enumerate(sents)}
    out = []
    for ev, s, t in located:
        if s is not None and t is not None:
            f = event_features(s, t, ev, types, in_sentence.get(s.span.start, set()))
            out.append(
                Proposal(
                    ev, {**f, "rule": 1}, True, date_features(s, t, ev, refs, sent_index, guessed)
                )
            )
    named = named_ids(doc)
    for s in sents:
        if not s.ments:
            continue
        for t in s.span:
            if s.at(t.i) is not None:
                continue
            for typ in lexicon_types(t):
                if (t.i, typ) in read or (new := event_at(s, t, typ, named)) is None:
                    continue
                f = event_features(s, t, new, types, in_sentence.get(s.span.start, set()))
                out.append(
                    Proposal(
                        new,
                        {**f, "extra": 1},
                        False,
                        date_features(s, t, new, refs, sent_index, guessed),
                    )
                )
    return out
