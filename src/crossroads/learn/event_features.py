"""Event proposals and their features, read off a processed Doc.

A proposal is an event the rules read, or one a lexicon word would report that the rules'
filters set aside ("meet" with no one met, a verb without the object the rules ask for).
The lexicons of ``events.toml`` are features here, not answers: the model learns from the
gold when a word's reading holds. Mentions are masked by type ("<Country>"), so it learns
how events are told, not which states tend to take part in them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from crossroads.extraction.events import event_at
from crossroads.extraction.patterns import lexicon
from crossroads.extraction.patterns.sentence import Sentence, named_ids, sentences
from crossroads.model import Event

__all__ = ["Proposal", "event_features", "proposals"]

_CHILD_DEPS = {"dobj", "prep", "prt", "aux", "auxpass", "neg", "advmod", "nsubj", "nsubjpass",
               "agent", "xcomp", "ccomp", "amod", "compound", "poss"}


@dataclass
class Proposal:
    """An event to weigh, with its features; ``rule`` when the rules read it."""
    event: Event
    features: dict[str, float]
    rule: bool


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


def event_features(s: Sentence, t: Token, ev: Event, types: dict[str, str],
                   sentence_types: set[str]) -> dict[str, float]:
    """Sparse binary features of an event proposal at trigger ``t`` of sentence ``s``."""
    doc = s.doc
    lemma, typ = t.lemma_.lower(), ev.type
    f: dict[str, float] = {f"type={typ}": 1, f"trigger={lemma}": 1, f"trigger={lemma}|{typ}": 1,
                           f"mode={ev.mode}": 1, f"pos={t.pos_}": 1, f"pos={t.pos_}|{typ}": 1,
                           f"dep={t.dep_}": 1, f"tag={t.tag_}": 1}
    verbs, nouns = _lexicon()
    lex = (verbs.get(lemma, []) if t.pos_ == "VERB" else []) + nouns.get(t.lower_, []) \
        + nouns.get(lemma, [])
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
    for x in doc[max(s.span.start, t.i - 3):t.i]:
        f[f"before={_word(s, x)}"] = 1
    for x in doc[t.i + 1:min(s.span.end, t.i + 4)]:
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


def _locate(sents: list[Sentence], ev: Event) -> tuple[Sentence | None, Token | None]:
    """The sentence that ends an event's evidence and its trigger word there."""
    at = max(ev.evidence.end - 1, ev.evidence.start)
    s = next((s for s in sents if s.span.start_char <= at < s.span.end_char), None)
    if s is None:
        return None, None
    return s, next((x for x in s.span if x.text == ev.trigger), s.span.root)


def proposals(doc, rules: list[Event]) -> list[Proposal]:
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
    out = []
    for ev, s, t in located:
        if s is not None and t is not None:
            f = event_features(s, t, ev, types, in_sentence.get(s.span.start, set()))
            out.append(Proposal(ev, {**f, "rule": 1}, True))
    named = named_ids(doc)
    for s in sents:
        if not s.ments:
            continue
        for t in s.span:
            if s.at(t.i) is not None:
                continue
            for typ in lexicon_types(t):
                if (t.i, typ) in read or (ev := event_at(s, t, typ, named)) is None:
                    continue
                f = event_features(s, t, ev, types, in_sentence.get(s.span.start, set()))
                out.append(Proposal(ev, {**f, "extra": 1}, False))
    return out
