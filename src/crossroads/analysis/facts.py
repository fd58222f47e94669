"""Facts: relation readings from many documents (and the pack) merged into one statement each.

A reading is what one sentence says; a fact is every reading with the same ``fact_key``
(subject, predicate, object, resource, polarity) together, with the number of independent
sources behind it, when it was first and last reported, and an Admiralty credibility grade.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from crossroads import dates
from crossroads.analysis.context import Citation, Context, pack_citation
from crossroads.analysis.grading import CREDIBILITY, credibility
from crossroads.model import SYMMETRIC_PREDICATES, Evidence, Relation, fold, stable_id
from crossroads.pack import Pack, PackRelation, holds_on
from crossroads.store.base import Store
from crossroads.store.fact_summary import FactSummary

__all__ = [
    "Fact",
    "FactKey",
    "claims",
    "fact_groups",
    "facts",
    "holds_as_of",
    "observed_on",
    "pack_key",
]

MAX_EVIDENCE = 5
"""Sentences cited per fact: a fact read in thousands of documents shows its first five (and
says how many there are); its sources, dates and grade still count every reading."""
MAX_DOCUMENTS = 50
"""Document ids a fact lists in its JSON form (``document_count`` says how many)."""

FactKey = tuple[str, str, str | None, str | None, bool]
"""(subject, predicate, object, resource, negated): readings with one key are one fact."""


@dataclass(frozen=True)
class Fact:
    """One relation as all sources together state it."""

    id: str
    subject: str
    subject_name: str
    predicate: str
    object: str | None
    object_name: str | None
    negated: bool
    origin: str
    """'extract' (read from text), 'pack' (reference knowledge) or 'extract+pack' (both)."""
    sources: int
    """Independent documents stating it (near-duplicates and same-author page articles once)."""
    credibility: int
    """1 confirmed .. 5 improbable, 6 cannot be judged."""
    start: str | None = None
    end: str | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    attributed_to: tuple[str, ...] = ()
    """Who the text says asserts it, when not the article's own voice."""
    documents: tuple[str, ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None
    contradicted_by: int = 0
    """Independent sources stating the opposite."""
    evidence: tuple[Citation, ...] = ()
    evidence_total: int = 0
    """Distinct sentences stating it (``evidence`` holds the first MAX_EVIDENCE of them)."""
    best_grade: str | None = None
    """Best reliability grade among its documents (read from the per-fact summary: among
    its first MAX_DOCUMENTS documents)."""
    document_count: int = 0
    """Documents stating it (``documents`` may list only the first MAX_DOCUMENTS)."""

    @property
    def label(self) -> str:
        neg = "NOT " if self.negated else ""
        obj = self.object_name or (self.qualifiers or {}).get("resource") or ""
        return f"{self.subject_name} {neg}{self.predicate} {obj}".strip()

    @property
    def reliability(self) -> str:
        """Best Admiralty reliability grade (A-F) among the documents stating it; a fact
        only the pack holds rests on a reference source: B."""
        grades = [c.reliability for c in self.evidence if c.kind == "text" and c.reliability]
        if self.best_grade:
            grades.append(self.best_grade)
        if grades:
            return min(grades)
        return "B" if self.origin == "pack" else "F"

    @property
    def admiralty(self) -> str:
        """The two-character Admiralty code, e.g. 'F3' or 'B2'."""
        return f"{self.reliability}{self.credibility}"

    @property
    def past(self) -> bool:
        """Whether the relation ended before today."""
        return dates.is_partial_date(self.end) and dates.before(self.end, date.today().isoformat())

    @property
    def period(self) -> str:
        if not self.start and not self.end:
            return ""
        return f"{self.start or '?'}–{self.end or ''}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject,
            "subject_name": self.subject_name,
            "predicate": self.predicate,
            "object": self.object,
            "object_name": self.object_name,
            "negated": self.negated,
            "origin": self.origin,
            "start": self.start,
            "end": self.end,
            "qualifiers": dict(self.qualifiers),
            "attributed_to": list(self.attributed_to),
            "sources": self.sources,
            "documents": list(self.documents[:MAX_DOCUMENTS]),
            "document_count": max(len(self.documents), self.document_count),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "contradicted_by": self.contradicted_by,
            "credibility": self.credibility,
            "credibility_label": CREDIBILITY[self.credibility],
            "reliability": self.reliability,
            "admiralty": self.admiralty,
            "past": self.past,
            "label": self.label,
            "evidence": [c.to_dict() for c in self.evidence],
            "evidence_total": max(self.evidence_total, len(self.evidence)),
        }


def pack_key(rel: PackRelation) -> FactKey:
    """The fact_key a pack relation would have (pack relations are never negated)."""
    s, o = rel.subject, rel.object
    if rel.predicate in SYMMETRIC_PREDICATES and o is not None and o < s:
        s, o = o, s
    res = (rel.qualifiers or {}).get("resource") if o is None else None
    return (s, rel.predicate, o, res, False)


def observed_on(reading: Relation, ctx: Context) -> str | None:
    """The latest date a reading says the relation held: its end when it has one, else its
    document's date (what "is a member since 2002" asserts for the day it was written),
    else its start."""
    return reading.end or ctx.published(reading.evidence.doc) or reading.start


def holds_as_of(reading: Relation, as_of: str, ctx: Context) -> bool:
    """Whether a reading says the relation held on ``as_of``. A reading the text does not
    date is taken to hold in its document's publication year."""
    if reading.start or reading.end:
        return holds_on(reading.start, reading.end, as_of)
    published = ctx.published(reading.evidence.doc)
    return dates.is_partial_date(published) and dates.same(dates.cut(published, 1), as_of)


def check_date(value: str | None, name: str = "as_of") -> str | None:
    """An ISO date (YYYY, YYYY-MM, YYYY-MM-DD) or ValueError naming the parameter."""
    return dates.check_date(value, name)


def _pack_relations(
    pack: Pack | None, entity: str | None, predicate: str | None, as_of: str | None
) -> list[PackRelation]:
    if pack is None:
        return []
    if entity is not None:
        return pack.relations_of(entity, predicate, as_of)
    return [
        r
        for r in pack.relations
        if (predicate is None or r.predicate == predicate)
        and (as_of is None or holds_on(r.start, r.end, as_of))
    ]


def fact_groups(
    ctx: Context, entity: str | None = None, predicate: str | None = None, as_of: str | None = None
) -> tuple[dict[FactKey, list[Relation]], dict[FactKey, list[PackRelation]]]:
    """Readings and pack relations grouped by fact key: ({key: [Relation]}, {key: [PackRelation]})."""
    readings: dict[FactKey, list[Relation]] = {}
    for r in ctx.relations(entity=entity, predicate=predicate):
        if entity is not None and entity not in (r.subject, r.object):
            continue  # a claim the entity only voices is not a fact about it
        if as_of is not None and not holds_as_of(r, as_of, ctx):
            continue
        readings.setdefault(r.fact_key, []).append(r)
    packed: dict[FactKey, list[PackRelation]] = {}
    for p in _pack_relations(ctx.pack, entity, predicate, as_of):
        packed.setdefault(pack_key(p), []).append(p)
    return readings, packed


def _pack_periods(ctx: Context, key: FactKey) -> list[PackRelation]:
    """Every pack relation for the key's subject/predicate/object, whatever its dates."""
    if ctx.pack is None:
        return []
    s, p, o, _res, _neg = key
    return [r for r in ctx.pack.relations_of(s, p) if pack_key(r)[:3] == (s, p, o)]


def _role(qualifiers: dict[str, Any] | None) -> str:
    return _folded(str((qualifiers or {}).get("role") or ""))


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """fold() of the few distinct roles, computed once each (it is asked per reading)."""
    return fold(text)


def _same_post(period: PackRelation, reading: Relation, strict: bool = False) -> bool:
    """Whether a pack period speaks of what a reading says. A period that names no post
    (a membership) is the whole relation. One that names a post agrees with a reading of
    the same post or of none; it can deny (``strict``) only a reading of that same post:
    one post that ended is not every post."""
    pack_role, text_role = _role(period.qualifiers), _role(reading.qualifiers)
    if not pack_role:
        return True
    return pack_role == text_role if strict else text_role in ("", pack_role)


def pack_disagreement(
    ctx: Context, key: FactKey, readings: list[Relation]
) -> tuple[list[Relation], list[PackRelation]]:
    """The readings the pack contradicts, and the pack periods that contradict them.

    The pack is not complete: what it does not record, it does not deny. It contradicts a
    negated reading when it records the relation on the reading's date, and a positive
    reading only when it records the same relation (for a post, the same role) and every
    such period misses the reading's date: after the relation ended, before it began.
    Each reading is judged on its own date.
    Dates are compared at the coarser precision: "2020" is within a period from 2020-02-29."""
    periods = _pack_periods(ctx, key)
    if not periods:
        return [], []
    dated = _dated(ctx, readings)
    if not dated:
        return [], []
    # a reading is judged by its post and its date alone: judge each such pair once
    judged: dict[tuple[str, str], list[PackRelation]] = {}
    bad: list[Relation] = []
    against: dict[int, PackRelation] = {}
    for r, d in dated:
        sig = (_role(r.qualifiers), d)
        if sig not in judged:
            if key[4]:
                judged[sig] = [p for p in periods if _same_post(p, r) and _covers(p, d)]
            elif any(_covers(p, d) for p in periods if _same_post(p, r)):
                judged[sig] = []
            else:
                judged[sig] = [p for p in periods if _same_post(p, r, strict=True)]
        if judged[sig]:
            bad.append(r)
            against.update((id(p), p) for p in judged[sig])
    return bad, list(against.values())


def _dated(ctx: Context, readings: list[Relation]) -> list[tuple[Relation, str]]:
    """(reading, the date it says the relation held) for the readings with a date."""
    return [(r, d) for r in readings if (d := observed_on(r, ctx)) and _is_date(d)]


@lru_cache(maxsize=65536)
def _is_date(value: str) -> bool:
    return dates.is_partial_date(value)


@lru_cache(maxsize=65536)
def _holds(start: str | None, end: str | None, day: str) -> bool:
    return holds_on(start, end, day)


def _covers(period: PackRelation, day: str) -> bool:
    return _holds(period.start, period.end, day)


def pack_verdict(ctx: Context, key: FactKey, readings: list[Relation]) -> tuple[bool, bool]:
    """(pack confirms, pack contradicts) for text readings of one fact key: confirmed when a
    pack period of the same relation covers a reading's date (or the readings are undated);
    contradicted when none is covered and ``pack_disagreement`` finds a reading it denies."""
    periods = _pack_periods(ctx, key)
    if not periods:
        return False, False
    contradicted = bool(pack_disagreement(ctx, key, readings)[0])
    if key[4]:
        return False, contradicted
    dated = _dated(ctx, readings)
    if not dated:
        return True, False
    seen = {(_role(r.qualifiers), d): r for r, d in dated}  # one reading per post and date
    covered = any(
        _covers(p, d) for (_role_, d), r in seen.items() for p in periods if _same_post(p, r)
    )
    return covered, contradicted and not covered


def _pack_citations(ctx: Context, packed: list[PackRelation]) -> list[Citation]:
    """The pack relations of a fact as citations of the reference knowledge."""
    return [
        pack_citation(
            f"{ctx.name(q.subject)} {q.predicate} {ctx.name(q.object) or ''}"
            + (f" ({q.start or '?'}–{q.end or ''})" if q.start or q.end else ""),
            q.source,
        )
        for q in packed
    ]


def build_fact(
    ctx: Context,
    key: FactKey,
    readings: list[Relation],
    packed: list[PackRelation],
    against: list[Relation],
    cite: bool = True,
) -> Fact:
    """One Fact from its readings, the pack relations with its key and the opposite readings;
    ``cite=False`` leaves its evidence out (a graph needs only the counts)."""
    s, p, o, res, negated = key
    support_keys = {ctx.source_key(d) for d in dict.fromkeys(r.evidence.doc for r in readings)}
    against_keys = {ctx.source_key(d) for d in dict.fromkeys(r.evidence.doc for r in against)}
    confirms, contradicts = pack_verdict(ctx, key, readings) if readings else (bool(packed), False)
    grade = credibility(len(support_keys), len(against_keys), confirms, contradicts)
    docs = list(dict.fromkeys(r.evidence.doc for r in readings))
    dates = sorted(d for d in (ctx.published(d) for d in docs) if d)
    starts = sorted(x for x in [r.start for r in readings] + [q.start for q in packed] if x)
    ends = sorted(x for x in [r.end for r in readings] + [q.end for q in packed] if x)
    quals: dict[str, Any] = {}
    for q in packed:
        quals.update(q.qualifiers or {})
    for r in readings:
        quals.update({k: v for k, v in (r.qualifiers or {}).items() if v not in (None, "")})
    if res and "resource" not in quals:
        quals["resource"] = res
    spans = list(dict.fromkeys(r.evidence for r in readings))
    cited = spans[:MAX_EVIDENCE] if cite else []
    ctx.prefetch(cited)
    evidence = [ctx.cite(e) for e in cited]
    best = min((g for g in (ctx.grade(i) for i in docs) if g), default=None)
    evidence += _pack_citations(ctx, packed) if cite else []
    origin = "+".join(x for x, on in (("extract", readings), ("pack", packed)) if on)
    attributed = tuple(dict.fromkeys(r.attributed_to for r in readings if r.attributed_to))
    open_ended = any(not q.end for q in packed) if packed else False
    return Fact(
        id=stable_id("f", origin, *[x or "" for x in key]),
        subject=s,
        subject_name=ctx.name(s) or s,
        predicate=p,
        object=o,
        object_name=ctx.name(o),
        negated=negated,
        origin=origin,
        sources=len(support_keys),
        credibility=grade,
        start=starts[0] if starts else None,
        end=None if open_ended or not ends else ends[-1],
        qualifiers=quals,
        attributed_to=attributed,
        documents=tuple(docs),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        contradicted_by=len(against_keys),
        evidence=tuple(evidence),
        evidence_total=len(spans),
        best_grade=best,
    )


def facts(
    store: Store,
    entity: str | None = None,
    predicate: str | None = None,
    as_of: str | None = None,
    pack: Pack | None = None,
    ctx: Context | None = None,
    cite: bool = True,
) -> list[Fact]:
    """Every fact about ``entity`` (or all facts), optionally of one predicate and holding on
    ``as_of``; text readings and pack relations with the same key merge into one fact.
    Sorted best supported first. ``cite=False``: without evidence sentences."""
    check_date(as_of)
    ctx = ctx or Context(store, pack)
    if as_of is None:
        return summary_facts(ctx, entity, predicate, cite)
    return regrouped_facts(ctx, entity, predicate, as_of, cite)


def regrouped_facts(
    ctx: Context,
    entity: str | None = None,
    predicate: str | None = None,
    as_of: str | None = None,
    cite: bool = True,
) -> list[Fact]:
    """facts() by grouping every reading (what ``as_of`` needs: it keeps or drops each
    reading by its own dates); the reference the summaries are tested against."""
    readings, packed = fact_groups(ctx, entity, predicate, as_of)
    # every document and cited sentence in a few queries, not one query each
    if cite:
        ctx.prefetch(
            e
            for rs in readings.values()
            for e in list(dict.fromkeys(r.evidence for r in rs))[:MAX_EVIDENCE]
        )
    ctx.docs.load(r.evidence.doc for rs in readings.values() for r in rs)
    ctx.load_entities(
        x for rs in readings.values() for r in rs for x in (r.subject, r.object, r.attributed_to)
    )
    out = []
    for key in list(readings) + [k for k in packed if k not in readings]:
        opposite = key[:4] + (not key[4],)
        texts, known, against = (
            readings.get(key, []),
            packed.get(key, []),
            readings.get(opposite, []),
        )
        if texts and known and pack_verdict(ctx, key, texts)[1]:
            # the text claims it for a time the pack excludes: two facts, not one
            out.append(build_fact(ctx, key, texts, [], against, cite))
            out.append(build_fact(ctx, key, [], known, against, cite))
        else:
            out.append(build_fact(ctx, key, texts, known, against, cite))
    out.sort(
        key=lambda f: (f.credibility, -f.sources, f.predicate, f.subject_name, f.object_name or "")
    )
    return out


def claims(
    store: Store, speaker: str, pack: Pack | None = None, ctx: Context | None = None
) -> list[Fact]:
    """Relations the text puts in ``speaker``'s mouth ("according to X", "X claimed"), one
    fact per claim with the sources that report it."""
    ctx = ctx or Context(store, pack)
    grouped: dict[FactKey, list[Relation]] = {}
    for r in ctx.store.attributed_relations(speaker):  # by index, not every reading of theirs
        grouped.setdefault(r.fact_key, []).append(r)
    out = [build_fact(ctx, key, rels, [], []) for key, rels in grouped.items()]
    out.sort(key=lambda f: (f.first_seen or "", f.label))
    return out


# -- facts from the per-fact summaries kept at ingest (crossroads.store.fact_summary) --------


def stand_ins(s: FactSummary) -> list[Relation]:
    """Readings that stand for a summary where only their post and date matter (the pack's
    verdict): one per distinct (post, date) pair, or one undated when none is dated."""
    ev = Evidence("", 0, 0)

    def one(role: str, day: str) -> Relation:
        quals = {"role": role} if role else {}
        return Relation(s.subject, s.predicate, s.object, ev, end=day, qualifiers=quals)

    return [one(role, day) for role, day in s.dated] or [one("", "?")]


def summary_fact(
    ctx: Context,
    key: FactKey,
    s: FactSummary | None,
    packed: list[PackRelation],
    against: FactSummary | None,
    cite: bool = True,
) -> Fact:
    """build_fact() from a summary row: the same fact, without reading its readings."""
    subj, p, o, res, negated = key
    confirms, contradicts = pack_verdict(ctx, key, stand_ins(s)) if s else (bool(packed), False)
    support = s.sources if s else 0
    opposed = against.sources if against else 0
    grade = credibility(support, opposed, confirms, contradicts)
    starts = sorted(x for x in [s.start if s else None] + [q.start for q in packed] if x)
    ends = sorted(x for x in [s.end if s else None] + [q.end for q in packed] if x)
    quals: dict[str, Any] = {}
    for q in packed:
        quals.update(q.qualifiers or {})
    if s:
        quals.update(s.qualifiers)
    if res and "resource" not in quals:
        quals["resource"] = res
    cited = [Evidence(*e) for e in s.evidence] if s and cite else []
    evidence = [ctx.cite(e) for e in cited]
    docs = tuple(s.docs) if s else ()
    best = min((g for g in (ctx.grade(i) for i in docs) if g), default=None)
    evidence += _pack_citations(ctx, packed) if cite else []
    origin = "+".join(x for x, on in (("extract", s), ("pack", packed)) if on)
    open_ended = any(not q.end for q in packed) if packed else False
    return Fact(
        id=stable_id("f", origin, *[x or "" for x in key]),
        subject=subj,
        subject_name=ctx.name(subj) or subj,
        predicate=p,
        object=o,
        object_name=ctx.name(o),
        negated=negated,
        origin=origin,
        sources=support,
        credibility=grade,
        start=starts[0] if starts else None,
        end=None if open_ended or not ends else ends[-1],
        qualifiers=quals,
        attributed_to=tuple(s.attributed) if s else (),
        documents=docs,
        first_seen=s.first_seen if s else None,
        last_seen=s.last_seen if s else None,
        contradicted_by=opposed,
        evidence=tuple(evidence),
        evidence_total=s.spans if s else 0,
        best_grade=best,
        document_count=s.documents if s else 0,
    )


def summary_facts(
    ctx: Context,
    entity: str | None = None,
    predicate: str | None = None,
    cite: bool = True,
    summaries: list[FactSummary] | None = None,
) -> list[Fact]:
    """facts() from the summaries ingest keeps: one row per fact, whatever the number of
    readings behind it. ``sources`` is the summary's (see crossroads.store.fact_summary for
    the one case where it counts more than a regroup of every reading would). ``summaries``:
    the entity's rows when the caller read them already (with other entities')."""
    if summaries is None:
        summaries = ctx.summaries(entity, predicate)
    rows = {s.key: s for s in summaries}
    packed: dict[FactKey, list[PackRelation]] = {}
    for p in _pack_relations(ctx.pack, entity, predicate, None):
        packed.setdefault(pack_key(p), []).append(p)
    if cite:
        ctx.prefetch(Evidence(*e) for s in rows.values() for e in s.evidence)
    ctx.docs.load(d for s in rows.values() for d in s.docs)
    ctx.load_entities(  # every name the page shows, the pack's too, in one query
        [x for s in rows.values() for x in (s.subject, s.object, *s.attributed)]
        + [x for ps in packed.values() for p in ps for x in (p.subject, p.object)]
    )
    out = []
    for key in list(rows) + [k for k in packed if k not in rows]:
        s, known = rows.get(key), packed.get(key, [])
        against = rows.get(key[:4] + (not key[4],))
        if s and known and pack_verdict(ctx, key, stand_ins(s))[1]:
            out.append(summary_fact(ctx, key, s, [], against, cite))
            out.append(summary_fact(ctx, key, None, known, against, cite))
        elif s is None and against is None:
            out.append(_pack_only_fact(ctx, key, known, cite))
        else:
            out.append(summary_fact(ctx, key, s, known, against, cite))
    out.sort(
        key=lambda f: (f.credibility, -f.sources, f.predicate, f.subject_name, f.object_name or "")
    )
    return out


_PACK_FACTS: weakref.WeakKeyDictionary[Pack, dict[tuple[Any, ...], Fact]] = (
    weakref.WeakKeyDictionary()
)
"""Facts only the pack states, per loaded pack: made once, as no reading bears on them."""


def _pack_only_fact(ctx: Context, key: FactKey, packed: list[PackRelation], cite: bool) -> Fact:
    """summary_fact() of a fact no text states or denies. Its names are the pack's when the
    pack holds both ends (else a name may come from the store, and it is made each time)."""
    pack = ctx.pack
    if pack is None or pack.get(key[0]) is None or (key[2] and pack.get(key[2]) is None):
        return summary_fact(ctx, key, None, packed, None, cite)
    made = _PACK_FACTS.setdefault(pack, {})
    at = (key, cite, *map(id, packed))  # the pack's own relation objects, alive with it
    fact = made.get(at)
    if fact is None:
        fact = made[at] = summary_fact(ctx, key, None, packed, None, cite)
    return fact
