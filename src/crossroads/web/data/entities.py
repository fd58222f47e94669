"""Entity profiles: what the store (and the pack) knows of one entity, with evidence."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from crossroads.exc import NotFound
from crossroads.model import Entity
from crossroads.store.base import Store
from crossroads.web.data import facts as facts_data
from crossroads.web.data.records import (
    Lookup,
    analysis,
    document_summary,
    document_url,
    entity_summary,
    event_dict,
    plain,
    quote_dict,
)


def resolve(store: Store, pack: Any, name_or_id: str) -> Entity:
    """The entity with this id, name or alias (store first, then pack); NotFound otherwise."""
    mod = analysis("resolve")
    if mod is not None:
        found: Entity = mod.resolve_entity(store, pack, name_or_id)
        return found
    ent = store.get_entity(name_or_id)
    if ent is not None:
        return ent
    hits = store.find_entities(name_or_id, limit=1)
    if hits:
        return hits[0]
    raise NotFound(f"no entity {name_or_id!r} in the store")


def pack_data(pack: Any, entity: Entity) -> dict[str, Any]:
    """The pack's record of the entity (source, iso, coordinates...) merged over Entity.data."""
    out = {k: v for k, v in (entity.data or {}).items() if not isinstance(v, bytes)}
    pe = pack.get(entity.id) if pack is not None else None
    if pe is not None:
        for k, v in asdict(pe).items():
            if k in ("id", "type", "name", "aliases") or v in (None, (), {}, ""):
                continue
            if k == "data":
                out.update(v)
            else:
                out[k] = list(v) if isinstance(v, tuple) else v
    return out


def _event(raw: dict[str, Any], lk: Lookup) -> dict[str, Any]:
    """analysis.items.EventItem.to_dict() in the shape of records.event_dict."""
    return {
        "type": raw["type"],
        "actors": [lk.ref(a) for a in raw.get("actors", [])],
        "targets": [lk.ref(t) for t in raw.get("targets", [])],
        "date": raw.get("date"),
        "place": lk.ref(raw.get("place"), raw.get("place_name")),
        "negated": bool(raw.get("negated")),
        "mode": raw.get("mode", "asserted"),
        "trigger": raw.get("trigger", ""),
        "evidence": [lk.evidence(raw["evidence"])],
    }


def _quote(raw: dict[str, Any], lk: Lookup) -> dict[str, Any]:
    return {
        "speaker": lk.ref(raw.get("speaker"), raw.get("speaker_name")),
        "text": raw["text"],
        "cue": raw.get("cue", ""),
        "date": raw.get("date"),
        "about": [lk.ref(a) for a in raw.get("about", [])],
        "evidence": [lk.evidence(raw["evidence"])],
    }


PROFILE_LIMIT = 50
"""Facts, events, quotes and documents a profile page holds of each, unless asked for more."""
PROFILE_MAX = 500
"""The most of each one page may hold (a store of 100k documents never answers in MBs)."""


def profile(
    store: Store,
    pack: Any,
    lk: Lookup,
    entity: Entity,
    mode: str | None = None,
    limit: int = PROFILE_LIMIT,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of what an entity page shows, as a JSON-ready dict; ``mode`` picks the facts
    (reported, pack or both; reported by default when the texts say anything). Each list
    holds up to ``limit`` items from ``offset``; ``totals`` counts them all and ``next_offset``
    is where the next page starts (None on the last)."""
    mod = analysis("profile")
    totals: dict[str, int] = {}
    if mod is not None:
        raw = plain(
            mod.profile(store, pack, entity.id, ctx=lk.context(), limit=limit, offset=offset)
        )
        totals = dict(raw.get("totals") or {})
        facts = [facts_data.normalise(f, lk) for f in raw["current"]] + [
            {**facts_data.normalise(f, lk), "past": True} for f in raw["past"]
        ]
        events = [_event(e, lk) for e in raw["events"]]
        quotes_by = [_quote(q, lk) for q in raw["quotes_by"]]
        quotes_about = [_quote(q, lk) for q in raw["quotes_about"] if q.get("speaker") != entity.id]
        documents = [
            {**d, "title": d.get("title") or d["source"], "url": document_url(d["id"])}
            for d in raw["documents"]
        ]
        conflicts: list[dict[str, Any]] | None = [
            facts_data.conflict(c, lk) for c in raw["conflicts"]
        ]
        data = {**pack_data(pack, entity), **(raw.get("pack") or {}), **(raw.get("data") or {})}
        aliases = raw.get("aliases") or list(entity.aliases)
    else:
        facts = facts_data.facts(store, pack, lk, entity=entity.id)
        conflicts = facts_data.conflicts(store, pack, lk, entity=entity.id)
        per_doc = Counter(m.doc for m in store.mentions(entity=entity.id)).most_common()
        totals["documents"] = len(per_doc)
        documents = []
        for doc_id, n in per_doc[offset : offset + limit]:
            d = lk.doc(doc_id)
            if d is not None:
                documents.append({**document_summary(d), "mentions": n})
        quotes_by = [quote_dict(q, lk) for q in store.quotes(speaker=entity.id)]
        quotes_about = [
            quote_dict(q, lk) for q in store.quotes(about=entity.id) if q.speaker != entity.id
        ]
        events = sorted(
            (event_dict(e, lk) for e in store.events(entity=entity.id)),
            key=lambda e: e["date"] or "9999",
        )
        data = pack_data(pack, entity)
        aliases = list(entity.aliases)
    contested = {facts_data.fact_key(c) for c in conflicts or []}
    for f in facts:
        f["conflict"] = f["conflict"] or facts_data.fact_key(f) in contested
    facts, mode, mode_counts = facts_data.by_mode(facts, mode)
    mentions = totals.get("mentions", sum(d.get("mentions", 0) for d in documents))
    totals = {
        "facts": len(facts),
        "conflicts": len(conflicts or []),
        "events": totals.get("events", len(events)),
        "quotes_by": totals.get("quotes_by", len(quotes_by)),
        "quotes_about": totals.get("quotes_about", len(quotes_about)),
        "documents": totals.get("documents", len(documents)),
    }
    if mod is None:  # the fallback read everything: page it here
        events, quotes_by, quotes_about = (
            x[offset : offset + limit] for x in (events, quotes_by, quotes_about)
        )
    facts = facts[offset : offset + limit]
    page_conflicts = None if conflicts is None else conflicts[offset : offset + limit]
    more = any(n > offset + limit for n in totals.values())
    summary = {
        **entity_summary(entity, mentions),
        "aliases": aliases,
        "data": {k: v for k, v in data.items() if not isinstance(v, (bytes, dict))},
    }
    return {
        "entity": summary,
        "facts": by_predicate_with_counts(facts),
        "fact_count": totals["facts"],
        "mode": mode,
        "mode_counts": mode_counts,
        "quotes_by": quotes_by,
        "quotes_about": quotes_about,
        "events": events,
        "documents": documents,
        "conflicts": page_conflicts,
        "conflicts_available": conflicts is not None,
        "totals": totals,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }


def by_predicate_with_counts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups = facts_data.by_predicate(facts)
    for g in groups:
        g["count"] = len(g["facts"])
    return groups
