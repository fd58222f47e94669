"""An entity's profile: everything the store and the pack know of it, each fact cited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crossroads.analysis.conflicts import Conflict, conflicts
from crossroads.analysis.context import Context
from crossroads.analysis.facts import Fact, claims, facts
from crossroads.analysis.items import (
    DocItem,
    EventItem,
    QuoteItem,
    event_item,
    quote_item,
)
from crossroads.analysis.resolve import from_pack, resolve_entity
from crossroads.model import Entity
from crossroads.pack import Pack
from crossroads.store.base import Store

__all__ = ["Profile", "profile"]


@dataclass(frozen=True)
class Profile:
    """What is known of one entity."""

    entity: Entity
    pack: dict[str, Any] | None
    """The pack's entry (with its source), when the pack knows the entity."""
    current: tuple[Fact, ...]
    """Relations holding now (no end date, or one not yet reached)."""
    past: tuple[Fact, ...]
    """Relations that ended, with their dates."""
    events: tuple[EventItem, ...]
    quotes_by: tuple[QuoteItem, ...]
    quotes_about: tuple[QuoteItem, ...]
    documents: tuple[DocItem, ...]
    conflicts: tuple[Conflict, ...]
    claims_by: tuple[Fact, ...] = ()
    """Relations the text attributes to the entity ("according to ...")."""
    totals: dict[str, int] = field(default_factory=dict)
    """How many events, quotes_by, quotes_about and documents there are in all (a paged
    profile holds one page of each), from the counts ingest keeps."""

    def to_dict(self) -> dict[str, Any]:
        e = self.entity
        return {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "aliases": list(e.aliases),
            "data": dict(e.data),
            "pack": self.pack,
            "current": [f.to_dict() for f in self.current],
            "past": [f.to_dict() for f in self.past],
            "events": [x.to_dict() for x in self.events],
            "quotes_by": [x.to_dict() for x in self.quotes_by],
            "quotes_about": [x.to_dict() for x in self.quotes_about],
            "documents": [d.to_dict() for d in self.documents],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "claims_by": [f.to_dict() for f in self.claims_by],
            "totals": dict(self.totals),
        }


def totals(store: Store, entity_id: str) -> dict[str, int]:
    """Events, quotes by and about, documents and mentions of an entity, as ingest counted
    them (no count over the store's rows)."""
    try:
        counts = store.entity_counts([entity_id]).get(entity_id, {})
    except NotImplementedError:
        return {}
    return {
        "events": sum(counts.get("events", {}).values()),
        "quotes_by": sum(counts.get("quotes_by", {}).values()),
        "quotes_about": sum(counts.get("quotes_about", {}).values()),
        "documents": sum(counts.get("documents", {}).values()),
        "mentions": sum(counts.get("mentions", {}).values()),
    }


def profile(
    store: Store,
    pack: Pack | None,
    entity_id: str,
    today: str | None = None,
    ctx: Context | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Profile:
    """The profile of an entity given by id or name (NotFound when unknown). With ``limit``,
    events, quotes and documents are one page (``offset`` on) and ``totals`` count them all;
    facts and conflicts are whole (each fact cites its first sentences only)."""
    ent = resolve_entity(store, pack, entity_id)
    ctx = ctx or Context(store, pack)
    pe = pack.get(ent.id) if pack is not None else None
    if pe is not None and ent.data.get("source") is None:
        ent = Entity(
            ent.id,
            ent.type,
            ent.name,
            tuple(dict.fromkeys(ent.aliases + pe.aliases)),
            {**from_pack(pe).data, **ent.data},
        )
    today = today or date.today().isoformat()
    all_facts = facts(store, ent.id, pack=pack, ctx=ctx)
    past = [f for f in all_facts if f.end and f.end[: len(today)] < today[: len(f.end)]]
    current = [f for f in all_facts if f not in past]
    past.sort(key=lambda f: (f.end or "", f.start or ""), reverse=True)
    page: dict[str, Any] = {} if limit is None else {"limit": limit, "offset": offset}
    stored_events = store.events(entity=ent.id, **page)
    said = store.quotes(speaker=ent.id, **page)
    about = store.quotes(about=ent.id, **page)
    ranked = store.mention_documents(ent.id, **page)
    ctx.prefetch([e.evidence for e in stored_events] + [q.evidence for q in said + about])
    ctx.docs.load(doc_id for doc_id, _n in ranked)
    ctx.load_entities(
        [x for e in stored_events for x in (*e.actors, *e.targets, e.place)]
        + [x for q in said + about for x in (q.speaker, *q.about)]
    )
    events = [event_item(ctx, e) for e in stored_events]
    events.sort(key=lambda e: e.date or e.evidence.published or "")
    docs = []
    for doc_id, n in ranked:
        d = ctx.doc(doc_id)
        if d is not None:
            docs.append(DocItem(d.id, d.title, d.published, d.source, n))
    return Profile(
        entity=ent,
        pack=from_pack(pe).data if pe is not None else None,
        current=tuple(current),
        past=tuple(past),
        events=tuple(events),
        quotes_by=tuple(quote_item(ctx, q) for q in said),
        quotes_about=tuple(quote_item(ctx, q) for q in about),
        documents=tuple(docs),
        conflicts=tuple(conflicts(store, pack, ent.id, ctx=ctx)),
        claims_by=tuple(claims(store, ent.id, pack, ctx=ctx)),
        totals=totals(store, ent.id),
    )
