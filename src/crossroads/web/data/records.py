"""Plain-dict forms of stored records, with the names and sentences a reader needs."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from crossroads.model import Document, Entity, Event, Quote, Relation
from crossroads.store.base import Store
from crossroads.store.cache import Documents

if TYPE_CHECKING:
    from crossroads.analysis.context import Context


def analysis(name: str) -> ModuleType | None:
    """crossroads.analysis.<name> if it is installed, else None (its page says so)."""
    try:
        return importlib.import_module(f"crossroads.analysis.{name}")
    except ModuleNotFoundError as exc:
        if exc.name in (f"crossroads.analysis.{name}", "crossroads.analysis"):
            return None
        raise


def plain(obj: Any) -> Any:
    """A dataclass result (with or without to_dict) as JSON-ready data."""
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    return obj


_URL = re.compile(r"https?://[^\s<>\"']+")


def citation(source: str | None) -> dict[str, Any]:
    """A pack source split into its link and its note: 'https://x.org/ (CAREC strategy)'
    is the URL https://x.org/ and the note 'CAREC strategy'."""
    src = (source or "").strip()
    m = _URL.search(src)
    url = m.group(0).rstrip(".,;)") if m else None
    note = (src[: m.start()] + src[m.start() + len(url) :]).strip() if m and url else src
    note = re.sub(r"^\(([^()]*)\)", r"\1", note.strip(" ;,")).strip(" ;,")
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else None
    return {"url": url, "note": note or None, "host": host}


_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def unsnake(text: str | None) -> str:
    """'A member_of B' as 'A member of B': predicates read as words on every page."""
    return _SNAKE.sub(lambda m: m.group(0).replace("_", " "), text or "")


def entity_url(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe=":/")


def document_url(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    url = "/documents/" + quote(doc_id, safe=":")
    if start is not None:
        url += f"?hl={start}-{end}#s-{start}"
    return url


class Lookup:
    """Per-request memo of documents and entities, so a page reads each one once."""

    def __init__(self, store: Store, pack: Any = None) -> None:
        self.store = store
        self.pack = pack
        self.docs = Documents(store)
        self._ents: dict[str, Entity | None] = {}
        self._ctx: Context | None = None

    def doc(self, doc_id: str) -> Document | None:
        """The document without its text (``meta['chars']`` is its length)."""
        return self.docs.get(doc_id)

    def context(self) -> Context:
        """The analyses' Context over this request's documents (one cache for both layers)."""
        if self._ctx is None:
            from crossroads.analysis.context import Context as Ctx

            self._ctx = Ctx(self.store, self.pack, docs=self.docs)
        return self._ctx

    def prime(self, entities: Iterable[Entity]) -> None:
        """Remember entities read in bulk, so a page that names hundreds reads none twice."""
        for ent in entities:
            self._ents.setdefault(ent.id, ent)

    def entity(self, entity_id: str) -> Entity | None:
        if entity_id not in self._ents and self._ctx is not None:
            self._ents[entity_id] = self._ctx.entity(entity_id)  # read once for both layers
        if entity_id not in self._ents:
            ent = self.store.get_entity(entity_id)
            if ent is None and self.pack is not None:
                pe = self.pack.get(entity_id)
                if pe is not None:
                    ent = Entity(pe.id, pe.type, pe.name, tuple(pe.aliases))
            self._ents[entity_id] = ent
        return self._ents[entity_id]

    def coords(self, entity_id: str | None) -> tuple[float, float] | None:
        """(lat, lon) from the stored entity's data, else from the pack."""
        if not entity_id:
            return None
        ent = self.entity(entity_id)
        data = (ent.data or {}) if ent else {}
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None or lon is None) and self.pack is not None:
            pe = self.pack.get(entity_id)
            if pe is not None:
                lat, lon = pe.lat, pe.lon
        try:
            return (float(lat), float(lon)) if lat is not None and lon is not None else None
        except (TypeError, ValueError):
            return None

    def ref(self, entity_id: Any, name: str | None = None) -> dict[str, Any] | None:
        """{"id", "name", "type", "url"} of an entity id (or {"id", "name"} dict)."""
        if not entity_id:
            return None
        if isinstance(entity_id, dict):
            name = name or entity_id.get("name")
            entity_id = entity_id.get("id")
            if not entity_id:
                return None
        ent = self.entity(entity_id)
        return {
            "id": entity_id,
            "name": name or (ent.name if ent else entity_id),
            "type": ent.type if ent else None,
            "url": entity_url(entity_id),
        }

    def evidence(self, ev: Any) -> dict[str, Any]:
        """An evidence span (or an analysis Citation) with its sentence, document title/date
        and reader link; a knowledge-pack citation keeps its public source instead."""
        if is_dataclass(ev):
            ev = plain(ev)
        if ev.get("kind") == "pack" or not ev.get("doc"):
            cite = citation(ev.get("source"))
            return {
                "kind": "pack",
                "doc": None,
                "start": None,
                "end": None,
                "text": unsnake(ev.get("text")),
                "title": "knowledge pack",
                "published": None,
                "source": cite["note"] or cite["host"] or "",
                "reliability": None,
                "url": cite["url"],
                "host": cite["host"],
                "note": cite["note"],
            }
        doc = self.doc(ev["doc"])
        start, end = int(ev["start"]), int(ev["end"])
        return {
            "kind": "text",
            "doc": ev["doc"],
            "start": start,
            "end": end,
            "text": ev.get("text") or (self.docs.span(ev["doc"], start, end) if doc else ""),
            "title": ev.get("title") or (doc.title if doc else None),
            "published": ev.get("published") or (doc.published if doc else None),
            "source": ev.get("source") or (doc.source if doc else None),
            "reliability": ev.get("reliability"),
            "url": document_url(ev["doc"], start, end),
        }


def document_summary(d: Document) -> dict[str, Any]:
    chars = len(d.text) or int((d.meta or {}).get("chars") or 0)  # a document read without text
    return {
        "id": d.id,
        "title": d.title or d.source,
        "source": d.source,
        "author": d.author,
        "published": d.published,
        "kind": d.kind,
        "parent": d.parent,
        "duplicate_of": d.duplicate_of,
        "chars": chars,
        "url": document_url(d.id),
        "corrected": list((d.meta or {}).get("corrected") or []),
        "original": dict((d.meta or {}).get("original") or {}),
    }


def entity_summary(e: Entity, mentions: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": e.id,
        "type": e.type,
        "name": e.name,
        "aliases": list(e.aliases),
        "url": entity_url(e.id),
    }
    if mentions is not None:
        out["mentions"] = mentions
    return out


def relation_dict(r: Relation, lk: Lookup) -> dict[str, Any]:
    return {
        "subject": lk.ref(r.subject),
        "predicate": r.predicate,
        "object": lk.ref(r.object),
        "start": r.start,
        "end": r.end,
        "negated": r.negated,
        "attributed_to": lk.ref(r.attributed_to),
        "qualifiers": dict(r.qualifiers or {}),
        "origin": r.origin,
        "evidence": [lk.evidence(r.evidence)],
    }


def event_dict(e: Event, lk: Lookup) -> dict[str, Any]:
    return {
        "type": e.type,
        "actors": [lk.ref(a) for a in e.actors],
        "targets": [lk.ref(t) for t in e.targets],
        "date": e.date,
        "place": lk.ref(e.place),
        "negated": e.negated,
        "mode": e.mode,
        "trigger": e.trigger,
        "evidence": [lk.evidence(e.evidence)],
    }


def quote_dict(q: Quote, lk: Lookup) -> dict[str, Any]:
    return {
        "speaker": lk.ref(q.speaker),
        "text": q.text,
        "cue": q.cue,
        "date": q.date,
        "about": [lk.ref(a) for a in q.about],
        "evidence": [lk.evidence(q.evidence)],
    }
