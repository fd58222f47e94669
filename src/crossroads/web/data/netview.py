"""What the network page shows of a relation graph: filtered by where facts come from,
entity type and degree, sized by centrality, and capped at a readable neighbourhood that
says what it left out."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from crossroads.web.data.facts import MODES

DEFAULT_CAP = 60
"""Most nodes a network shows unless asked for more: 273 nodes on a screen is a ring."""


def _simple(g: nx.MultiDiGraph[str]) -> nx.Graph[str]:
    s: nx.Graph[str] = nx.Graph()
    s.add_nodes_from(g.nodes)
    s.add_edges_from((u, v) for u, v, d in g.edges(data=True) if not d.get("negated"))
    return s


def shape(
    g: nx.MultiDiGraph[str],
    centre: str | None,
    mode: str | None = None,
    types: list[str] | None = None,
    min_degree: int = 0,
    cap: int = DEFAULT_CAP,
) -> tuple[nx.MultiDiGraph[str], dict[str, Any]]:
    """(the graph to show, what was done to it). Without ``mode``, facts from the
    reporting when the graph has any, else both."""
    origins = [d.get("origin") or "extract" for _, _, d in g.edges(data=True)]
    counts = {
        "reported": sum("extract" in o for o in origins),
        "pack": sum("pack" in o for o in origins),
        "both": len(origins),
    }
    if mode not in MODES:
        mode = "reported" if counts["reported"] else "both"
    g = g.copy()
    if mode != "both":
        word = "extract" if mode == "reported" else "pack"
        g.remove_edges_from(
            [
                (u, v, k)
                for u, v, k, d in g.edges(keys=True, data=True)
                if word not in (d.get("origin") or "extract")
            ]
        )
    if types:
        g.remove_nodes_from(
            [n for n, d in g.nodes(data=True) if n != centre and (d.get("type") or "") not in types]
        )
    g.remove_nodes_from([n for n in list(g) if n != centre and g.degree(n) == 0])
    simple = _simple(g)
    degree = dict(simple.degree())
    if min_degree > 1:
        g.remove_nodes_from([n for n in list(g) if n != centre and degree.get(n, 0) < min_degree])
        simple = _simple(g)
        degree = dict(simple.degree())
    score = nx.degree_centrality(simple) if len(simple) > 1 else {n: 1.0 for n in simple}
    total_nodes, total_edges = g.number_of_nodes(), g.number_of_edges()
    left: Counter[str] = Counter()
    if cap and g.number_of_nodes() > cap:
        hops: dict[str, int] = (
            nx.single_source_shortest_path_length(simple, centre)
            if centre is not None and centre in simple
            else {}
        )
        order = sorted(
            g.nodes,
            key=lambda n: (
                n != centre,
                hops.get(n, 99),
                -score.get(n, 0),
                str(g.nodes[n].get("name") or n),
            ),
        )
        drop = order[cap:]
        left.update(g.nodes[n].get("type") or "unknown" for n in drop)
        g.remove_nodes_from(drop)
    for n in g.nodes:
        g.nodes[n]["degree"] = degree.get(n, 0)
        g.nodes[n]["centrality"] = round(score.get(n, 0.0), 4)
    info = {
        "mode": mode,
        "mode_counts": counts,
        "cap": cap,
        "min_degree": min_degree,
        "types": types or [],
        "total_nodes": total_nodes,
        "total_edges": total_edges,
        "left_out": {
            "nodes": total_nodes - g.number_of_nodes(),
            "edges": total_edges - g.number_of_edges(),
            "by_type": dict(left.most_common()),
        },
    }
    return g, info
