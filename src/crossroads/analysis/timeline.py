"""A timeline: events and dated relations of an entity, a pair or a search, in date order."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from crossroads.analysis.context import Citation, Context, pack_citation
from crossroads.analysis.facts import check_date
from crossroads.analysis.items import event_item
from crossroads.model import Event, Evidence, Relation, date_precision
from crossroads.pack import Pack
from crossroads.store.base import Store

__all__ = ["TimelineItem", "TimelinePage", "timeline", "timeline_page"]


@dataclass(frozen=True)
class TimelineItem:
    """One dated happening: an event, or a relation starting or ending."""

    date: str
    precision: str
    """'year', 'month' or 'day': how exactly the source dates it."""
    kind: str
    """'event', 'start' or 'end' (of a relation)."""
    type: str
    """Event type or relation predicate."""
    summary: str
    entities: tuple[str, ...]
    evidence: Citation
    dated_by: str = "source"
    """'source' when the text or pack gives the date; 'document' when an undated event is
    placed at its report's publication date."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "precision": self.precision,
            "kind": self.kind,
            "type": self.type,
            "summary": self.summary,
            "entities": list(self.entities),
            "dated_by": self.dated_by,
            "evidence": self.evidence.to_dict(),
        }


def _within(d: str, date_from: str | None, date_to: str | None) -> bool:
    if date_from and d[: len(date_from)] < date_from[: len(d)]:
        return False
    return not (date_to and d[: len(date_to)] > date_to[: len(d)])


@dataclass(frozen=True)
class _Entry:
    """An item before it is cited: sorting and counting need no document text."""

    date: str
    kind: str
    type: str
    summary: str
    entities: tuple[str, ...]
    cite: Callable[[], Citation]
    dated_by: str = "source"
    pack: bool = False
    span: Evidence | None = None
    """The sentence it cites, read with the page's others before it is cited."""

    @property
    def key(self) -> tuple[str, bool, str]:
        return (self.date, self.kind != "end", self.summary)

    def item(self) -> TimelineItem:
        precision = date_precision(self.date) or "day"
        return TimelineItem(
            self.date,
            precision,
            self.kind,
            self.type,
            self.summary,
            self.entities,
            self.cite(),
            self.dated_by,
        )


@dataclass(frozen=True)
class TimelinePage:
    """One page of an entity's timeline: items with their place in the whole timeline."""

    items: list[tuple[int, TimelineItem]]
    mode: str
    counts: dict[str, int]
    """Items per mode: 'reported' (from the texts), 'pack' and 'both'."""

    @property
    def total(self) -> int:
        return self.counts[self.mode]


def _event_entry(ctx: Context, ev: Event, day: str, by: str) -> _Entry:
    summary = event_item(ctx, ev, cite=False).summary  # names, not the citation
    return _Entry(
        day,
        "event",
        ev.type,
        summary,
        tuple(ev.actors + ev.targets),
        lambda: ctx.cite(ev.evidence),
        by,
        span=ev.evidence,
    )


def _relation_entries(ctx: Context, r: Relation) -> list[_Entry]:
    label = f"{ctx.name(r.subject)} {'NOT ' if r.negated else ''}{r.predicate} {ctx.name(r.object) or ''}"
    return [
        _Entry(
            d,
            kind,
            r.predicate,
            f"{kind}: {label.strip()}",
            (r.subject, r.object or ""),
            lambda: ctx.cite(r.evidence),
            span=r.evidence,
        )
        for kind, d in (("start", r.start), ("end", r.end))
        if d
    ]


def _same(cite: Citation) -> Citation:
    return cite


def _pack_entries(ctx: Context, pack: Pack | None, entity: str | None) -> list[_Entry]:
    out: list[_Entry] = []
    for p in pack.relations_of(entity) if pack is not None and entity else []:
        label = f"{ctx.name(p.subject)} {p.predicate} {ctx.name(p.object) or ''}".strip()
        cite = pack_citation(label, p.source)
        out += [
            _Entry(
                d,
                kind,
                p.predicate,
                f"{kind}: {label}",
                (p.subject, p.object or ""),
                functools.partial(_same, cite),
                pack=True,
            )
            for kind, d in (("start", p.start), ("end", p.end))
            if d
        ]
    return out


def _names(
    ctx: Context,
    events: Iterable[Event],
    relations: list[Relation],
    pack: Pack | None,
    entity: str | None,
) -> None:
    """Every name shown, the pack's too, in one query."""
    ctx.load_entities(
        [x for ev in events for x in (*ev.actors, *ev.targets, ev.place)]
        + [x for r in relations for x in (r.subject, r.object)]
        + [
            x
            for p in (pack.relations_of(entity) if pack is not None and entity else [])
            for x in (p.subject, p.object)
        ]
    )


def timeline(
    store: Store,
    entity: str | None = None,
    other: str | None = None,
    query: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    pack: Pack | None = None,
    ctx: Context | None = None,
) -> list[TimelineItem]:
    """Events and dated relations involving ``entity`` (and ``other``, when given) or found
    in documents matching ``query``, oldest first."""
    check_date(date_from, "date_from")
    check_date(date_to, "date_to")
    ctx = ctx or Context(store, pack)
    docs = {h.document.id for h in store.search(query, limit=200)} if query else None
    wanted = [e for e in (entity, other) if e]
    entries: list[_Entry] = []

    def keep(ids: set[str | None], doc: str | None) -> bool:
        if docs is not None and doc not in docs:
            return False
        if doc is not None and (d := ctx.doc(doc)) is not None and d.duplicate_of:
            return False  # a near-duplicate repeats its original's items
        return all(e in ids for e in wanted)

    # only readings that state a date appear: read those alone (most readings have none)
    relations = (
        store.dated_relations(entity)
        if entity
        else [r for r in ctx.relations() if r.start or r.end]
    )
    events = store.events(entity=entity)
    ctx.prefetch(
        [ev.evidence for ev in events] + [r.evidence for r in relations if r.start or r.end]
    )
    _names(ctx, events, relations, pack, entity)
    for ev in events:
        if not keep({*ev.actors, *ev.targets, ev.place}, ev.evidence.doc):
            continue
        d, by = ev.date, "source"
        if not d:
            d, by = ctx.published(ev.evidence.doc), "document"
        if d:
            entries.append(_event_entry(ctx, ev, d, by))
    for r in relations:
        if (r.start or r.end) and keep({r.subject, r.object}, r.evidence.doc):
            entries += _relation_entries(ctx, r)
    if docs is None:
        entries += [p for p in _pack_entries(ctx, pack, entity) if keep(set(p.entities), None)]
    entries = [e for e in entries if _within(e.date, date_from, date_to)]
    entries.sort(key=lambda e: e.key)
    return [e.item() for e in entries]


@dataclass
class _Block:
    """Events of one day, or relations starting or ending on one date, whose summaries are
    alike: they sort together, in reading order, and only those a page shows are read."""

    date: str
    summary: str
    n: int
    keys: list[Any]
    pack: bool = False
    kind: str = "event"
    """'event', or 'start' / 'end' for relations (keys: subject, predicate, object, polarity)."""

    @property
    def key(self) -> tuple[str, bool, str]:
        return (self.date, self.kind != "end", self.summary)


def _day_blocks(store: Store, ctx: Context, entity: str, day: str) -> list[_Block]:
    shapes = store.timeline_day_shapes(entity, day)
    _names(ctx, [ev for ev, _n, _k in shapes], [], None, None)
    blocks: dict[str, _Block] = {}
    for ev, n, key in shapes:
        summary = _event_entry(ctx, ev, day, "").summary
        if summary in blocks:
            blocks[summary].n += n
            blocks[summary].keys.append(key)
        else:
            blocks[summary] = _Block(day, summary, n, [key])
    return list(blocks.values())


def _relation_blocks(store: Store, ctx: Context, entity: str) -> list[_Block]:
    """The entity's dated relations as blocks of items alike (one per date, kind and
    summary), counted in SQL: a page reads the relations of the blocks it shows alone."""
    shapes = store.timeline_relation_shapes(entity)
    _names(ctx, [], [r for r, _n in shapes], None, None)
    blocks: dict[tuple[str, bool, str], _Block] = {}
    for r, n in shapes:
        for e in _relation_entries(ctx, r):
            block = blocks.get(e.key)
            if block is None:
                block = blocks[e.key] = _Block(e.date, e.summary, 0, [], kind=e.kind)
            block.n += n
            key = (r.subject, r.predicate, r.object, r.negated)
            if key not in block.keys:
                block.keys.append(key)
    return list(blocks.values())


def timeline_page(
    store: Store,
    entity: str,
    limit: int,
    offset: int = 0,
    mode: str | None = None,
    pack: Pack | None = None,
    ctx: Context | None = None,
) -> TimelinePage | None:
    """The page [offset, offset + limit) of ``timeline(store, entity)`` in ``mode``
    ('reported', 'pack' or 'both'; without one 'reported' when the texts say anything, else
    'both'), reading only that page's events: an index range over entity_events, and the
    last day's events by groups alike (they sort by summary). None for mode 'pack', whose
    places in the whole timeline would need every event."""
    if mode == "pack":
        return None
    ctx = ctx or Context(store, pack)
    need = offset + limit
    found = store.timeline_events(entity, limit=need)
    last = found[-1][0] if found and len(found) >= need else None
    found = [f for f in found if f[0] != last]
    counted = store.timeline_event_count(entity)
    _names(ctx, (ev for _, ev in found), [], pack, entity)
    entries: list[_Entry | _Block] = [_event_entry(ctx, ev, day, _by(ev)) for day, ev in found]
    entries += _day_blocks(store, ctx, entity, last) if last is not None else []
    related = _relation_blocks(store, ctx, entity)
    entries += related
    packed = [p for p in _pack_entries(ctx, pack, entity) if entity in p.entities]
    entries += packed
    entries.sort(key=lambda e: e.key)
    reported = counted + sum(b.n for b in related)
    counts = {"reported": reported, "pack": len(packed), "both": reported + len(packed)}
    mode = mode if mode in ("reported", "both") else ("reported" if reported else "both")
    page: list[tuple[int, _Entry]] = []
    at = shown = 0  # places in the whole timeline and among the items ``mode`` shows
    for e in entries:
        n = e.n if isinstance(e, _Block) else 1
        if mode == "both" or not e.pack:
            lo, hi = max(offset, shown), min(need, shown + n)
            if lo < hi and isinstance(e, _Block) and e.kind != "event":
                rels = store.timeline_relation_page(
                    entity, e.kind, e.date, e.keys, hi - lo, lo - shown
                )
                ctx.load_entities(x for r in rels for x in (r.subject, r.object))
                page += [
                    (at + lo - shown + j, x)
                    for j, x in enumerate(
                        x for r in rels for x in _relation_entries(ctx, r) if x.kind == e.kind
                    )
                ]
            elif lo < hi and isinstance(e, _Block):
                evs = store.timeline_day_events(entity, e.date, e.keys, hi - lo, lo - shown)
                ctx.load_entities(ev.place for ev in evs)
                page += [
                    (at + lo - shown + j, _event_entry(ctx, ev, e.date, _by(ev)))
                    for j, ev in enumerate(evs)
                ]
            elif lo < hi and isinstance(e, _Entry):
                page.append((at, e))
            shown += n
        at += n
        if shown >= need:
            break
    ctx.prefetch(e.span for _, e in page if e.span is not None)  # the page's alone
    return TimelinePage([(i, e.item()) for i, e in page], mode, counts)


def _by(ev: Event) -> str:
    return "source" if ev.date else "document"
