"""Learned event reading: the rules propose events (a trigger word, its participants, a
date); a linear model decides for each whether it is an event the text reports, and of
which PLOVER type.

Its labels are clean: a proposal is labelled with the type under which it matches a gold
event (participants shared, date agreeing), so the model learns which triggers, roles and
dates make a real event, not which countries tend to be in one.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from crossroads.extraction.patterns.sentence import Sentence, sentences
from crossroads.learn.features import rule_event_features
from crossroads.learn.linear import LinearModel
from crossroads.model import Event

__all__ = ["candidates", "decide"]


def _sentence(sents: list[Sentence], ev: Event) -> Sentence | None:
    at = max(ev.evidence.end - 1, ev.evidence.start)
    return next((s for s in sents if s.span.start_char <= at < s.span.end_char), None)


def candidates(doc: Doc, rules: list[Event]) -> list[tuple[Event, dict[str, float]]]:
    """Each rule reading with its features."""
    sents = sentences(doc)
    types = {eid: e.type for eid, e in (doc._.entities or {}).items()}
    out = []
    for ev in rules:
        s = _sentence(sents, ev)
        if s is not None:
            out.append((ev, rule_event_features(s, ev, types)))
    return out


def decide(doc: Doc, rules: list[Event], model: LinearModel, threshold: float) -> list[Event]:
    """The proposals the model keeps, each with the type it gives them."""
    cands = candidates(doc, rules)
    if not cands:
        return []
    probs = model.predict_proba([f for _, f in cands])
    none = model.classes.index("none")
    out = []
    for (ev, _), p in zip(cands, probs, strict=True):
        q = p.copy()
        q[none] = -1
        k = int(q.argmax())
        if p[k] >= threshold:
            out.append(replace(ev, type=model.classes[k]))
    return out
