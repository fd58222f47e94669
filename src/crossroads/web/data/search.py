"""One search over documents, entities and facts, results grouped by kind."""
from __future__ import annotations

from crossroads.store.base import Store
from crossroads.web.data import facts as facts_data
from crossroads.web.data.records import Lookup, document_summary, entity_summary

SEARCH_CAP = 200
"""Most hits fetched per kind; ``total`` counts up to this many."""


def search(store: Store, pack, lk: Lookup, q: str, limit: int, offset: int) -> dict:
    q = q.strip()
    if not q:
        return {"query": q, "documents": _group([], limit, offset),
                "entities": _group([], limit, offset), "facts": _group([], limit, offset)}
    hits = store.search(q, limit=SEARCH_CAP)
    docs = [{**document_summary(h.document), "snippet": h.snippet, "score": h.score}
            for h in hits]
    ents = store.find_entities(q, limit=SEARCH_CAP)
    entities = [entity_summary(e) for e in ents]
    facts: list[dict] = []
    seen: set[str] = set()
    for e in ents[:3]:  # facts about the best-matching entities
        for f in facts_data.facts(store, pack, lk, entity=e.id):
            if f["id"] not in seen:
                seen.add(f["id"])
                facts.append(f)
    return {"query": q, "documents": _group(docs, limit, offset),
            "entities": _group(entities, limit, offset), "facts": _group(facts, limit, offset)}


def _group(items: list, limit: int, offset: int) -> dict:
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset:offset + limit]}
