"""The relation network as GraphML (opens in Gephi, yEd, Cytoscape).

Nodes are entities (name, type, and latitude/longitude where the pack has them); edges are
facts (predicate, negated, independent sources, credibility 1-6, dates, origin and the first
evidence sentence). With a pack, the pack's relations between entities the store mentions are
added too, so memberships and borders the text takes for granted still show.
"""

from __future__ import annotations

from typing import IO

import networkx as nx

from crossroads.analysis.context import Context
from crossroads.analysis.facts import facts
from crossroads.pack import Pack
from crossroads.store.base import Store

__all__ = ["build_graph", "write"]


def build_graph(
    store: Store, source: str | None = None, pack: Pack | None = None
) -> nx.MultiDiGraph[str]:
    """The fact network of the store (or of one input file's documents)."""
    ctx = Context(store, pack)
    docs = {d.id for d in store.documents(source=source)}
    mentioned = {e.id for e, _ in store.entities()} if pack is not None else set()
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for f in facts(store, pack=pack, ctx=ctx):
        if f.object is None:
            continue
        if f.documents:
            if not docs & set(f.documents):
                continue
        elif source is not None or not {f.subject, f.object} <= mentioned:
            continue  # pack-only facts only between entities the store knows
        for node in (f.subject, f.object):
            if node not in g:
                attrs: dict[str, str | float | None] = {
                    "name": ctx.name(node) or node,
                    "type": ctx.type(node) or "",
                }
                pe = pack.get(node) if pack is not None else None
                if pe is not None and pe.lat is not None:
                    attrs.update(latitude=pe.lat, longitude=pe.lon)
                g.add_node(node, **attrs)
        text = next((c.text for c in f.evidence if c.kind == "text"), "")
        g.add_edge(
            f.subject,
            f.object,
            key=f.id,
            predicate=f.predicate,
            negated=f.negated,
            sources=f.sources,
            credibility=f.credibility,
            start=f.start or "",
            end=f.end or "",
            origin=f.origin,
            evidence=text,
            label=f.predicate,
        )
    return g


def write(store: Store, fh: IO[str], source: str | None = None, pack: Pack | None = None) -> int:
    """Write GraphML; returns the number of nodes plus edges."""
    g = build_graph(store, source, pack)
    for line in nx.generate_graphml(g, prettyprint=True):
        fh.write(line + "\n")
    return int(g.number_of_nodes() + g.number_of_edges())
