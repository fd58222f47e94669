"""Learned event reading: the rules and the lexicons propose events (a trigger word, its
participants, a date); a linear model decides which of them the text reports.

Labels are clean: a proposal is positive when it matches a gold event as the scorer matches
(same type, a participant shared, the date agreeing at the gold's precision). Re-typing a
proposal was measured and lost (cross-validated F1 0.53-0.62 against 0.62 for keeping the
type), so the model only keeps or drops; the lexicon words the rules set aside are weighed
by the same model at a stricter threshold. A second model dates what is kept: it weighs
every date the article states and the publication date, learnt from the gold events the
proposal's type and participants match (the dateline or the paragraph's date often dates a
sentence that states none).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from crossroads import settings
from crossroads.extraction.events import read_events as rule_events
from crossroads.learn.annotated import Gold
from crossroads.learn.event_features import Proposal, proposals
from crossroads.learn.linear import LinearModel, Meta
from crossroads.model import Event

__all__ = [
    "DATES",
    "EVENTS",
    "EventReader",
    "GoldIds",
    "date_rows",
    "decide",
    "fit_dates",
    "fit_events",
    "gold_dates",
    "matches",
    "proposals",
]

EVENTS = "events.npz"
DATES = "event_dates.npz"
C = 0.3
"""Inverse L2 strength (cross-validated: 0.3 over 0.1 and 1.0)."""
THRESHOLD = 0.3
"""Probability a rule's event needs to be kept (cross-validated over 0.0-0.5). A threshold of
each type's own, chosen out of fold from 0.2-0.5 as relations choose theirs, lost (events
0.6739 -> 0.6651 over three fold draws: too few gold events of most types to choose by)."""
UNSEEN_MARGIN = 0.2
"""How far below THRESHOLD a rule's event is still kept when reading. THRESHOLD is chosen on
out-of-fold scores of the annotated articles, whose event types the lexicons and the rules were
written for (4 of their 421 gold events are coercions, 3 protests; new articles bring many):
on 288 real articles of six first-seen sets, never trained on, lowering it by 0.1 / 0.15 / 0.2
/ 0.25 read events 0.6206 -> 0.6236 / 0.6255 / 0.6286 / 0.6303 (by 0.2: up on six of nine
halves, the half never read 0.480 -> 0.520), and keeping every rule's event 0.6302."""
EXTRA_THRESHOLD = 0.6
"""Probability an event the rules did not read needs (cross-validated over 0.3-0.6)."""
DATE_C = 0.3
MARGIN = 0.2
"""How much likelier another date must be than the rules' date to replace it
(cross-validated over 0-0.3: 0.2 and 0.3 best, within 0.004 of each other and of 0)."""
GoldIds = Callable[[list[str]], set[int]]
"""Gold entity indices named by any of some names (``Annotated.ids``)."""


def matches(gold: Gold, ann_ids: GoldIds, ev: Event, ids: dict[str, set[int]]) -> bool:
    """Whether ``ev`` matches an event of ``gold`` (the scorer's rule)."""
    mine = {g for eid in (*ev.actors, *ev.targets) for g in ids.get(eid, ())}
    for g in gold.get("event", []):
        date = str(g.get("date") or "")
        if (
            g["type"] == ev.type
            and mine & ann_ids(g.get("participants", []))
            and (not date or str(ev.date or "").startswith(date))
        ):
            return True
    return False


def fit_events(
    rows: list[tuple[dict[str, float], bool]], meta: Meta | None = None
) -> LinearModel | None:
    """The model over proposal rows; None when the gold never or always matches (nothing to
    learn from: the rules' events then stand alone)."""
    from crossroads.learn.fit import fit

    if len({y for _, y in rows}) < 2:
        return None
    meta = {
        "threshold": THRESHOLD,
        "unseen_margin": UNSEEN_MARGIN,
        "extra_threshold": EXTRA_THRESHOLD,
        "c": C,
        **(meta or {}),
    }
    return fit([f for f, _ in rows], ["yes" if y else "no" for _, y in rows], c=C, meta=meta)


def gold_dates(gold: Gold, ann_ids: GoldIds, ev: Event, ids: dict[str, set[int]]) -> list[str]:
    """Dates of the gold events of ``ev``'s type that share a participant with it."""
    mine = {g for eid in (*ev.actors, *ev.targets) for g in ids.get(eid, ())}
    return [
        str(g.get("date") or "")
        for g in gold.get("event", [])
        if g["type"] == ev.type and mine & ann_ids(g.get("participants", []))
    ]


def date_rows(p: Proposal, dates: list[str]) -> list[tuple[dict[str, float], bool]]:
    """Rows of a proposal's candidate dates, labelled by agreeing with a gold date; none when
    no dated gold event fits or no candidate agrees (nothing to learn which date is right)."""
    dates = [d for d in dates if d]
    rows = [(f, any(iso.startswith(d) for d in dates)) for iso, f in p.dates]
    return rows if any(y for _, y in rows) else []


def fit_dates(
    rows: list[tuple[dict[str, float], bool]], meta: Meta | None = None
) -> LinearModel | None:
    from crossroads.learn.fit import fit

    if len({y for _, y in rows}) < 2:
        return None
    return fit(
        [f for f, _ in rows],
        ["yes" if y else "no" for _, y in rows],
        c=DATE_C,
        meta={"margin": MARGIN, "c": DATE_C, **(meta or {})},
    )


def _redate(p: Proposal, model: LinearModel) -> Event:
    """The proposal's event with the likeliest date, where it beats the rules' by the margin."""
    if not p.dates:
        return p.event
    probs = model.predict_proba([f for _, f in p.dates])[:, model.classes.index("yes")]
    k = int(probs.argmax())
    now = [q for (iso, _), q in zip(p.dates, probs, strict=True) if iso == p.event.date]
    if now and probs[k] <= now[0] + float(model.meta.get("margin", MARGIN)):
        return p.event
    return replace(p.event, date=p.dates[k][0])


def decide(
    doc: Doc,
    rules: list[Event],
    model: LinearModel,
    props: list[Proposal] | None = None,
    dates: LinearModel | None = None,
) -> list[Event]:
    """The proposals the model keeps, dated by the date model when there is one, in
    document order."""
    props = proposals(doc, rules) if props is None else props
    if not props:
        return []
    yes = model.classes.index("yes")
    probs = model.predict_proba([p.features for p in props])[:, yes]
    th = float(model.meta.get("threshold", THRESHOLD)) - float(model.meta.get("unseen_margin", 0))
    extra = float(model.meta.get("extra_threshold", EXTRA_THRESHOLD))
    kept = [p for p, q in zip(props, probs, strict=True) if q >= (th if p.rule else extra)]
    out = [_redate(p, dates) if dates is not None else p.event for p in kept]
    return sorted(out, key=lambda e: (e.evidence.doc, e.evidence.end))


class EventReader:
    """Callable Doc -> events: the model's verdict on every proposal. Without a model file
    (removed, or ``CROSSROADS_LEARNED=0``) the rules' events stand alone."""

    def __init__(self, folder: Path | None = None) -> None:
        from crossroads.learn.reader import MODELS, load_model

        use = settings.get("learned") not in ("0", "false", "no")
        where = str(folder or settings.get("models") or MODELS)
        self.model = load_model(where, EVENTS) if use else None
        self.dates = load_model(where, DATES) if use else None

    def __call__(self, doc: Doc) -> list[Event]:
        rules = rule_events(doc)
        if self.model is None:
            return rules
        return decide(doc, rules, self.model, dates=self.dates)
