"""Timeline items, relation networks and map markers, from the analyses or the store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from crossroads.store.base import Store
from crossroads.web.data import facts as facts_data
from crossroads.web.data import netview
from crossroads.web.data.records import Lookup, analysis, entity_url, plain, unsnake

if TYPE_CHECKING:
    from crossroads.pack import Pack


def _precision(iso: str | None) -> str | None:
    return {4: "year", 7: "month", 10: "day"}.get(len(iso or ""), None) if iso else None


def within(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    if not date:
        return not (date_from or date_to)
    if date_from and date[: len(date_from)] < date_from[: len(date)]:
        return False
    return not (date_to and date[: len(date_to)] > date_to[: len(date)])


def timeline(
    store: Store,
    pack: Pack | None,
    lk: Lookup,
    entity: str | None = None,
    other: str | None = None,
    query: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[dict[str, Any]]:
    """Dated events and relations in date order, each with its precision and evidence."""
    mod = analysis("timeline")
    if mod is not None:
        raw = [
            plain(x)
            for x in mod.timeline(
                store,
                entity=entity,
                other=other,
                query=query,
                date_from=date_from,
                date_to=date_to,
                pack=pack,
                ctx=lk.context(),
            )
        ]
        return [_item(r, lk, i) for i, r in enumerate(raw)]
    items: list[dict[str, Any]] = []
    for i, e in enumerate(store.events(entity=entity, date_from=date_from, date_to=date_to)):
        if not e.date or (other and other not in e.actors + e.targets):
            continue
        items.append(
            {
                "id": f"ev{i}",
                "kind": "event",
                "type": e.type,
                "date": e.date,
                "end": None,
                "precision": _precision(e.date),
                "label": f"{e.type}: "
                + ", ".join((lk.ref(a) or {"name": a})["name"] for a in e.actors[:3]),
                "origin": "extract",
                "entities": [lk.ref(x) for x in (*e.actors, *e.targets)],
                "negated": e.negated,
                "mode": e.mode,
                "evidence": [lk.evidence(e.evidence)],
            }
        )
    for j, f in enumerate(facts_data.facts(store, pack, lk, entity=entity)):
        date = f["start"] or f["end"]
        if not date or not within(date, date_from, date_to):
            continue
        ids = {f["subject"]["id"], (f["object"] or {}).get("id")}
        if other and other not in ids:
            continue
        obj = f["object"]["name"] if f["object"] else f["qualifiers"].get("resource", "")
        items.append(
            {
                "id": f"rel{j}",
                "kind": "relation",
                "type": f["predicate"],
                "date": f["start"] or f["end"],
                "end": f["end"] if f["start"] else None,
                "precision": _precision(date),
                "label": readable(f"{f['subject']['name']} {f['predicate']} {obj}"),
                "origin": f.get("origin") or "extract",
                "entities": [x for x in (f["subject"], f["object"]) if x],
                "negated": f["negated"],
                "mode": None,
                "evidence": f["evidence"][:3],
            }
        )
    if query:
        q = query.casefold()
        items = [
            it
            for it in items
            if q in it["label"].casefold()
            or any(q in (ev["text"] or "").casefold() for ev in it["evidence"])
        ]
    return sorted(items, key=lambda it: it["date"])


def timeline_page(
    store: Store,
    pack: Pack | None,
    lk: Lookup,
    entity: str,
    limit: int,
    offset: int,
    mode: str | None,
) -> tuple[list[dict[str, Any]], str, dict[str, int]] | None:
    """(one page of timeline(entity) in ``mode``, the mode used, items per mode), reading
    only that page; None where only the whole timeline answers."""
    mod = analysis("timeline")
    if mod is None or not hasattr(mod, "timeline_page"):
        return None
    got = mod.timeline_page(store, entity, limit, offset, mode=mode, pack=pack, ctx=lk.context())
    if got is None:
        return None
    return [_item(plain(x), lk, i) for i, x in got.items], got.mode, got.counts


def readable(summary: str) -> str:
    """'start: Tajikistan member_of CSTO' as 'Tajikistan member of CSTO begins'."""
    text = unsnake(summary)
    kind, sep, rest = text.partition(": ")
    if sep and kind in ("start", "end"):
        text = f"{rest} {'begins' if kind == 'start' else 'ends'}"
    return text.replace(" NOT ", " not ")


def _item(raw: dict[str, Any], lk: Lookup, i: int) -> dict[str, Any]:
    """A crossroads.analysis.timeline item in the shape pages use."""
    date = raw.get("date")
    ev = raw.get("evidence")
    cite = lk.evidence(ev) if ev else None
    return {
        "id": f"t{i}",
        "kind": raw.get("kind", "event"),
        "type": raw.get("type"),
        "date": date,
        "end": None,
        "precision": raw.get("precision") or _precision(date),
        "origin": "pack" if cite and cite["kind"] == "pack" else "extract",
        "label": readable(raw.get("summary") or raw.get("type") or ""),
        "dated_by": raw.get("dated_by"),
        "entities": [lk.ref(e) for e in raw.get("entities", []) if e],
        "negated": "NOT " in (raw.get("summary") or ""),
        "mode": None,
        "evidence": [cite] if cite else [],
    }


def network(
    store: Store,
    pack: Pack | None,
    lk: Lookup,
    entity: str | None,
    depth: int = 1,
    predicates: list[str] | None = None,
    as_of: str | None = None,
    query: str | None = None,
    mode: str | None = None,
    types: list[str] | None = None,
    min_degree: int = 0,
    cap: int = netview.DEFAULT_CAP,
) -> dict[str, Any]:
    """{"nodes", "edges"} around an entity; without one, the relations read from the texts
    (only those of documents matching ``query``, when given). Shaped by netview.shape."""
    mod = analysis("network")
    g: nx.MultiDiGraph[str]
    if entity and mod is not None:
        g = mod.neighbourhood(
            store,
            entity,
            depth=depth,
            predicates=predicates or None,
            as_of=as_of,
            pack=pack,
            ctx=lk.context(),
        )
    elif entity:
        g = _ego_graph(store, pack, lk, entity, depth, predicates, as_of)
    else:
        docs = {h.document.id for h in store.search(query, limit=200)} if query else None
        g = nx.MultiDiGraph()
        # only relations read from the texts are drawn here, so the pack's thousands of
        # facts need not be merged in (a tenth of the time)
        for f in facts_data.facts(store, None, lk, as_of=as_of):
            if not _wanted(f, predicates):
                continue
            read = {e["doc"] for e in f["evidence"] if e["doc"]}
            if not read or (docs is not None and not read & docs):
                continue  # pack-only knowledge, or not in the documents asked about
            _add(g, f)
    fanout_truncated = bool(g.graph.get("truncated"))  # a step expanded only its best
    g, info = netview.shape(g, entity, mode, types, min_degree, cap)
    return {**graph_dict(g, lk, entity), **info, "fanout_truncated": fanout_truncated}


def _wanted(f: dict[str, Any], predicates: list[str] | None) -> bool:
    return bool(f["object"]) and not (predicates and f["predicate"] not in predicates)


def _add(g: nx.MultiDiGraph[str], f: dict[str, Any]) -> None:
    g.add_edge(
        f["subject"]["id"],
        f["object"]["id"],
        key=f["id"],
        predicate=f["predicate"],
        start=f["start"],
        end=f["end"],
        negated=f["negated"],
        sources=f["sources"],
        origin=f.get("origin") or "extract",
        credibility=f.get("credibility"),
    )


def _ego_graph(
    store: Store,
    pack: Pack | None,
    lk: Lookup,
    entity: str,
    depth: int,
    predicates: list[str] | None,
    as_of: str | None,
) -> nx.MultiDiGraph[str]:
    """Neighbourhood without crossroads.analysis.network: breadth-first over facts."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.add_node(entity)
    frontier, seen = [entity], {entity}
    for _ in range(max(1, depth)):
        nxt = []
        for node in frontier:
            for f in facts_data.facts(store, pack, lk, entity=node, as_of=as_of):
                if _wanted(f, predicates):
                    _add(g, f)
                    for end in (f["subject"]["id"], f["object"]["id"]):
                        if end not in seen:
                            seen.add(end)
                            nxt.append(end)
        frontier = nxt
    return g


def graph_dict(g: nx.MultiDiGraph[str], lk: Lookup, centre: str | None) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for n, attrs in g.nodes(data=True):
        ref = lk.ref(n) or {"name": n, "type": None}
        nodes.append(
            {
                "id": n,
                "name": attrs.get("name") or ref["name"],
                "type": attrs.get("type") or ref["type"],
                "url": entity_url(n),
                "centre": n == centre,
                "degree": attrs.get("degree", 0),
                "centrality": attrs.get("centrality", 0.0),
            }
        )
    multi = g.is_multigraph()
    rows: Iterable[tuple[Any, ...]] = g.edges(data=True, keys=True) if multi else g.edges(data=True)
    for i, e in enumerate(rows):
        s, o, attrs = e[0], e[1], e[-1]
        edges.append(
            {
                "id": f"e{i}",
                "fact": e[2] if multi else None,
                "source": s,
                "target": o,
                "predicate": attrs.get("predicate"),
                "start": attrs.get("start") or None,
                "end": attrs.get("end") or None,
                "negated": bool(attrs.get("negated")),
                "sources": attrs.get("sources"),
                "origin": attrs.get("origin"),
                "credibility": attrs.get("credibility"),
            }
        )
    return {"centre": centre, "nodes": nodes, "edges": edges}


def map_markers(
    store: Store,
    pack: Pack | None,
    lk: Lookup,
    types: list[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> dict[str, Any]:
    """Entities with coordinates (store data, else the pack) and the events placed at them."""
    markers: dict[str, dict[str, Any]] = {}
    everyone = store.entities(limit=None)
    lk.prime(ent for ent, _ in everyone)
    for ent, n in everyone:
        pos = lk.coords(ent.id)
        if pos is None or (types and ent.type not in types):
            continue
        markers[ent.id] = {
            **(lk.ref(ent.id) or {}),
            "lat": pos[0],
            "lon": pos[1],
            "mentions": n,
            "events": [],
        }
    for e in store.events(date_from=date_from, date_to=date_to):
        if e.place and e.place in markers:
            markers[e.place]["events"].append(
                {"type": e.type, "date": e.date, "evidence": [lk.evidence(e.evidence)]}
            )
    items = list(markers.values())
    if date_from or date_to:
        items = [m for m in items if m["events"]]
    areas: dict[str, dict[str, Any]] = {}
    if not types or "ArmedGroup" in types:
        for f in facts_data.facts(store, pack, lk, predicate="operates_in"):
            obj = f["object"]
            pos = lk.coords(obj["id"]) if obj and not f["negated"] else None
            if pos is None or f["subject"]["type"] != "ArmedGroup":
                continue
            if (date_from or date_to) and not within(f["start"] or f["end"], date_from, date_to):
                continue
            area = areas.setdefault(obj["id"], {**obj, "lat": pos[0], "lon": pos[1], "groups": []})
            area["groups"].append({**f["subject"], "evidence": f["evidence"][:1]})
    return {"markers": items, "group_areas": list(areas.values())}
