"""One search over documents, entities and facts, results grouped by kind, with facets.

Facets count what the unfiltered hits hold (document year, publisher, source grade, entity
type, predicate, event type); chosen facet values narrow the groups they apply to.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any
from urllib.parse import urlparse

from crossroads.model import Document, Entity, SearchHit, fold
from crossroads.store.base import Store
from crossroads.store.query import parse_query
from crossroads.web.data import facts as facts_data
from crossroads.web.data.records import (
    Lookup,
    analysis,
    document_summary,
    entity_summary,
)

SEARCH_CAP = 200
"""Most hits fetched per kind; ``total`` counts up to this many."""

FACETS = ("year", "publisher", "grade", "type", "predicate", "event")
"""Facet parameters: document year, publisher, source grade, entity type, predicate, event type."""

FACET_LABELS = {
    "year": "Document date",
    "publisher": "Publisher",
    "grade": "Source grade",
    "type": "Entity type",
    "predicate": "Predicate",
    "event": "Event type",
}


def publisher(doc: Document) -> str:
    """Who published a document: its metadata's publisher or site, the URL's host, else
    the file it was read from."""
    meta = doc.meta or {}
    for key in ("publisher", "sitename"):
        if meta.get(key):
            return str(meta[key])
    if meta.get("url"):
        host = urlparse(str(meta["url"])).hostname or ""
        if host:
            return host.removeprefix("www.")
    return doc.source


def _grades(store: Store) -> Any:
    from crossroads.web.data.sources import effective

    return effective(store)


def entity_name_query(q: str) -> str:
    """The words of a search as a name: no quotes, operators or trailing '*'."""
    words = [
        w
        for w in q.replace('"', " ").split()
        if w not in ("OR", "NOT", "|") and not w.startswith("-")
    ]
    return re.sub(r"\*+$", "", " ".join(words)).strip()


def find_entities(store: Store, pack: Any, name: str, limit: int = SEARCH_CAP) -> list[Entity]:
    """Entities whose name or alias matches, the pack's aliases included ('TTP', 'Daesh'):
    exact pack matches first, then the store's name matches."""
    out: dict[str, Entity] = {}
    if pack is not None and name:
        resolve = analysis("resolve")
        for pe in pack.lookup(name):
            ent = store.get_entity(pe.id)
            if ent is None and resolve is not None:
                ent = resolve.from_pack(pe)
            if ent is not None:
                out.setdefault(ent.id, ent)
    for e in store.find_entities(name, limit=limit) if name else []:
        out.setdefault(e.id, e)
    return list(out.values())[:limit]


def search(
    store: Store,
    pack: Any,
    lk: Lookup,
    q: str,
    limit: int,
    offset: int,
    chosen: dict[str, str] | None = None,
    mode: str | None = None,
) -> dict[str, Any]:
    """Documents, entities and facts for ``q``; ``chosen`` facet values narrow them and
    ``mode`` ('reported', 'pack', 'both'; default reported when the texts say anything)
    picks which facts show."""
    q = q.strip()
    chosen = {k: v for k, v in (chosen or {}).items() if k in FACETS and v}
    if not q:
        empty = _group([], limit, offset)
        return {
            "query": q,
            "documents": empty,
            "entities": empty,
            "facts": empty,
            "facets": [],
            "chosen": chosen,
            "mode": mode or "reported",
            "mode_counts": {},
        }
    hits = store.search(q, limit=SEARCH_CAP, snippets=False)  # the page's are cut below
    ranked = {h.document.id for h in hits}
    found = find_entities(store, pack, entity_name_query(q))
    if not parse_query(q).operators:  # a plain name: also the documents naming it otherwise
        named = _named(found, entity_name_query(q), pack)
        hits += _mentioning(store, named, {h.document.id for h in hits}, SEARCH_CAP - len(hits))
    docs = _doc_rows(store, hits)
    ents = [entity_summary(e) for e in found]
    facts = _facts_about(store, pack, lk, [e["id"] for e in ents[:3]])
    facts, mode, mode_counts = facts_data.by_mode(facts, mode)
    facets = _facets(docs, ents, facts)
    docs = [d for d in docs if _doc_kept(d, chosen)]
    if chosen.get("type"):
        ents = [e for e in ents if e["type"] == chosen["type"]]
    if chosen.get("predicate"):
        facts = [f for f in facts if f["predicate"] == chosen["predicate"]]
    page = _group(docs, limit, offset)
    cut = store.snippets(q, [d["id"] for d in page["items"] if d["id"] in ranked])
    for d in page["items"]:
        d["snippet"] = cut.get(d["id"], d["snippet"])
    return {
        "query": q,
        "documents": page,
        "entities": _group(ents, limit, offset),
        "facts": _group(facts, limit, offset),
        "facets": facets,
        "chosen": chosen,
        "mode": mode,
        "mode_counts": mode_counts,
    }


def _doc_rows(store: Store, hits: list[SearchHit]) -> list[dict[str, Any]]:
    """Document hits with what their facets count: year, publisher, grade, the event
    types and predicates read from them."""
    grades = _grades(store)
    read = store.knowledge_counts(h.document.id for h in hits)  # a query per 500 hits
    events_in = {d: c["events"] for d, c in read.items()}
    preds_in = {d: c["predicates"] for d, c in read.items()}
    rows = []
    for h in hits:
        d = h.document
        rows.append(
            {
                **document_summary(d),
                "snippet": h.snippet,
                "score": h.score,
                "year": (d.published or "")[:4] or "undated",
                "publisher": publisher(d),
                "grade": grades.of(d) if grades is not None else "F",
                "events": dict(events_in.get(d.id, {})),
                "predicates": dict(preds_in.get(d.id, {})),
            }
        )
    return rows


def _facts_about(store: Store, pack: Any, lk: Lookup, ids: list[str]) -> list[dict[str, Any]]:
    """The facts of the best-matching entities, conflicting ones first and flagged (the
    conflicts analysis also weighs the pack against the texts)."""
    facts: list[dict[str, Any]] = []
    seen: set[str] = set()
    contested: set[tuple[Any, ...]] = set()
    for eid in ids:
        for f in facts_data.facts(store, pack, lk, entity=eid):
            if f["id"] not in seen:
                seen.add(f["id"])
                facts.append(f)
        contested |= {
            facts_data.fact_key(c) for c in facts_data.conflicts(store, pack, lk, entity=eid) or []
        }
    for f in facts:
        f["conflict"] = f["conflict"] or facts_data.fact_key(f) in contested
    facts.sort(key=lambda f: not f["conflict"])  # disagreement first: it is what to check
    return facts


def _named(ents: list[Entity], name: str, pack: Any) -> list[Entity]:
    """The entities a query names exactly (by name or any alias, the pack's included):
    'ISKP' names the Islamic State Khorasan Province."""
    key = fold(name)
    packed = {pe.id for pe in pack.lookup(name)} if pack is not None and key else set()
    return [
        e
        for e in ents
        if key and (e.id in packed or key in {fold(n) for n in (e.name, *e.aliases)})
    ][:3]


def _mentioning(
    store: Store, ents: list[Entity], seen: set[str], room: int = SEARCH_CAP
) -> list[SearchHit]:
    """Documents that mention an entity the query names by an alias they never use (a text
    says 'Tehrik-i-Taliban Pakistan', the analyst types 'TTP'), after the word matches; at
    most ``room`` of them, read in a few queries (documents without text, snippets as spans)."""
    out: list[SearchHit] = []
    for e in ents:
        if len(out) >= room:
            break
        ranked = [
            d for d, _n in store.mention_documents(e.id, limit=room + len(seen)) if d not in seen
        ]
        docs = store.documents_by_id(ranked, text=False)
        ranked = [d for d in ranked if d in docs and not docs[d].duplicate_of][: room - len(out)]
        first: dict[str, tuple[int, int]] = {}
        for doc_id, mentions in store.mentions_in(ranked).items():
            for m in mentions:
                if m.entity == e.id:
                    first.setdefault(doc_id, (m.start, m.end))
        around = {d: (max(0, a - 80), b + 80) for d, (a, b) in first.items()}
        texts = store.spans((d, lo, hi) for d, (lo, hi) in around.items())
        for doc_id in ranked:
            if doc_id not in first:
                continue
            seen.add(doc_id)
            doc, (a, b), (lo, hi) = docs[doc_id], first[doc_id], around[doc_id]
            text = texts.get((doc_id, lo, hi), "")
            chars = int(doc.meta.get("chars") or 0)
            snippet = (
                ("…" if lo else "")
                + text[: a - lo]
                + "["
                + text[a - lo : b - lo]
                + "]"
                + text[b - lo :]
                + ("…" if hi < chars else "")
            )
            out.append(SearchHit(doc, snippet.replace("\n", " "), 0.0))
    return out


def _doc_kept(d: dict[str, Any], chosen: dict[str, str]) -> bool:
    for key in ("year", "publisher", "grade"):
        if chosen.get(key) and str(d[key]) != chosen[key]:
            return False
    if chosen.get("event") and chosen["event"] not in d["events"]:
        return False
    return not (chosen.get("predicate") and chosen["predicate"] not in d["predicates"])


def _facets(
    docs: list[dict[str, Any]], ents: list[dict[str, Any]], facts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    counts: dict[str, Counter[str]] = {k: Counter() for k in FACETS}
    for d in docs:
        counts["year"][d["year"]] += 1
        counts["publisher"][d["publisher"]] += 1
        counts["grade"][d["grade"]] += 1
        for t in d["events"]:
            counts["event"][t] += 1
    for e in ents:
        counts["type"][e["type"]] += 1
    for f in facts:
        counts["predicate"][f["predicate"]] += 1
    out = []
    for key in FACETS:
        values = counts[key].most_common()
        if key in ("year", "grade"):
            values = sorted(values)
        out.append(
            {
                "name": key,
                "label": FACET_LABELS[key],
                "values": [{"value": v, "count": n} for v, n in values],
            }
        )
    return out


def _group(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }
