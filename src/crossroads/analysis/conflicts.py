"""Conflicts: where sources disagree with each other or with the pack's dated knowledge.

The world is open: neither a source nor the pack is complete, so silence denies nothing.
A conflict is a stated negation, an exclusive fact (a membership that ended, a post that
ended) or competing figures for the same measure. Four kinds, each shown with every side
and its sources:

- ``negation``: one source asserts a relation, another says it does not hold;
- ``pack``: the text asserts a relation for a date outside every pack period of that same
  relation (a country called a member years after the pack records its exit; for a post,
  the same role), or denies one the pack records for that date; documents that list other
  members but not this one are added as a further side;
- ``period``: one source dates the relation's end, a later one still reports it as holding
  (for a post, the same role);
- ``estimate``: competing figures (quantity, length, strength...) for the same measure of
  the same relation.

Dates are compared at the coarser precision (crossroads.dates): "2020" agrees with a period
that starts 2020-02-29.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from crossroads import dates
from crossroads.analysis.context import Citation, Context, pack_citation
from crossroads.analysis.facts import (
    MAX_EVIDENCE,
    FactKey,
    observed_on,
    pack_disagreement,
    stand_ins,
)
from crossroads.analysis.measures import MEASURED, measure, measures_relation
from crossroads.model import Evidence, Relation, fold
from crossroads.pack import Pack
from crossroads.store.base import Store
from crossroads.store.fact_summary import FactSummary

__all__ = ["Conflict", "Side", "conflicts"]

Readings = dict[FactKey, list[Relation]]
_NOT_FIGURES = {"role", "place", "resource", "unit"}
_NUMBER = re.compile(r"\d[\d,.]*")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@dataclass(frozen=True)
class Side:
    """One position in a conflict and what it rests on."""

    stance: str
    """'asserts', 'denies', 'pack', 'omits' (lists others, not this one), 'ended' or
    'estimate'."""
    summary: str
    sources: int
    evidence: tuple[Citation, ...]
    value: str | None = None
    """The figure, for an estimate."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "stance": self.stance,
            "summary": self.summary,
            "sources": self.sources,
            "value": self.value,
            "evidence": [c.to_dict() for c in self.evidence],
        }


@dataclass(frozen=True)
class Conflict:
    """A disagreement about one relation, with all sides."""

    kind: str
    subject: str
    subject_name: str
    predicate: str
    object: str | None
    object_name: str | None
    summary: str
    sides: tuple[Side, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "subject_name": self.subject_name,
            "predicate": self.predicate,
            "object": self.object,
            "object_name": self.object_name,
            "summary": self.summary,
            "sides": [s.to_dict() for s in self.sides],
        }


def _side(
    ctx: Context, stance: str, summary: str, readings: list[Relation], value: str | None = None
) -> Side:
    keys = {ctx.source_key(r.evidence.doc) for r in readings}
    spans = list(dict.fromkeys(r.evidence for r in readings))  # a sentence may hold several
    return Side(stance, summary, len(keys), tuple(ctx.cite(e) for e in spans[:MAX_EVIDENCE]), value)


def _summary_side(ctx: Context, stance: str, summary: str, s: FactSummary) -> Side:
    """_side() of every reading of a fact, from its summary: its independent sources and
    first sentences, without reading the readings."""
    cites = tuple(ctx.cite(Evidence(*e)) for e in s.evidence[:MAX_EVIDENCE])
    return Side(stance, summary, s.sources, cites)


def _label(ctx: Context, key: FactKey) -> str:
    s, p, o, res, _neg = key
    return f"{ctx.name(s)} {p} {ctx.name(o) or res or ''}".strip()


def _negations(
    ctx: Context, summaries: dict[FactKey, FactSummary], readings: Readings
) -> list[Conflict]:
    """Both polarities of a fact from two sources or more: a side with two sources says so
    itself (its summary is the side); else the readings are counted."""
    out = []
    for key, s in summaries.items():
        opposite = summaries.get(key[:4] + (True,))
        if key[4] or opposite is None:
            continue
        label = _label(ctx, key)
        if _summed(s, opposite):
            sides = (
                _summary_side(ctx, "asserts", label, s),
                _summary_side(ctx, "denies", f"NOT {label}", opposite),
            )
        else:
            pos, neg = readings.get(key, []), readings.get(opposite.key, [])
            if not pos or not neg:
                continue
            if len({ctx.source_key(r.evidence.doc) for r in pos + neg}) < 2:
                continue  # one source qualifying itself is not a disagreement
            sides = (_side(ctx, "asserts", label, pos), _side(ctx, "denies", f"NOT {label}", neg))
        out.append(
            Conflict(
                "negation",
                key[0],
                ctx.name(key[0]),
                key[1],
                key[2],
                ctx.name(key[2]),
                f"sources disagree whether {label}",
                sides,
            )
        )
    return out


def _summed(pos: FactSummary, neg: FactSummary) -> bool:
    """Whether a negation's sides are their summaries: two sources on one side already
    disagree with the other, whoever they are."""
    return pos.sources >= 2 or neg.sources >= 2


def _whole(ctx: Context, key: FactKey, s: FactSummary) -> bool:
    """Whether the pack contradicts every reading of a fact, as its summary shows: every
    (post, date) pair the readings state, and no reading without a date."""
    if s.undated != 0 or not s.dated:
        return False
    return len(pack_disagreement(ctx, key, stand_ins(s))[0]) == len(s.dated)


def _omissions(ctx: Context, key: FactKey, after: str | None) -> list[Side]:
    """Documents that list two or more others with this predicate and object, not the subject."""
    s, p, o, _res, _neg = key
    if o is None:
        return []
    listed: dict[str, set[str]] = {}  # who each document says is p o: no reading read yet
    for doc, subject in ctx.store.object_subjects(o, p):
        listed.setdefault(doc, set()).add(subject)
    if not any(s not in others and len(others) >= 2 for others in listed.values()):
        return []
    by_doc: dict[str, list[Relation]] = {}
    for r in ctx.relations(entity=o, predicate=p):
        if r.object == o and not r.negated:
            by_doc.setdefault(r.evidence.doc, []).append(r)
    # documents that list the same others take one side together (its sources count them)
    lists: dict[str, list[Relation]] = {}
    for doc, rels in by_doc.items():
        others = {r.subject for r in rels}
        published = ctx.published(doc)
        if s in others or len(others) < 2:
            continue
        if after and dates.is_partial_date(published) and dates.before(published, after):
            continue
        names = ", ".join(sorted(ctx.name(x) or x for x in others))
        lists.setdefault(f"lists {names} as {p} {ctx.name(o)}, without {ctx.name(s)}", []).extend(
            rels
        )
    ctx.prefetch(r.evidence for rels in lists.values() for r in rels[:MAX_EVIDENCE])
    return [_side(ctx, "omits", summary, rels) for summary, rels in lists.items()]


def _pack_conflicts(
    ctx: Context, summaries: dict[FactKey, FactSummary], readings: Readings
) -> list[Conflict]:
    out = []
    for key, summary in summaries.items():
        whole = _whole(ctx, key, summary)
        rels = stand_ins(summary) if whole else readings.get(key, [])
        bad, periods = pack_disagreement(ctx, key, rels)
        if not bad:
            continue
        label = _label(ctx, key)
        spans = "; ".join(f"{p.start or '?'}–{p.end or 'now'}" for p in periods)
        pack_side = Side(
            "pack",
            f"the pack records {label} for {spans}",
            0,
            tuple(
                pack_citation(f"{label} ({p.start or '?'}–{p.end or 'now'})", p.source)
                for p in periods
            ),
        )
        if key[4]:
            text = f"NOT {label}"
            sides: tuple[Side, ...] = (
                _summary_side(ctx, "denies", text, summary)
                if whole
                else _side(ctx, "denies", text, bad),
                pack_side,
            )
        else:
            latest = max((d for d in (observed_on(r, ctx) for r in bad) if d), key=dates.low)
            ends = sorted((p.end for p in periods if p.end), key=dates.high)
            text = f"{label} (as of {latest})"
            sides = (
                _summary_side(ctx, "asserts", text, summary)
                if whole
                else _side(ctx, "asserts", text, bad),
                pack_side,
                *_omissions(ctx, key, ends[-1] if ends else None),
            )
        out.append(
            Conflict(
                "pack",
                key[0],
                ctx.name(key[0]),
                key[1],
                key[2],
                ctx.name(key[2]),
                f"the text {'denies' if key[4] else 'asserts'} {label}, the pack says otherwise",
                sides,
            )
        )
    return out


def _role(r: Relation) -> str:
    return fold(str((r.qualifiers or {}).get("role") or ""))


def _periods(ctx: Context, readings: Readings) -> list[Conflict]:
    """A relation one source says ended, which a later source still reports: for a post,
    only when both name the same one."""
    out = []
    for key, rels in readings.items():
        if key[4]:
            continue
        for role in dict.fromkeys(_role(r) for r in rels if r.end):
            ended = [r for r in rels if r.end and _role(r) == role]
            last_end = max(
                (r.end for r in ended if dates.is_partial_date(r.end)), key=dates.high, default=None
            )
            if last_end is None:
                continue
            later = [
                r
                for r in rels
                if not r.end
                and _role(r) == role
                and dates.is_partial_date(d := ctx.published(r.evidence.doc))
                and dates.after(d, last_end)
            ]
            if not later or {ctx.source_key(r.evidence.doc) for r in later} <= {
                ctx.source_key(r.evidence.doc) for r in ended
            }:
                continue
            label = _label(ctx, key) + (f" ({role})" if role else "")
            out.append(
                Conflict(
                    "period",
                    key[0],
                    ctx.name(key[0]),
                    key[1],
                    key[2],
                    ctx.name(key[2]),
                    f"{label}: ended {last_end} by one account, still reported later",
                    (
                        _side(ctx, "ended", f"{label} until {last_end}", ended),
                        _side(ctx, "asserts", f"{label} (reported after {last_end})", later),
                    ),
                )
            )
    return out


def figure(value: object) -> float | None:
    """A number out of a figure as the text gives it ('over 10,000' -> 10000.0)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    m = _NUMBER.search(str(value))
    if not m:
        return None
    digits = m.group().rstrip(".,").replace(",", "")
    try:
        n = float(digits)
    except ValueError:
        return None
    rest = str(value)[m.end() :].lower().split()
    return n * _SCALE.get(rest[0], 1) if rest else n


def _has_figure(r: Relation) -> bool:
    return any(
        name not in _NOT_FIGURES and figure(value) is not None
        for name, value in (r.qualifiers or {}).items()
    )


def _measured(
    ctx: Context, rels: list[Relation], predicate: str
) -> dict[tuple[str, str], dict[float, list[Relation]]]:
    """{(qualifier, measured noun): {figure: [readings]}}: a figure the sentence ties to
    another noun than the relation's own is left out; figures of different nouns
    ("700 fighters", "300 families") are not compared."""
    found: dict[tuple[str, str], dict[float, list[Relation]]] = {}
    for r in rels:
        figures = [
            (name, value, n)
            for name, value in (r.qualifiers or {}).items()
            if name not in _NOT_FIGURES and (n := figure(value)) is not None
        ]
        if not figures:
            continue  # no figure: its sentence need not be read
        sentence = ctx.cite(r.evidence).text
        for name, value, n in figures:
            if not measures_relation(predicate, sentence, value):
                continue
            noun = "" if predicate in MEASURED else (measure(sentence, value) or "")
            found.setdefault((name, noun), {}).setdefault(n, []).append(r)
    for name in {k[0] for k in found}:
        nouns = [k for k in found if k[0] == name and k[1]]
        if (name, "") in found and len(nouns) == 1:  # an unnamed figure joins the only noun
            for n, rs in found.pop((name, "")).items():
                found[nouns[0]].setdefault(n, []).extend(rs)
    return found


def _estimates(ctx: Context, readings: Readings) -> list[Conflict]:
    out = []
    for key, rels in readings.items():
        if key[4]:
            continue
        for (name, _noun), values in _measured(ctx, rels, key[1]).items():
            if len(values) < 2:
                continue
            label = _label(ctx, key)
            sides = tuple(
                _side(
                    ctx,
                    "estimate",
                    f"{name} = {rs[0].qualifiers[name]}",
                    rs,
                    str(rs[0].qualifiers[name]),
                )
                for n, rs in sorted(values.items())
            )
            out.append(
                Conflict(
                    "estimate",
                    key[0],
                    ctx.name(key[0]),
                    key[1],
                    key[2],
                    ctx.name(key[2]),
                    f"competing figures for {label} ({name})",
                    sides,
                )
            )
    return out


def _may_conflict(s: FactSummary) -> bool:
    """Whether a positive fact's readings may hold a period or an estimate conflict."""
    if s.first_end and s.last_open and s.last_open > s.first_end:
        return True  # reported as holding after an end (ISO prefixes compare as text)
    return any(len(values) > 1 for values in s.figures.values())


def _candidate_readings(
    ctx: Context, entity: str | None
) -> tuple[dict[FactKey, FactSummary], Readings]:
    """(summaries of the facts that may be in conflict, the readings that must be read),
    chosen from the per-fact summaries (crossroads.store.fact_summary) so the others are
    never read: both polarities of a fact (read unless a side has two sources); a fact the
    pack may deny on one of its dates (read unless it denies every reading); a fact reported
    after the earliest end a source gives it; a fact with two values of a qualifier that may
    hold a figure."""
    summaries = {s.key: s for s in ctx.store.fact_summaries(entity)}
    chosen: dict[FactKey, FactSummary] = {}
    wanted: set[FactKey] = set()
    for key, s in summaries.items():
        opposite = summaries.get(key[:4] + (not key[4],))
        may_pack = bool(pack_disagreement(ctx, key, stand_ins(s))[0])
        may_change = not key[4] and _may_conflict(s)
        if opposite is not None or may_pack or may_change:
            chosen[key] = s
        if opposite is not None:
            pos, neg = (opposite, s) if key[4] else (s, opposite)
            if not _summed(pos, neg):
                wanted.add(key)
        if may_change or (may_pack and not _whole(ctx, key, s)):
            wanted.add(key)
    found = ctx.store.fact_readings(wanted)
    return chosen, {k: found[k] for k in chosen if found.get(k)}


def conflicts(
    store: Store, pack: Pack | None = None, entity: str | None = None, ctx: Context | None = None
) -> list[Conflict]:
    """Every disagreement about relations of ``entity`` (or of the whole store)."""
    ctx = ctx or Context(store, pack)
    summaries, readings = _candidate_readings(ctx, entity)
    # documents, and the sentences a side cites or a figure is checked in, in a few queries
    ctx.docs.load(r.evidence.doc for rs in readings.values() for r in rs)
    ctx.prefetch(
        [Evidence(*e) for s in summaries.values() for e in s.evidence[:MAX_EVIDENCE]]
        + [
            e
            for rs in readings.values()
            for e in dict.fromkeys(
                [r.evidence for r in rs[:MAX_EVIDENCE]] + [r.evidence for r in rs if _has_figure(r)]
            )
        ]
    )
    found = (
        _negations(ctx, summaries, readings)
        + _pack_conflicts(ctx, summaries, readings)
        + _periods(ctx, readings)
        + _estimates(ctx, readings)
    )
    order = {"pack": 0, "negation": 1, "period": 2, "estimate": 3}
    found.sort(key=lambda c: (order[c.kind], c.subject_name, c.predicate, c.object_name or ""))
    return found
