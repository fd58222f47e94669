"""Facts export (docs/export.md) of fold predictions, without a store: what ``score`` reads.

It writes what ``crossroads export --format jsonl`` would write for the same documents and
readings, so a cross-validated score means what the score of a real ingest means.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import IO

from crossroads.export.jsonl import merge_relations
from crossroads.extraction.entities import entities_of, mentions_of
from crossroads.learn.parsed import Parsed
from crossroads.model import Entity, Event, Mention, Quote, Relation

__all__ = ["facts_records", "write_facts"]


def facts_records(items: Iterable[tuple[Parsed, list[Relation], list[Event], list[Quote]]]
                  ) -> list[dict]:
    """Document, entity, relation, event and quote records of the given predictions."""
    docs: list[dict] = []
    entities: dict[str, Entity] = {}
    mentions: dict[str, list[Mention]] = {}
    relations: list[Relation] = []
    rest: list[dict] = []
    for p, rels, evs, quotes in items:
        docs.append(p.doc.to_record())
        for e in entities_of(p.sdoc):
            old = entities.get(e.id)
            if old is not None:
                e = replace(old, aliases=tuple(dict.fromkeys([*old.aliases, *e.aliases])))
            entities[e.id] = e
        for m in mentions_of(p.sdoc, p.doc.id):
            mentions.setdefault(m.entity, []).append(m)
        relations.extend(rels)
        rest.extend(e.to_record() for e in evs)
        rest.extend(q.to_record() for q in quotes)
    out = list(docs)
    out += [e.to_record(mentions[e.id]) for e in entities.values() if e.id in mentions]
    out += merge_relations(relations)
    return out + rest


def write_facts(fh: IO[str], records: list[dict]) -> None:
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False, default=list) + "\n")
