"""What every analysis needs at hand: cached documents and names, and citations of evidence.

An answer is only as good as its sources, so every reason an analysis gives carries a
``Citation``: either a span of a stored document (with the sentence, title and date) or a
knowledge-pack entry (with its public source).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, overload

from crossroads.analysis.grading import Grades, load_grades, with_store
from crossroads.model import Document, Entity, Evidence, Relation
from crossroads.pack import Pack
from crossroads.store import fact_summary
from crossroads.store.base import Store
from crossroads.store.cache import Documents
from crossroads.store.fact_summary import FactSummary


@dataclass(frozen=True)
class Citation:
    """Where a reason comes from: a sentence of a document, or a pack entry."""

    kind: str
    """'text' (a document span) or 'pack' (a knowledge-pack entry)."""
    text: str
    """The evidence sentence, or the pack entry in words."""
    source: str
    """Input file or URL of the document; the public reference of a pack entry."""
    doc: str | None = None
    start: int | None = None
    end: int | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    reliability: str | None = None
    """Admiralty grade A-F of the document's source (publisher or author)."""

    @property
    def label(self) -> str:
        """Short human form: 'Title (2021-05-25)' or 'pack: URL'."""
        if self.kind == "pack":
            return f"pack: {self.source}"
        name = self.title or self.source
        return f"{name} ({self.published or 'undated'})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "source": self.source,
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "published": self.published,
            "author": self.author,
            "reliability": self.reliability,
            "label": self.label,
        }


def pack_citation(text: str, source: str) -> Citation:
    return Citation(kind="pack", text=text, source=source)


class Context:
    """A store, an optional pack and source grades, with per-question caches."""

    def __init__(
        self,
        store: Store,
        pack: Pack | None = None,
        grades: Grades | None = None,
        docs: Documents | None = None,
    ):
        self.store = store
        self.pack = pack
        self.grades = grades if grades is not None else with_store(load_grades(), store)
        self.docs = docs if docs is not None else Documents(store)
        """Shared with the web layer's Lookup, so a page reads each document once."""
        self._entities: dict[str, Entity | None] = {}
        self._grades: dict[str, str | None] = {}
        self._relations: dict[tuple[str | None, str | None], list[Relation]] = {}
        self._asked: dict[str, int] = {}
        self._by_predicate: dict[str, dict[str, list[FactSummary]]] = {}

    # -- documents ---------------------------------------------------------------------
    def doc(self, doc_id: str) -> Document | None:
        """The document without its text (title, date, source, author, links)."""
        return self.docs.get(doc_id)

    def prefetch(self, evidence: Iterable[Evidence]) -> None:
        """Read the documents and sentences of these spans in a few queries, before they are
        cited one by one."""
        self.docs.load_spans(evidence)

    def source_key(self, doc_id: str) -> tuple[str, ...]:
        """Key of an independent source: a near-duplicate counts as its original; articles
        of one page count once per author (the rule the fact summaries keep at ingest)."""
        return fact_summary.source_key(doc_id, self.doc)

    def relations(self, entity: str | None = None, predicate: str | None = None) -> list[Relation]:
        """The store's relation readings, read once per question (a profile's facts,
        conflicts and claims all start from the entity's readings)."""
        key = (entity, predicate)
        if key not in self._relations:
            whole = self._relations.get((entity, None))
            self._relations[key] = (
                [r for r in whole if r.predicate == predicate]
                if whole is not None
                else self.store.relations(entity=entity, predicate=predicate)
            )
        return self._relations[key]

    def summaries(self, entity: str | None, predicate: str | None) -> list[FactSummary]:
        """The store's fact summaries about ``entity`` of ``predicate``. An analysis that
        asks for one predicate about entity after entity (spillover's places) gets every
        fact of that predicate read once, from the second entity on, not a query each."""
        if entity is None or predicate is None:
            return self.store.fact_summaries(entity, predicate)
        whole = self._by_predicate.get(predicate)
        if whole is None:
            self._asked[predicate] = self._asked.get(predicate, 0) + 1
            if self._asked[predicate] < 2:
                return self.store.fact_summaries(entity, predicate)
            whole = self._by_predicate[predicate] = {}
            every = self.store.fact_summaries(predicate=predicate)
            for s in every:
                for end in dict.fromkeys((s.subject, s.object)):
                    if end:
                        whole.setdefault(end, []).append(s)
            self.load_entities(x for s in every for x in (s.subject, s.object))
        return list(whole.get(entity, []))

    def grade(self, doc_id: str) -> str | None:
        """The reliability grade of a document's source (None for an unknown document)."""
        if doc_id not in self._grades:
            doc = self.doc(doc_id)
            self._grades[doc_id] = self.grades.of(doc) if doc is not None else None
        return self._grades[doc_id]

    def published(self, doc_id: str) -> str | None:
        doc = self.doc(doc_id)
        return doc.published if doc else None

    def cite(self, ev: Evidence) -> Citation:
        doc = self.doc(ev.doc)
        if doc is None:
            return Citation(
                kind="text", text="", source="?", doc=ev.doc, start=ev.start, end=ev.end
            )
        sentence = " ".join(self.docs.span(doc.id, ev.start, ev.end).split())
        return Citation(
            kind="text",
            text=sentence,
            source=doc.source,
            doc=doc.id,
            start=ev.start,
            end=ev.end,
            title=doc.title,
            published=doc.published,
            author=doc.author,
            reliability=self.grade(doc.id),
        )

    # -- entities ----------------------------------------------------------------------
    def load_entities(self, entity_ids: Iterable[str | None]) -> None:
        """Read the entities not read yet in one query (names for a page of items)."""
        wanted = [i for i in dict.fromkeys(entity_ids) if i and i not in self._entities]
        if not wanted:
            return
        found = self.store.entities_by_id(wanted)
        for i in wanted:  # one the store does not hold is the pack's (no query per id)
            self._entities[i] = found[i] if i in found else self._packed(i)

    def entity(self, entity_id: str) -> Entity | None:
        """The entity as the store knows it, else as the pack knows it."""
        if entity_id not in self._entities:
            ent = self.store.get_entity(entity_id)
            self._entities[entity_id] = ent if ent is not None else self._packed(entity_id)
        return self._entities[entity_id]

    def _packed(self, entity_id: str) -> Entity | None:
        pe = self.pack.get(entity_id) if self.pack is not None else None
        if pe is None:
            return None
        return Entity(
            id=pe.id,
            type=pe.type,
            name=pe.name,
            aliases=pe.aliases,
            data={"source": pe.source, **pe.data},
        )

    @overload
    def name(self, entity_id: str) -> str: ...

    @overload
    def name(self, entity_id: None) -> None: ...

    @overload
    def name(self, entity_id: str | None) -> str | None: ...

    def name(self, entity_id: str | None) -> str | None:
        """The entity's name (the pack's, else the store's, else the id itself)."""
        if entity_id is None:
            return None
        if self.pack is not None and (pe := self.pack.get(entity_id)) is not None:
            return pe.name
        ent = self.entity(entity_id)
        return ent.name if ent else entity_id

    def type(self, entity_id: str) -> str | None:
        if self.pack is not None and (pe := self.pack.get(entity_id)) is not None:
            return pe.type
        ent = self.entity(entity_id)
        return ent.type if ent else None
