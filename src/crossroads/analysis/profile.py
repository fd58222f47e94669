"""An entity's profile: everything the store and the pack know of it, each fact cited."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
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

    def to_dict(self) -> dict[str, Any]:
        e = self.entity
        return {"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
                "data": dict(e.data), "pack": self.pack,
                "current": [f.to_dict() for f in self.current],
                "past": [f.to_dict() for f in self.past],
                "events": [x.to_dict() for x in self.events],
                "quotes_by": [x.to_dict() for x in self.quotes_by],
                "quotes_about": [x.to_dict() for x in self.quotes_about],
                "documents": [d.to_dict() for d in self.documents],
                "conflicts": [c.to_dict() for c in self.conflicts],
                "claims_by": [f.to_dict() for f in self.claims_by]}


def profile(store: Store, pack: Pack | None, entity_id: str, today: str | None = None) -> Profile:
    """The profile of an entity given by id or name (NotFound when unknown)."""
    ent = resolve_entity(store, pack, entity_id)
    ctx = Context(store, pack)
    pe = pack.get(ent.id) if pack is not None else None
    if pe is not None and ent.data.get("source") is None:
        ent = Entity(ent.id, ent.type, ent.name, tuple(dict.fromkeys(ent.aliases + pe.aliases)),
                     {**from_pack(pe).data, **ent.data})
    today = today or date.today().isoformat()
    all_facts = facts(store, ent.id, pack=pack, ctx=ctx)
    past = [f for f in all_facts if f.end and f.end[:len(today)] < today[:len(f.end)]]
    current = [f for f in all_facts if f not in past]
    past.sort(key=lambda f: (f.end or "", f.start or ""), reverse=True)
    events = [event_item(ctx, e) for e in store.events(entity=ent.id)]
    events.sort(key=lambda e: e.date or e.evidence.published or "")
    by_doc = Counter(m.doc for m in store.mentions(entity=ent.id))
    docs = []
    for doc_id, n in by_doc.most_common():
        d = ctx.doc(doc_id)
        if d is not None:
            docs.append(DocItem(d.id, d.title, d.published, d.source, n))
    return Profile(entity=ent, pack=from_pack(pe).data if pe is not None else None,
                   current=tuple(current), past=tuple(past), events=tuple(events),
                   quotes_by=tuple(quote_item(ctx, q) for q in store.quotes(speaker=ent.id)),
                   quotes_about=tuple(quote_item(ctx, q) for q in store.quotes(about=ent.id)),
                   documents=tuple(docs),
                   conflicts=tuple(conflicts(store, pack, ent.id, ctx=ctx)),
                   claims_by=tuple(claims(store, ent.id, pack, ctx=ctx)))
