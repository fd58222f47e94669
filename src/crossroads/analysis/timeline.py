"""A timeline: events and dated relations of an entity, a pair or a search, in date order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crossroads.analysis.context import Citation, Context, pack_citation
from crossroads.analysis.facts import check_date
from crossroads.analysis.items import event_item
from crossroads.model import date_precision
from crossroads.pack import Pack
from crossroads.store.base import Store

__all__ = ["TimelineItem", "timeline"]


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
    items: list[TimelineItem] = []

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
    ctx.load_entities(  # every name shown, the pack's too, in one query
        [x for ev in events for x in (*ev.actors, *ev.targets, ev.place)]
        + [x for r in relations for x in (r.subject, r.object)]
        + [
            x
            for p in (pack.relations_of(entity) if pack is not None and entity else [])
            for x in (p.subject, p.object)
        ]
    )
    for ev in events:
        if not keep({*ev.actors, *ev.targets, ev.place}, ev.evidence.doc):
            continue
        item = event_item(ctx, ev)
        d, by = ev.date, "source"
        if not d:
            d, by = ctx.published(ev.evidence.doc), "document"
        if d:
            items.append(
                TimelineItem(
                    d,
                    date_precision(d) or "day",
                    "event",
                    ev.type,
                    item.summary,
                    tuple(ev.actors + ev.targets),
                    item.evidence,
                    by,
                )
            )
    for r in relations:
        if not (r.start or r.end) or not keep({r.subject, r.object}, r.evidence.doc):
            continue
        label = f"{ctx.name(r.subject)} {'NOT ' if r.negated else ''}{r.predicate} {ctx.name(r.object) or ''}"
        cite = ctx.cite(r.evidence)
        for kind, d in (("start", r.start), ("end", r.end)):
            if d:
                items.append(
                    TimelineItem(
                        d,
                        date_precision(d) or "day",
                        kind,
                        r.predicate,
                        f"{kind}: {label.strip()}",
                        (r.subject, r.object or ""),
                        cite,
                    )
                )
    if pack is not None and entity and docs is None:
        for p in pack.relations_of(entity):
            if not keep({p.subject, p.object}, None):
                continue
            label = f"{ctx.name(p.subject)} {p.predicate} {ctx.name(p.object) or ''}".strip()
            for kind, d in (("start", p.start), ("end", p.end)):
                if d:
                    items.append(
                        TimelineItem(
                            d,
                            date_precision(d) or "day",
                            kind,
                            p.predicate,
                            f"{kind}: {label}",
                            (p.subject, p.object or ""),
                            pack_citation(label, p.source),
                        )
                    )
    items = [i for i in items if _within(i.date, date_from, date_to)]
    items.sort(key=lambda i: (i.date, i.kind != "end", i.summary))
    return items
