"""One person under two spellings in two documents: the later spelling joins the stored person.

The linker merges spellings within a document and against the pack (see names.py). Across
documents the store is the memory: before an extraction is written, every person it names
under an id the store does not hold yet is compared (``names.same_person``) with the stored
people whose folded names start with the same letter (and whose surnames do), and with the new
people of this run.
A match takes over the known id; the store keeps the new spelling as an alias of it. Two
known people equally close keep the new name apart rather than guess.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol, TypeVar

from crossroads.model import Entity, Extraction
from crossroads.names import PersonIndex, name_parts

__all__ = ["PeopleLookup", "VariantResolver", "remap"]

T = TypeVar("T")


class PeopleLookup(Protocol):
    """What the resolver needs from a store."""

    def get_entity(self, entity_id: str) -> Entity | None: ...

    def people_by_initial(self, initial: str) -> list[tuple[str, str]]: ...


def _mapped(value: object, mapping: dict[str, str]) -> object:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return tuple(dict.fromkeys(mapping.get(v, v) for v in value))
    return value


def _remapped(record: T, mapping: dict[str, str]) -> T:
    """``record`` with every entity id field (a str or a tuple of str) renamed."""
    assert dataclasses.is_dataclass(record) and not isinstance(record, type)
    changes = {
        f.name: new
        for f in dataclasses.fields(record)
        if (new := _mapped(getattr(record, f.name), mapping)) != getattr(record, f.name)
    }
    return dataclasses.replace(record, **changes) if changes else record


def remap(extraction: Extraction, mapping: dict[str, str]) -> Extraction:
    """The extraction with entity ids renamed everywhere (entities, mentions, relations,
    events, quotes); entity ids never collide with document ids, so every str field may be
    looked up."""
    if not mapping:
        return extraction
    return Extraction(
        doc=extraction.doc,
        entities=[_remapped(e, mapping) for e in extraction.entities],
        mentions=[_remapped(m, mapping) for m in extraction.mentions],
        relations=[_remapped(r, mapping) for r in extraction.relations],
        events=[_remapped(e, mapping) for e in extraction.events],
        quotes=[_remapped(q, mapping) for q in extraction.quotes],
    )


class VariantResolver:
    """Renames new spellings of known people in the extractions of one ingest run."""

    def __init__(self, store: PeopleLookup) -> None:
        self.store = store
        self.new = PersonIndex()
        """People first seen in this run (not yet in the store while their batch is open)."""
        self.known: set[str] = set()

    def _stored(self, name: str) -> str | None:
        parts = name_parts(name)
        index = PersonIndex()  # keeps only names of as many parts as this one
        for eid, stored in self.store.people_by_initial(parts[0]):
            words = stored.split()
            # plainly another name (surname initial, length): skip the parse and Jaro-Winkler
            if not words or words[-1][:1] != parts[-1][:1] or abs(len(words) - len(parts)) > 1:
                continue
            index.add(stored, eid)
        return index.find(name)

    def resolve(self, extraction: Extraction) -> Extraction:
        mapping: dict[str, str] = {}
        for e in extraction.entities:
            if e.type != "Person" or len(name_parts(e.name)) < 2 or e.id in self.known:
                continue
            if self.store.get_entity(e.id) is not None:
                self.known.add(e.id)
                continue
            target = self._stored(e.name) or self.new.find(e.name)
            if target is not None and target != e.id:
                mapping[e.id] = target
            else:
                for n in (e.name, *e.aliases):
                    self.new.add(n, e.id)
                self.known.add(e.id)
        return remap(extraction, mapping)
