"""Learned event reading: the rules and the lexicons propose events (a trigger word, its
participants, a date); a linear model decides which of them the text reports.

Labels are clean: a proposal is positive when it matches a gold event as the scorer matches
(same type, a participant shared, the date agreeing at the gold's precision). Re-typing a
proposal was measured and lost (cross-validated F1 0.53-0.62 against 0.62 for keeping the
type), so the model only keeps or drops; the lexicon words the rules set aside are weighed
by the same model at a stricter threshold.
"""
from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from crossroads import settings
from crossroads.extraction.events import read_events as rule_events
from crossroads.learn.event_features import Proposal, proposals
from crossroads.learn.linear import LinearModel
from crossroads.model import Event

__all__ = ["EVENTS", "EventReader", "decide", "fit_events", "matches", "proposals"]

EVENTS = "events.npz"
C = 0.3
"""Inverse L2 strength (cross-validated: 0.3 over 0.1 and 1.0)."""
THRESHOLD = 0.3
"""Probability a rule's event needs to be kept (cross-validated over 0.0-0.5)."""
EXTRA_THRESHOLD = 0.6
"""Probability an event the rules did not read needs (cross-validated over 0.3-0.6)."""


def matches(gold: dict, ann_ids, ev: Event, ids: dict[str, set[int]]) -> bool:
    """Whether ``ev`` matches an event of ``gold`` (the scorer's rule)."""
    mine = {g for eid in (*ev.actors, *ev.targets) for g in ids.get(eid, ())}
    for g in gold.get("event", []):
        date = str(g.get("date") or "")
        if g["type"] == ev.type and mine & ann_ids(g.get("participants", [])) and (
                not date or str(ev.date or "").startswith(date)):
            return True
    return False


def fit_events(rows: list[tuple[dict[str, float], bool]], meta: dict | None = None
               ) -> LinearModel | None:
    """The model over proposal rows; None when the gold never or always matches (nothing to
    learn from: the rules' events then stand alone)."""
    from crossroads.learn.fit import fit
    if len({y for _, y in rows}) < 2:
        return None
    meta = {"threshold": THRESHOLD, "extra_threshold": EXTRA_THRESHOLD, "c": C, **(meta or {})}
    return fit([f for f, _ in rows], ["yes" if y else "no" for _, y in rows], c=C, meta=meta)


def decide(doc: Doc, rules: list[Event], model: LinearModel,
           props: list[Proposal] | None = None) -> list[Event]:
    """The proposals the model keeps, in document order."""
    props = proposals(doc, rules) if props is None else props
    if not props:
        return []
    yes = model.classes.index("yes")
    probs = model.predict_proba([p.features for p in props])[:, yes]
    th = float(model.meta.get("threshold", THRESHOLD))
    extra = float(model.meta.get("extra_threshold", EXTRA_THRESHOLD))
    kept = [p.event for p, q in zip(props, probs, strict=True) if q >= (th if p.rule else extra)]
    return sorted(kept, key=lambda e: (e.evidence.doc, e.evidence.end))


class EventReader:
    """Callable Doc -> events: the model's verdict on every proposal. Without a model file
    (removed, or ``CROSSROADS_LEARNED=0``) the rules' events stand alone."""

    def __init__(self, folder: Path | None = None) -> None:
        from crossroads.learn.reader import MODELS, load_model
        use = settings.get("learned") not in ("0", "false", "no")
        self.model = load_model(str(folder or settings.get("models") or MODELS), EVENTS) \
            if use else None

    def __call__(self, doc: Doc) -> list[Event]:
        rules = rule_events(doc)
        if self.model is None:
            return rules
        return decide(doc, rules, self.model)
