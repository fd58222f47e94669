"""Records <-> table rows, shared by the SQL backends so both read and write the same shapes.

JSON columns are written as JSON text (SQLite TEXT, PostgreSQL JSONB accepts it) and read back
from either text or the already-decoded value psycopg returns for JSONB.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crossroads.model import (
    Document,
    Entity,
    Event,
    Evidence,
    Footnote,
    Mention,
    Quote,
    Relation,
)

DOCUMENT_COLUMNS = (
    "id",
    "source",
    "title",
    "author",
    "published",
    "parent",
    "kind",
    "content_hash",
    "duplicate_of",
    "text",
    "footnotes",
    "meta",
    "minhash",
)
ENTITY_COLUMNS = ("id", "type", "name", "aliases", "data")
MENTION_COLUMNS = ("entity", "doc", "span_start", "span_end", "text", "kind")
RELATION_COLUMNS = (
    "doc",
    "span_start",
    "span_end",
    "subject",
    "predicate",
    "object",
    "start_date",
    "end_date",
    "negated",
    "attributed_to",
    "qualifiers",
    "origin",
)
EVENT_COLUMNS = (
    "doc",
    "span_start",
    "span_end",
    "type",
    "actors",
    "targets",
    "date",
    "place",
    "negated",
    "mode",
    "trigger_word",
)
QUOTE_COLUMNS = ("doc", "span_start", "span_end", "speaker", "text", "cue", "date", "about")


def columns(names: Sequence[str], alias: str) -> str:
    """'a.x, a.y' for a SELECT list."""
    return ", ".join(f"{alias}.{n}" for n in names)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def loads(value: Any) -> Any:
    if value == "{}":  # most qualifiers and lists: no parser needed (pages read thousands)
        return {}
    if value == "[]":
        return []
    return json.loads(value) if isinstance(value, (str, bytes)) else value


# -- documents ---------------------------------------------------------------------------
def document_row(doc: Document) -> tuple[Any, ...]:
    meta = dict(doc.meta or {})
    minhash = meta.pop("minhash", None)
    footnotes = [{"marker": f.marker, "text": f.text, "anchor": f.anchor} for f in doc.footnotes]
    return (
        doc.id,
        doc.source,
        doc.title,
        doc.author,
        doc.published,
        doc.parent,
        doc.kind,
        doc.content_hash or "",
        doc.duplicate_of,
        doc.text,
        dumps(footnotes),
        dumps(meta),
        bytes(minhash) if minhash is not None else None,
    )


def document_from(row: Sequence[Any]) -> Document:
    (
        id_,
        source,
        title,
        author,
        published,
        parent,
        kind,
        content_hash,
        duplicate_of,
        text,
        footnotes,
        meta,
        minhash,
    ) = row[:13]
    meta = dict(loads(meta) or {})
    if minhash is not None:
        meta["minhash"] = bytes(minhash)
    notes = tuple(Footnote(f["marker"], f["text"], f.get("anchor")) for f in loads(footnotes) or [])
    return Document(
        id=id_,
        source=source,
        text=text,
        title=title,
        author=author,
        published=published,
        parent=parent,
        kind=kind,
        content_hash=content_hash,
        duplicate_of=duplicate_of,
        footnotes=notes,
        meta=meta,
    )


# -- knowledge ---------------------------------------------------------------------------
def entity_row(e: Entity) -> tuple[Any, ...]:
    return (e.id, e.type, e.name, dumps(list(e.aliases)), dumps(e.data or {}))


def entity_from(row: Sequence[Any]) -> Entity:
    id_, type_, name, aliases, data = row[:5]
    return Entity(
        id=id_,
        type=type_,
        name=name,
        aliases=tuple(loads(aliases) or ()),
        data=dict(loads(data) or {}),
    )


def mention_row(m: Mention) -> tuple[Any, ...]:
    return (m.entity, m.doc, m.start, m.end, m.text, m.kind)


def mention_from(row: Sequence[Any]) -> Mention:
    entity, doc, start, end, text, kind = row[:6]
    return Mention(entity=entity, doc=doc, start=start, end=end, text=text, kind=kind)


def relation_row(r: Relation) -> tuple[Any, ...]:
    ev = r.evidence
    return (
        ev.doc,
        ev.start,
        ev.end,
        r.subject,
        r.predicate,
        r.object,
        r.start,
        r.end,
        bool(r.negated),
        r.attributed_to,
        dumps(r.qualifiers or {}),
        r.origin,
    )


def relation_from(row: Sequence[Any]) -> Relation:
    (
        doc,
        start,
        end,
        subject,
        predicate,
        object_,
        start_date,
        end_date,
        negated,
        attributed_to,
        qualifiers,
        origin,
    ) = row[:12]
    return Relation(
        subject=subject,
        predicate=predicate,
        object=object_,
        evidence=Evidence(doc, start, end),
        start=start_date,
        end=end_date,
        negated=bool(negated),
        attributed_to=attributed_to,
        qualifiers=dict(loads(qualifiers) or {}),
        origin=origin,
    )


def event_shape(e: Event) -> str:
    """What a timeline summary of the event shows (type, actors, targets, polarity, mode),
    as migrations.EVENT_SHAPE reads it from a stored event: events alike group by it."""
    parts = (e.type, dumps(list(e.actors)), dumps(list(e.targets)), str(int(bool(e.negated))))
    return "\x1f".join((*parts, e.mode))


def event_row(e: Event) -> tuple[Any, ...]:
    ev = e.evidence
    return (
        ev.doc,
        ev.start,
        ev.end,
        e.type,
        dumps(list(e.actors)),
        dumps(list(e.targets)),
        e.date,
        e.place,
        bool(e.negated),
        e.mode,
        e.trigger,
    )


def event_from(row: Sequence[Any]) -> Event:
    doc, start, end, type_, actors, targets, date, place, negated, mode, trigger = row[:11]
    return Event(
        type=type_,
        actors=tuple(loads(actors) or ()),
        targets=tuple(loads(targets) or ()),
        evidence=Evidence(doc, start, end),
        date=date,
        place=place,
        negated=bool(negated),
        mode=mode,
        trigger=trigger,
    )


def quote_row(q: Quote) -> tuple[Any, ...]:
    ev = q.evidence
    return (ev.doc, ev.start, ev.end, q.speaker, q.text, q.cue, q.date, dumps(list(q.about)))


def quote_from(row: Sequence[Any]) -> Quote:
    doc, start, end, speaker, text, cue, date, about = row[:8]
    return Quote(
        speaker=speaker,
        text=text,
        evidence=Evidence(doc, start, end),
        cue=cue,
        date=date,
        about=tuple(loads(about) or ()),
    )
