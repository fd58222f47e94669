"""The facts export (docs/export.md, schema 1): documents, entities, relations,
events, quotes as JSON Lines.

Relation readings of the same fact (same subject, predicate, object, negation) are merged
into one record with all their evidence spans and a ``sources`` count, so a consumer sees
corroboration instead of repeats.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import IO, Any

from crossroads.model import Event, Quote, Relation
from crossroads.pack import Pack
from crossroads.store.base import Store


def _dump(fh: IO[str], record: dict[str, Any]) -> None:
    fh.write(json.dumps(record, ensure_ascii=False, default=_jsonable) + "\n")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return None
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def merge_relations(readings: list[Relation]) -> list[dict[str, Any]]:
    """One record per fact, evidence from every reading, earliest dates kept."""
    groups: dict[tuple[Any, ...], list[Relation]] = defaultdict(list)
    for r in readings:
        groups[(*r.fact_key, r.attributed_to)].append(r)
    out = []
    for rels in groups.values():
        rec = rels[0].to_record()
        quals: dict[str, Any] = {}
        for r in rels:
            for k, v in (r.qualifiers or {}).items():
                quals.setdefault(k, v)
            rec["start"] = rec["start"] or r.start
            rec["end"] = rec["end"] or r.end
        rec["qualifiers"] = quals
        seen = set()
        rec["evidence"] = []
        for r in rels:
            key = (r.evidence.doc, r.evidence.start, r.evidence.end)
            if key not in seen:
                seen.add(key)
                rec["evidence"].append(r.evidence.to_record())
        rec["sources"] = len({e["doc"] for e in rec["evidence"]})
        out.append(rec)
    return out


def write(store: Store, fh: IO[str], source: str | None = None, pack: Pack | None = None) -> int:
    """Write every document of the store (or of one input file) and what was read from it."""
    docs = store.documents(source=source)
    doc_ids = {d.id for d in docs}
    n = 0
    for d in docs:
        _dump(fh, d.to_record())
        n += 1
    mentions = defaultdict(list)
    relations: list[Relation] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    for d in docs:
        if d.kind == "page":
            continue
        for m in store.mentions(doc=d.id):
            mentions[m.entity].append(m)
        relations.extend(store.relations(doc=d.id))
        events.extend(store.events(doc=d.id))
        quotes.extend(store.quotes(doc=d.id))
    for entity_id, ms in mentions.items():
        entity = store.get_entity(entity_id)
        if entity is None:
            continue
        _dump(fh, entity.to_record([m for m in ms if m.doc in doc_ids]))
        n += 1
    for rec in merge_relations(relations):
        _dump(fh, rec)
        n += 1
    items: list[Event | Quote] = [*events, *quotes]
    for item in items:
        _dump(fh, item.to_record())
        n += 1
    return n
