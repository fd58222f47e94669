"""The store contract: what every backend (SQLite, PostgreSQL) must do.

One contract test suite (tests/store/test_store_contract.py) runs against every backend.
Backends keep SQL inside themselves; callers see only the typed records of crossroads.model.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any, Self

from crossroads.model import (
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Quote,
    Relation,
    SearchHit,
)
from crossroads.store import stances
from crossroads.store.fact_summary import FactKey, FactSummary


class Store(ABC):
    """A crossroads database. Use as a context manager; every write is one transaction."""

    url: str
    """Where the store lives ('sqlite:///path' or 'postgresql://...')."""

    # -- lifecycle ---------------------------------------------------------------------
    @abstractmethod
    def close(self) -> None: ...

    def alive(self) -> bool:
        """Whether the store can still answer (a pooled server connection may have been cut
        by a server restart since it was last used)."""
        return True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ---------------------------------------------------------------------
    @abstractmethod
    def add_documents(
        self, docs: list[Document], extractions: Iterable[Extraction] = ()
    ) -> list[str]:
        """Write documents (a page and its articles, say) and their extractions atomically;
        return the ids of those that were not stored before, in order.

        All or nothing: on any error nothing of this call is left in the store. A document
        whose id is already stored is left as it is (its text never changes), also when
        another writer stores it at the same moment: then only one call counts it as new.
        Entities in the extractions are upserted by id, their aliases merged.
        """

    @abstractmethod
    def document_by_hash(self, content_hash: str) -> Document | None:
        """The stored document with this content hash, if any (exact duplicates)."""

    @abstractmethod
    def minhashes(self) -> list[tuple[str, bytes]]:
        """(document id, minhash signature bytes) of every article document that has one."""

    def near_duplicate_candidates(self, signature: bytes) -> list[tuple[str, bytes]]:
        """(document id, signature) of the stored articles that may be near-duplicates of
        ``signature``: those sharing a band with it (store/near_duplicates.py), found by
        index, so the cost does not grow with the store. This default reads them all."""
        return self.minhashes()

    def file_stored(self, file_hash: str) -> bool:
        """Whether an input file with these bytes (their SHA1) was stored before."""
        return False

    def remember_file(self, file_hash: str, doc_id: str) -> None:
        """Note that the input file with bytes ``file_hash`` is stored (as ``doc_id`` and
        the documents read with it), so an unchanged file is skipped unread next time."""

    @abstractmethod
    def get_document(self, doc_id: str) -> Document | None:
        """One document by id; a unique id prefix of 6+ characters also works."""

    @abstractmethod
    def documents(
        self,
        source: str | None = None,
        parent: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        duplicate_of: str | None = None,
    ) -> list[Document]:
        """Documents in ingest order, optionally only those of one source or one page, or
        the near-duplicates of one document."""

    @abstractmethod
    def correct_document(self, doc_id: str, **changes: str | None) -> Document:
        """Set a document's ``title``, ``published`` or ``author`` by hand. The value read
        from the file stays in ``meta['original']`` (the first one, however often it is
        corrected); ``meta['corrected']`` lists the fields changed."""
        raise NotImplementedError(f"{type(self).__name__} cannot correct documents")

    def source_grades(self) -> dict[str, dict[str, str]]:
        """Grades analysts set: {"authors": {name: "A".."F"}, "publishers": {...}}."""
        return {"authors": {}, "publishers": {}}

    def set_source_grade(self, kind: str, name: str, grade: str | None) -> None:
        """Grade an 'author' or 'publisher' A-F (None removes the grade)."""
        raise NotImplementedError(f"{type(self).__name__} cannot keep source grades")

    def count_documents(self) -> int:
        return len(self.documents())

    def latest_documents(self, n: int) -> list[Document]:
        """The ``n`` documents stored last, newest first."""
        total = self.count_documents()
        return list(reversed(self.documents(limit=n, offset=max(0, total - n))))

    @abstractmethod
    def search(self, query: str, limit: int = 20, snippets: bool = True) -> list[SearchHit]:
        """Ranked full-text search over article documents (title and text).

        ``query`` is plain words as a user types them (no syntax errors possible);
        snippets mark matches with [ and ]. A query over MAX_QUERY_CHARS characters or
        MAX_QUERY_TERMS words (crossroads.store.sql) raises QueryError. ``snippets=False``
        leaves them empty: a caller that shows a page of many hits cuts them with
        ``snippets()`` for that page alone.
        """

    def snippets(self, query: str, doc_ids: Sequence[str]) -> dict[str, str]:
        """The snippets ``search(query)`` gives these documents (those it finds)."""
        wanted = set(doc_ids)
        found = self.search(query, limit=max(1000, len(wanted)))
        return {h.document.id: h.snippet for h in found if h.document.id in wanted}

    # -- knowledge ---------------------------------------------------------------------
    @abstractmethod
    def replace_extraction(self, extraction: Extraction) -> None:
        """Drop what was read from extraction.doc and write the new reading, atomically."""

    @abstractmethod
    def get_entity(self, entity_id: str) -> Entity | None: ...

    @abstractmethod
    def find_entities(self, name: str, limit: int = 20) -> list[Entity]:
        """Entities whose name or alias matches (case- and accent-insensitive; exact first,
        then prefix/substring)."""

    @abstractmethod
    def people_by_initial(self, initial: str) -> list[tuple[str, str]]:
        """(entity id, folded name or alias) of every stored person with a name starting with
        ``initial``'s folded first letter: the candidates a new spelling is compared with."""

    @abstractmethod
    def entities(
        self,
        type: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[tuple[Entity, int]]:
        """(entity, mention count) pairs, most mentioned first."""

    @abstractmethod
    def mentions(self, entity: str | None = None, doc: str | None = None) -> list[Mention]: ...

    @abstractmethod
    def relations(
        self, entity: str | None = None, predicate: str | None = None, doc: str | None = None
    ) -> list[Relation]:
        """Relation readings; ``entity`` matches subject, object or attributed_to."""

    @abstractmethod
    def events(
        self,
        entity: str | None = None,
        type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        """Event readings, dated ones first in date order; dates compare as ISO prefixes
        (an event dated '2021' is within 2021-01-01..2021-12-31)."""

    @abstractmethod
    def quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Quote]: ...

    # -- batched and paged reads (one query for a page, not one per row) ------------------
    def documents_by_id(self, doc_ids: Iterable[str], text: bool = True) -> dict[str, Document]:
        """The stored documents among ``doc_ids``, by id. ``text=False`` leaves the text out
        (``text`` is '' and ``meta['chars']`` its length): for lists that show titles."""
        out = {}
        for i in dict.fromkeys(doc_ids):
            d = self.get_document(i)
            if d is not None and d.id == i:
                out[i] = d
        return out

    def spans(self, spans: Iterable[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """The text of each (document, start, end) span, read without whole documents."""
        docs = self.documents_by_id({s[0] for s in spans})
        return {s: docs[s[0]].text[s[1] : s[2]] for s in spans if s[0] in docs}

    def entity_counts(self, entity_ids: Iterable[str]) -> dict[str, dict[str, dict[str, int]]]:
        """{entity: {kind: {key: n}}} as ingest keeps them: kinds mentions, documents,
        quotes_by, quotes_about (key ''), relations (key: predicate), events (key: type)."""
        raise NotImplementedError(f"{type(self).__name__} keeps no entity counts")

    def mention_documents(
        self, entity: str, limit: int | None = None, offset: int = 0
    ) -> list[tuple[str, int]]:
        """(document id, mentions) of the documents naming ``entity``, most mentions first."""
        from collections import Counter

        ranked = Counter(m.doc for m in self.mentions(entity=entity)).most_common()
        return ranked[offset : None if limit is None else offset + limit]

    def entities_by_id(self, entity_ids: Iterable[str]) -> dict[str, Entity]:
        """The stored entities among ``entity_ids``, by id."""
        return {i: e for i in dict.fromkeys(entity_ids) if (e := self.get_entity(i)) is not None}

    def span_entities(
        self, spans: Iterable[tuple[str, int, int]]
    ) -> dict[tuple[str, int, int], set[str]]:
        """{(document, start, end): ids of the entities mentioned starting inside it}."""
        out: dict[tuple[str, int, int], set[str]] = {}
        wanted = list(dict.fromkeys(spans))
        mentions = self.mentions_in(s[0] for s in wanted)
        for s in wanted:
            out[s] = {m.entity for m in mentions.get(s[0], []) if s[1] <= m.start < s[2]}
        return out

    def mentions_in(self, doc_ids: Iterable[str]) -> dict[str, list[Mention]]:
        """{document: its mentions in reading order} for several documents at once."""
        return {i: self.mentions(doc=i) for i in dict.fromkeys(doc_ids)}

    def knowledge_counts(self, doc_ids: Iterable[str]) -> dict[str, dict[str, dict[str, int]]]:
        """{document: {"events": {type: n}, "predicates": {predicate: n}}} read from each."""
        out: dict[str, dict[str, dict[str, int]]] = {}
        for i in dict.fromkeys(doc_ids):
            ev: dict[str, int] = {}
            pr: dict[str, int] = {}
            for e in self.events(doc=i):
                ev[e.type] = ev.get(e.type, 0) + 1
            for r in self.relations(doc=i):
                pr[r.predicate] = pr.get(r.predicate, 0) + 1
            out[i] = {"events": ev, "predicates": pr}
        return out

    def fact_summaries(
        self,
        entity: str | None = None,
        predicate: str | None = None,
        entities: Iterable[str] | None = None,
    ) -> list[FactSummary]:
        """One summary per fact key (crossroads.store.fact_summary) about ``entity`` (as
        subject or object) and of ``predicate``, or about any of ``entities``; SQL stores
        keep them at ingest, this default groups the readings."""
        from crossroads.store import fact_summary

        if entities is not None:
            each = {s.id: s for e in dict.fromkeys(entities) for s in self.fact_summaries(entity=e)}
            return list(each.values())

        readings = [
            r
            for r in self.relations(entity=entity, predicate=predicate)
            if entity is None or entity in (r.subject, r.object)
        ]
        docs: dict[str, Document | None] = {}
        wanted = [r.evidence.doc for r in readings]
        while wanted:
            found = self.documents_by_id(wanted, text=False)
            docs.update((i, found.get(i)) for i in wanted)
            wanted = [
                d.duplicate_of
                for d in found.values()
                if d.duplicate_of and d.duplicate_of not in docs
            ]
        return list(fact_summary.summarize(readings, docs).values())

    def attributed_relations(self, speaker: str) -> list[Relation]:
        """Readings the text attributes to ``speaker`` ("according to X"), in reading order."""
        return [r for r in self.relations(entity=speaker) if r.attributed_to == speaker]

    def dated_relations(self, entity: str) -> list[Relation]:
        """Readings of ``entity`` (subject, object or attributed_to) that state a start or an
        end, in reading order: what a timeline shows of relations."""
        return [r for r in self.relations(entity=entity) if r.start or r.end]

    def timeline_events(
        self, entity: str, limit: int | None = None, day: str | None = None
    ) -> list[tuple[str, Event]]:
        """(timeline day, event) of the entity's events that have a day (the event's date,
        else its report's; none from a near-duplicate), by day then reading order; ``day``
        keeps those of that day alone."""
        docs = self.documents_by_id([ev.evidence.doc for ev in self.events(entity=entity)], False)
        out = []
        for ev in self.events(entity=entity):
            d = docs.get(ev.evidence.doc)
            when = ev.date or (d.published if d else None)
            if when and not (d and d.duplicate_of) and day in (None, when):
                out.append((when, ev))
        out.sort(key=lambda x: (x[0], x[1].date is None))
        return out[:limit] if limit is not None else out

    def stance_events(self) -> list[Event]:
        """REJECT events whose sentence speaks of forces (stances.event_stance), in the
        order of events(type='REJECT'): what basing reads of them."""
        found = self.events(type="REJECT")
        texts = self.documents_by_id([ev.evidence.doc for ev in found])
        return [ev for ev in found if stances.event_stance(ev, _text(texts, ev.evidence.doc))]

    def stance_quotes(self) -> list[Quote]:
        """Quotes of a speaker that speak of forces (stances.quote_stance), in the order
        of quotes(): what basing reads of them."""
        found = self.quotes()
        texts = self.documents_by_id([q.evidence.doc for q in found])
        return [q for q in found if stances.quote_stance(q, _text(texts, q.evidence.doc))]

    def stance_readings(self, limit: int) -> tuple[list[Event], list[Quote]]:
        """stance_events() and stance_quotes() with, of each shape (stances.event_shape,
        quote_shape: rows alike give the same reasons), only the first ``limit`` distinct
        sentences, in the same order: all a basing question needs to cite."""
        events, quotes = self.stance_events(), self.stance_quotes()
        docs = [ev.evidence.doc for ev in events] + [q.evidence.doc for q in quotes]
        texts = self.documents_by_id(docs)
        mentions = self.mentions_in(docs)

        def first(shapes: list[tuple[str, Evidence]]) -> list[bool]:
            seen: dict[str, set[Evidence]] = {}
            keep = []
            for shape, ev in shapes:
                spans = seen.setdefault(shape, set())
                keep.append(ev not in spans and len(spans) < limit)
                if keep[-1]:
                    spans.add(ev)
            return keep

        ev_shapes = []
        for ev in events:
            s, text = ev.evidence, _text(texts, ev.evidence.doc)
            named = [m.entity for m in mentions.get(s.doc, []) if s.start <= m.start < s.end]
            ev_shapes.append((stances.event_shape(ev, text, named), s))
        q_shapes = [
            (stances.quote_shape(q, _text(texts, q.evidence.doc)), q.evidence) for q in quotes
        ]
        return (
            [ev for ev, k in zip(events, first(ev_shapes)) if k],
            [q for q, k in zip(quotes, first(q_shapes)) if k],
        )

    def timeline_relations(self, entity: str) -> list[Relation]:
        """Readings with ``entity`` as subject or object that state a start or end, none
        from a near-duplicate, in reading order: the relations a timeline shows."""
        found = [r for r in self.dated_relations(entity) if entity in (r.subject, r.object)]
        docs = self.documents_by_id([r.evidence.doc for r in found], text=False)
        return [r for r in found if not ((d := docs.get(r.evidence.doc)) and d.duplicate_of)]

    def object_subjects(self, obj: str, predicate: str) -> list[tuple[str, str]]:
        """(document, subject) of the positive readings ``subject predicate obj``, in no
        order: who each document lists (a conflict's omissions), no reading read."""
        return [
            (r.evidence.doc, r.subject)
            for r in self.relations(entity=obj, predicate=predicate)
            if r.object == obj and not r.negated
        ]

    def timeline_relation_shapes(self, entity: str) -> list[tuple[Relation, int]]:
        """timeline_relations(entity) grouped by what their timeline items show (subject,
        predicate, object, polarity, start and end): (one of them, without its evidence,
        how many). A page reads the relations of the groups it shows alone."""
        groups: dict[Any, int] = {}
        for r in self.timeline_relations(entity):
            key = (r.subject, r.predicate, r.object, r.negated, r.start, r.end)
            groups[key] = groups.get(key, 0) + 1
        return [
            (Relation(s, p, o, Evidence("", 0, 0), start, end, neg), n)
            for (s, p, o, neg, start, end), n in groups.items()
        ]

    def timeline_relation_page(
        self,
        entity: str,
        kind: str,
        date: str,
        keys: list[tuple[str, str, str | None, bool]],
        limit: int,
        offset: int = 0,
    ) -> list[Relation]:
        """The timeline relations of these (subject, predicate, object, polarity) keys that
        start (``kind`` 'start') or end on ``date``, in reading order, from ``offset``."""
        wanted = set(keys)
        found = [
            r
            for r in self.timeline_relations(entity)
            if (r.subject, r.predicate, r.object, r.negated) in wanted
            and (r.start if kind == "start" else r.end if kind == "end" else None) == date
        ]
        return found[offset : offset + limit]

    def timeline_day_shapes(self, entity: str, day: str) -> list[tuple[Event, int, Any]]:
        """The entity's events of one timeline day grouped by what their summary shows
        (type, actors, targets, negation, mode): (one of them, how many, the group's key
        for timeline_day_events). A page needs one day's order, not all its events."""
        groups: dict[Any, list[Event]] = {}
        for _day, ev in self.timeline_events(entity, day=day):
            groups.setdefault(_shape(ev), []).append(ev)
        return [(evs[0], len(evs), key) for key, evs in groups.items()]

    def timeline_day_events(
        self, entity: str, day: str, keys: list[Any], limit: int, offset: int = 0
    ) -> list[Event]:
        """The events of those groups of timeline_day_shapes, in timeline order."""
        wanted = set(keys)
        found = [ev for _d, ev in self.timeline_events(entity, day=day) if _shape(ev) in wanted]
        return found[offset : offset + limit]

    def timeline_event_count(self, entity: str) -> int:
        """How many events timeline_events(entity) holds (counted, not read)."""
        return len(self.timeline_events(entity))

    def fact_readings(self, keys: Iterable[FactKey]) -> dict[FactKey, list[Relation]]:
        """{fact key: its readings in reading order} for these keys only."""
        from crossroads.store.fact_summary import key_of

        wanted = set(keys)
        out: dict[FactKey, list[Relation]] = {k: [] for k in wanted}
        for r in self.relations():
            if (k := key_of(r)) in wanted:
                out[k].append(r)
        return out

    @abstractmethod
    def stats(self) -> dict[str, int]:
        """Counts: documents, entities, mentions, relations, events, quotes."""


def _shape(ev: Event) -> tuple[Any, ...]:
    return (ev.type, ev.actors, ev.targets, bool(ev.negated), ev.mode)


def _text(docs: dict[str, Document], doc_id: str) -> str:
    d = docs.get(doc_id)
    return d.text if d is not None else ""
