"""Typed records that cross stage boundaries: ingest -> extraction -> store -> analysis.

Every record is a small frozen dataclass. Offsets always point into a stored
document's cleaned ``text``, which never changes once stored ("offsets are forever").
``to_record()`` gives the facts-export shape of docs/export.md (schema 1); the entity types,
predicates and event types come from schema.toml (crossroads.schema).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from crossroads import dates, schema

SCHEMA = 1

# entity types, predicates and event types come from schema.toml (crossroads.schema)
_SCHEMA = schema.load()
ENTITY_TYPES = tuple(_SCHEMA.entities)
PREDICATES = tuple(_SCHEMA.predicates)
SYMMETRIC_PREDICATES = frozenset(p.name for p in _SCHEMA.predicates.values() if p.symmetric)
EVENT_TYPES = tuple(_SCHEMA.events)
EVENT_MODES = tuple(_SCHEMA.event_modes)

Record = dict[str, Any]
"""One JSON object of the facts export (docs/export.md): values are whatever JSON holds."""

Data = dict[str, Any]
"""Free-form JSON-able data kept with a record (a document's meta, an entity's pack data, a
relation's qualifiers): keys vary by source and predicate, so the values are not narrowed."""

# entity-id prefixes by type: e:country/tj, e:person/zamir-kabulov
TYPE_PREFIX = {t.name: t.prefix for t in _SCHEMA.entities.values()}


def check_relation(predicate: str, subject_type: str | None, object_type: str | None) -> str | None:
    """None when a relation between entities of these types fits the schema, else why not."""
    return _SCHEMA.check_relation(predicate, subject_type, object_type)


def fold(text: str) -> str:
    """Case- and accent-folded form used for matching names ("Fāryāb" -> "faryab")."""
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[’'`ʼ]", "'", s)
    return re.sub(r"\s+", " ", s).strip()


def slug(text: str) -> str:
    """URL- and id-safe form of a name: "Zamir Kabulov" -> "zamir-kabulov"."""
    s = re.sub(r"[^\w]+", "-", fold(text)).strip("-")
    return s or "x"


def entity_id(type_: str, name: str) -> str:
    """Deterministic id of a non-pack entity: same name and type is one entity across documents."""
    return f"e:{TYPE_PREFIX[type_]}/{slug(name)}"


def stable_id(prefix: str, *parts: object) -> str:
    """Deterministic SHA1-based id (as followthemoney statements do)."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}:{h[:20]}"


def date_precision(iso: str | None) -> str | None:
    """'2021' -> 'year', '2021-05' -> 'month', '2021-05-25' -> 'day' (crossroads.dates)."""
    return dates.precision(iso)


@dataclass(frozen=True)
class Footnote:
    """A note of a policy brief, kept out of the body's sentences."""

    marker: str
    """The marker as printed ("12")."""
    text: str
    """The note's own text."""
    anchor: int | None = None
    """Offset in the body text just after the word that carried the marker, if found."""


@dataclass(frozen=True)
class Document:
    """One stored document: an article, or a page that holds several articles."""

    id: str
    """'d:' + hash of the normalised text (pages: of their raw content)."""
    source: str
    """Base name of the input file or URL it came from."""
    text: str
    """Cleaned article text; every offset in the store points into it. Empty for a page."""
    title: str | None = None
    author: str | None = None
    """Author(s), joined by ', ' when several."""
    published: str | None = None
    """ISO date at the precision the source gives ('2021', '2021-05', '2021-05-25') or None."""
    parent: str | None = None
    """Id of the page document when the article was split out of a multi-article page."""
    kind: str = "article"
    """'article' or 'page'."""
    content_hash: str = ""
    """SHA1 of the normalised text: exact duplicates share it."""
    duplicate_of: str | None = None
    """Id of the original when this document is a near-duplicate of one already stored."""
    footnotes: tuple[Footnote, ...] = ()
    meta: Data = field(default_factory=dict, hash=False, compare=False)
    """Anything else worth keeping: crawl date, url, format, minhash signature (bytes)."""

    def to_record(self) -> Record:
        return {
            "kind": "document",
            "schema": SCHEMA,
            "id": self.id,
            "source": self.source,
            "title": self.title or "",
            "author": self.author,
            "published": self.published,
            "parent": self.parent,
            "text": self.text,
            "duplicate_of": self.duplicate_of,
            "footnotes": [
                {"marker": f.marker, "text": f.text, "anchor": f.anchor} for f in self.footnotes
            ],
        }


@dataclass(frozen=True)
class Evidence:
    """A span of a stored document that holds the sentence a fact was read from."""

    doc: str
    start: int
    end: int

    def to_record(self) -> Record:
        return {"doc": self.doc, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Mention:
    """One place in a document's text that refers to an entity."""

    entity: str
    doc: str
    start: int
    end: int
    text: str
    kind: str = "name"
    """'name', 'alias', 'acronym', 'short' (surname for a full name) or 'demonym' ("Russian")."""


@dataclass(frozen=True)
class Entity:
    """A thing the reporting names: a state, group, person, place..."""

    id: str
    """Pack id ('e:country/tj') for known things, else entity_id(type, name)."""
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    data: Data = field(default_factory=dict, hash=False, compare=False)
    """Pack data: iso, wikidata, lat, lon, geo_precision, source..."""

    def to_record(self, mentions: list[Mention] | None = None) -> Record:
        return {
            "kind": "entity",
            "schema": SCHEMA,
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "data": self.data,
            "mentions": [
                {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
                for m in (mentions or [])
            ],
        }


@dataclass(frozen=True)
class Relation:
    """One reading of a relation from one sentence (a statement with provenance)."""

    subject: str
    predicate: str
    object: str | None
    evidence: Evidence
    start: str | None = None
    end: str | None = None
    negated: bool = False
    attributed_to: str | None = None
    qualifiers: Data = field(default_factory=dict, hash=False, compare=False)
    origin: str = "extract"
    """Stage that produced it ('extract', 'pack'), so a stage's output can be flushed."""

    @property
    def fact_key(self) -> tuple[str, str, str | None, Any, bool]:
        """Readings with the same key are one fact (corroboration)."""
        s, o = self.subject, self.object
        if self.predicate in SYMMETRIC_PREDICATES and o is not None and o < s:
            s, o = o, s
        res = (self.qualifiers or {}).get("resource") if self.object is None else None
        return (s, self.predicate, o, res, self.negated)

    def to_record(self) -> Record:
        return {
            "kind": "relation",
            "schema": SCHEMA,
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "start": self.start,
            "end": self.end,
            "negated": self.negated,
            "attributed_to": self.attributed_to,
            "qualifiers": dict(self.qualifiers),
            "evidence": [self.evidence.to_record()],
        }


@dataclass(frozen=True)
class Event:
    """One PLOVER event read from one sentence."""

    type: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    evidence: Evidence
    date: str | None = None
    place: str | None = None
    negated: bool = False
    mode: str = "asserted"
    trigger: str = ""
    """The word that signalled the event ("met", "signed")."""

    def to_record(self) -> Record:
        return {
            "kind": "event",
            "schema": SCHEMA,
            "type": self.type,
            "actors": list(self.actors),
            "targets": list(self.targets),
            "date": self.date,
            "place": self.place,
            "negated": self.negated,
            "mode": self.mode,
            "trigger": self.trigger,
            "evidence": [self.evidence.to_record()],
        }


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it."""

    speaker: str | None
    text: str
    evidence: Evidence
    cue: str = ""
    """The cue verb ("said", "explained")."""
    date: str | None = None
    about: tuple[str, ...] = ()
    """Entity ids the quote mentions."""

    def to_record(self) -> Record:
        return {
            "kind": "quote",
            "schema": SCHEMA,
            "speaker": self.speaker,
            "text": self.text,
            "cue": self.cue,
            "date": self.date,
            "about": list(self.about),
            "evidence": [self.evidence.to_record()],
        }


@dataclass
class Extraction:
    """Everything read from one document, written to the store with it in one transaction."""

    doc: str
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class SearchHit:
    """A full-text search result."""

    document: Document
    snippet: str
    """Snippet with matches wrapped in [ and ] markers."""
    score: float


@dataclass
class IngestReport:
    """The summary printed at the end of an ingest."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    """One line per failed input: 'PATH: reason'."""
    documents: list[str] = field(default_factory=list)
    """Ids of the documents stored in this run."""
    seconds: float = 0.0

    def as_dict(self) -> Record:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "near_duplicate": self.near_duplicate,
            "failed": self.failed,
            "errors": self.errors,
            "documents": self.documents,
            "seconds": round(self.seconds, 3),
        }
