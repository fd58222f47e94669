"""Per-entity counts (table ``entity_counts``), changed by the same write that changes the rows.

A profile's first page and the entity lists read these instead of counting an entity's
mentions, relations, events and quotes on every request: the counts follow each
add_documents and replace_extraction as deltas, so keeping them costs the size of the write,
never the size of the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from crossroads.model import Extraction

CountKey = tuple[str, str, str]
"""(entity, kind, key): kind is mentions, documents, relations, events, quotes_by or
quotes_about; key is the predicate (relations) or event type (events), else ''."""

KINDS = ("mentions", "documents", "relations", "events", "quotes_by", "quotes_about")


def counts(extractions: Iterable[Extraction]) -> Counter[CountKey]:
    """What the extractions add to each entity's counts (as migration 4 counts stored rows)."""
    out: Counter[CountKey] = Counter()
    for x in extractions:
        for m in x.mentions:
            out[(m.entity, "mentions", "")] += 1
        for name in {m.entity for m in x.mentions}:
            out[(name, "documents", "")] += 1
        for r in x.relations:
            for who in {r.subject, r.object, r.attributed_to} - {None, ""}:
                out[(str(who), "relations", r.predicate)] += 1
        for ev in x.events:
            for who in {*ev.actors, *ev.targets, ev.place} - {None, ""}:
                out[(str(who), "events", ev.type)] += 1
        for q in x.quotes:
            if q.speaker:
                out[(q.speaker, "quotes_by", "")] += 1
            for entity in set(q.about):
                out[(entity, "quotes_about", "")] += 1
    return out


def delta(
    new: Iterable[Extraction], old: Iterable[Extraction] = ()
) -> list[tuple[str, str, str, int]]:
    """(entity, kind, key, change) rows, nonzero only, in key order (writers lock rows in one
    order, so two of them never wait on each other in a circle)."""
    diff = counts(new)
    diff.subtract(counts(old))
    return [(*k, n) for k, n in sorted(diff.items()) if n]
