"""The document reader: text cut into segments by mentions, fact sentences and a highlight.

The text is never turned into HTML here: each segment carries plain text plus what it is
part of (a mention of an entity, a sentence that facts were read from, the highlighted
span), and the template escapes the text as it renders it.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from typing import Any

from crossroads.model import Document
from crossroads.pack import Pack
from crossroads.store.base import Store
from crossroads.web.data.records import (
    Lookup,
    document_summary,
    entity_url,
    event_dict,
    quote_dict,
    relation_dict,
)


def segments(
    text: str,
    mentions: list[tuple[int, int, str]],
    sentences: list[tuple[int, int]],
    highlight: tuple[int, int] | None,
    anchors: set[int] | frozenset[int] = frozenset(),
) -> list[dict[str, Any]]:
    """Elementary pieces of ``text`` between every boundary of a mention, sentence or highlight.

    Each piece: {"text", "entity" (id or None), "s" (start of the fact sentence it lies in, or
    None), "hl" (bool), "anchor" (sentence start that begins here, or None)}.
    """
    n = len(text)
    cuts = {0, n}
    for s, e, _ in mentions:
        cuts.update((max(0, min(s, n)), max(0, min(e, n))))
    for s, e in sentences:
        cuts.update((max(0, min(s, n)), max(0, min(e, n))))
    cuts.update(a for a in anchors if 0 <= a <= n)
    if highlight:
        cuts.update((max(0, min(highlight[0], n)), max(0, min(highlight[1], n))))
    points = sorted(cuts)
    starts = {s for s, _ in sentences} | set(anchors)
    out = []
    for a, b in pairwise(points):
        if a == b:
            continue
        ent = next((eid for s, e, eid in mentions if s <= a and b <= e), None)
        sent = next((s for s, e in sentences if s <= a and b <= e), None)
        hl = bool(highlight and highlight[0] <= a and b <= highlight[1])
        out.append(
            {
                "text": text[a:b],
                "start": a,
                "entity": ent,
                "url": entity_url(ent) if ent else None,
                "s": sent,
                "hl": hl,
                "anchor": a if a in starts else None,
            }
        )
    return out


def _cards(
    text: str, spans: list[tuple[int, int]], by_sentence: dict[tuple[int, int], dict[str, Any]]
) -> list[dict[str, Any]]:
    """One card per sentence start (its anchor id is unique): readings of spans that share
    a start are merged under the longest span."""
    cards: dict[int, dict[str, Any]] = {}
    for s, e in spans:
        card = cards.setdefault(
            s, {"start": s, "end": e, "relations": [], "events": [], "quotes": []}
        )
        card["end"] = max(card["end"], e)
        for kind in ("relations", "events", "quotes"):
            card[kind] += by_sentence[(s, e)][kind]
    for card in cards.values():
        card["text"] = text[card["start"] : card["end"]]
    return list(cards.values())


def reader(
    store: Store,
    pack: Pack | None,
    lk: Lookup,
    doc: Document,
    highlight: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """Everything the reader page shows for one document."""
    mentions = store.mentions(doc=doc.id)
    relations = store.relations(doc=doc.id)
    events = store.events(doc=doc.id)
    quotes = store.quotes(doc=doc.id)
    by_sentence: dict[tuple[int, int], dict[str, Any]] = defaultdict(
        lambda: {"relations": [], "events": [], "quotes": []}
    )
    for r in relations:
        by_sentence[(r.evidence.start, r.evidence.end)]["relations"].append(relation_dict(r, lk))
    for ev in events:
        by_sentence[(ev.evidence.start, ev.evidence.end)]["events"].append(event_dict(ev, lk))
    for q in quotes:
        by_sentence[(q.evidence.start, q.evidence.end)]["quotes"].append(quote_dict(q, lk))
    spans = sorted(by_sentence)
    # a fact sentence that overlaps an earlier one keeps its anchor but not its own colour
    flat: list[tuple[int, int]] = []
    for s, e in spans:
        if not flat or s >= flat[-1][1]:
            flat.append((s, e))
    ments = sorted(((m.start, m.end, m.entity) for m in mentions), key=lambda t: (t[0], -t[1]))
    kept: list[tuple[int, int, str]] = []
    for span in ments:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    segs = segments(doc.text, kept, flat, highlight, {s for s, _ in spans})
    sentences = _cards(doc.text, spans, by_sentence)
    entities: dict[str, int] = {}
    for m in mentions:
        entities.setdefault(m.entity, 0)
        entities[m.entity] += 1
    parent = lk.doc(doc.parent) if doc.parent else None
    siblings = (
        [document_summary(d) for d in store.documents(parent=doc.parent) if d.id != doc.id]
        if doc.parent
        else []
    )
    children = (
        [document_summary(d) for d in store.documents(parent=doc.id)] if doc.kind == "page" else []
    )
    dup_of = lk.doc(doc.duplicate_of) if doc.duplicate_of else None
    duplicates = [document_summary(d) for d in store.documents(duplicate_of=doc.id)]
    return {
        "document": {
            **document_summary(doc),
            "text": doc.text,
            "meta": {
                k: v for k, v in (doc.meta or {}).items() if isinstance(v, (str, int, float, bool))
            },
            "footnotes": [
                {"marker": f.marker, "text": f.text, "anchor": f.anchor} for f in doc.footnotes
            ],
        },
        "highlight": list(highlight) if highlight else None,
        "segments": segs,
        "sentences": sentences,
        "mentions": [
            {"entity": m.entity, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
            for m in mentions
        ],
        "entities": sorted(
            ({**(lk.ref(eid) or {}), "mentions": n} for eid, n in entities.items()),
            key=lambda x: -x["mentions"],
        ),
        "parent": document_summary(parent) if parent else None,
        "siblings": siblings,
        "children": children,
        "duplicate_of": document_summary(dup_of) if dup_of else None,
        "duplicates": duplicates,
    }
