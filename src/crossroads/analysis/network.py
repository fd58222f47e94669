"""The relation network around an entity, as a networkx graph, and who sits at its centre."""

from __future__ import annotations

from typing import Any

import networkx as nx

from crossroads.analysis.context import Context
from crossroads.analysis.facts import facts, summary_facts
from crossroads.pack import Pack
from crossroads.store.base import Store
from crossroads.store.fact_summary import FactSummary

__all__ = ["MAX_FANOUT", "centrality", "graph_to_dict", "neighbourhood"]

MAX_FANOUT = 100
"""Most entities one step expands further (the best supported first, as facts() orders
them): depth 2 around a hub of thousands stays a few hundred summary reads, not thousands.
The graph's ``truncated`` attribute says when some were left out."""


def neighbourhood(
    store: Store,
    entity: str,
    depth: int = 1,
    predicates: list[str] | None = None,
    as_of: str | None = None,
    pack: Pack | None = None,
    ctx: Context | None = None,
) -> nx.MultiDiGraph[str]:
    """Entities within ``depth`` relations of ``entity``; one edge per fact (subject ->
    object) with predicate, negated, sources, credibility and dates. Each fact is one
    summary row (crossroads.store.fact_summary); a step expands at most MAX_FANOUT entities."""
    ctx = ctx or Context(store, pack)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()

    def add_node(eid: str) -> None:
        if eid not in g:
            g.add_node(eid, name=ctx.name(eid) or eid, type=ctx.type(eid) or "")

    add_node(entity)
    frontier, seen = [entity], {entity}
    g.graph["truncated"] = False
    for _ in range(max(depth, 0)):
        nxt = []
        if len(frontier) > MAX_FANOUT:
            frontier, g.graph["truncated"] = frontier[:MAX_FANOUT], True
        by_node: dict[str, list[FactSummary]] = {n: [] for n in frontier}
        if as_of is None:  # the whole step in one query, its names in one more
            for s in store.fact_summaries(entities=frontier):
                for end in {s.subject, s.object} & by_node.keys():
                    by_node[str(end)].append(s)
            ctx.load_entities(
                [x for rows in by_node.values() for s in rows for x in (s.subject, s.object)]
                + [
                    x
                    for n in frontier
                    for p in (pack.relations_of(n) if pack is not None else [])
                    for x in (p.subject, p.object)
                ]
            )
        for node in frontier:
            found = (
                summary_facts(ctx, node, cite=False, summaries=by_node[node])
                if as_of is None
                else facts(store, node, as_of=as_of, pack=pack, ctx=ctx, cite=False)
            )
            for f in found:
                if f.object is None or (predicates and f.predicate not in predicates):
                    continue
                if g.has_edge(f.subject, f.object, key=f.id):
                    continue
                add_node(f.subject)
                add_node(f.object)
                g.add_edge(
                    f.subject,
                    f.object,
                    key=f.id,
                    predicate=f.predicate,
                    negated=f.negated,
                    sources=f.sources,
                    credibility=f.credibility,
                    origin=f.origin,
                    start=f.start or "",
                    end=f.end or "",
                )
                for end in (f.subject, f.object):
                    if end not in seen:
                        seen.add(end)
                        nxt.append(end)
        frontier = nxt
    return g


def centrality(graph: nx.MultiDiGraph[str], kind: str = "degree") -> list[tuple[str, str, float]]:
    """(id, name, score), most central first; negated relations do not connect.
    ``kind``: 'degree' or 'betweenness'."""
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if not d.get("negated"))
    if kind == "betweenness":
        scores = nx.betweenness_centrality(simple)
    elif kind == "degree":
        scores = nx.degree_centrality(simple)
    else:
        raise ValueError(f"centrality kind must be 'degree' or 'betweenness', not {kind!r}")
    out = [(n, graph.nodes[n].get("name", n), round(s, 4)) for n, s in scores.items()]
    out.sort(key=lambda t: (-t[2], t[1]))
    return out


def graph_to_dict(g: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """{'nodes': [{id, name, type}], 'edges': [{id, source, target, predicate, ...}]}."""
    return {
        "nodes": [{"id": n, **d} for n, d in g.nodes(data=True)],
        "edges": [
            {"id": k, "source": u, "target": v, **d} for u, v, k, d in g.edges(keys=True, data=True)
        ],
    }
