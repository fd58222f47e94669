"""Corridor access: routes from a (landlocked) state to the sea, and whom they cross.

The network is built from the pack (land borders, provinces and facilities inside their
countries, corridors that connect places) plus what the text states (``connects``,
``borders``, ``located_in``; facts graded doubtful or worse are left out). A sea port is a
facility the pack calls a port in a country with a coast on the open sea; a coastal country
whose ports the pack does not list counts as reaching the sea at its border. ``avoid``
removes countries, everything in them and every corridor that runs through them.
"""

from __future__ import annotations

import itertools
import re
import weakref
from dataclasses import dataclass
from typing import Any

import networkx as nx

from crossroads.analysis.context import Citation, Context, pack_citation
from crossroads.analysis.facts import facts
from crossroads.analysis.resolve import resolve_entity
from crossroads.exc import NotFound
from crossroads.model import fold
from crossroads.pack import Pack
from crossroads.store.base import Store

__all__ = ["Route", "Step", "routes"]

_SEA = "sea:"
_WEIGHT = {"borders": 1.0, "connects": 0.6, "located_in": 0.3, "coast": 0.1}
_PORT = re.compile(r"\b(port|seaport|harbou?r|terminal)\b", re.IGNORECASE)
_INLAND_SEAS = ("caspian", "aral")


@dataclass(frozen=True)
class Step:
    """One link of a route and what it rests on."""

    source: str
    source_name: str
    target: str
    target_name: str
    link: str
    """'borders', 'connects' (via a corridor), 'located_in' or 'coast'."""
    via: str | None
    """Name of the corridor for a 'connects' link."""
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_name": self.source_name,
            "target": self.target,
            "target_name": self.target_name,
            "link": self.link,
            "via": self.via,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class Route:
    """A way from the origin to the sea."""

    origin: str
    origin_name: str
    port: str
    port_name: str
    countries: tuple[tuple[str, str], ...]
    """(id, name) of each country crossed, origin first, in order."""
    corridors: tuple[str, ...]
    steps: tuple[Step, ...]
    cost: float

    @property
    def summary(self) -> str:
        last = self.countries[-1][0] if self.countries else None
        tail = "" if last == self.port else f" → {self.port_name}"
        return (
            " → ".join(n for _, n in self.countries)
            + tail
            + (" (coast)" if last == self.port else "")
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "origin_name": self.origin_name,
            "port": self.port,
            "port_name": self.port_name,
            "countries": [{"id": i, "name": n} for i, n in self.countries],
            "corridors": list(self.corridors),
            "summary": self.summary,
            "cost": self.cost,
            "steps": [s.to_dict() for s in self.steps],
        }


class _Network:
    def __init__(self, store: Store, pack: Pack | None, ctx: Context | None = None):
        self.store, self.pack = store, pack
        self.ctx = ctx or Context(store, pack)
        self.g: nx.Graph[str] = nx.Graph()
        self.country_of: dict[str, str] = {}
        self.corridor_ends: dict[str, dict[str, tuple[Citation, ...]]] = {}
        self.gone: set[str] = set()
        self.borders: set[frozenset[str]] = set()
        self._regions: set[str] | None = None
        self.bordered: set[str] = set()

    def is_region(self, node: str) -> bool:
        """A region spanning countries (Central Asia): no way across, only a name for many."""
        if self._regions is None:
            self._regions = set()
            if self.pack is not None:
                subregions = {
                    fold(str(pe.data.get("subregion", "")))
                    for pe in self.pack.entities.values()
                    if pe.type == "Country"
                }
                self._regions = {
                    pe.id
                    for pe in self.pack.entities.values()
                    if pe.type == "Place"
                    and (
                        pe.data.get("countries")
                        or pe.data.get("members")
                        or fold(pe.name) in subregions
                    )
                }
        return node in self._regions

    def link(
        self,
        a: str,
        b: str,
        link: str,
        cite: Citation | tuple[Citation, ...],
        via: str | None = None,
        corridor: str | None = None,
    ) -> None:
        """Join a and b; of two links between the same pair the cheaper one is kept."""
        if self.is_region(a) or self.is_region(b):
            return
        if link == "located_in" and self.ctx.type(a) == "Country":
            return  # a country inside a region or another country is no step on a route
        cites = cite if isinstance(cite, tuple) else (cite,)
        weight = _WEIGHT[link]
        if link == "borders":
            self.borders.add(frozenset((a, b)))
            self.bordered |= {a, b}
        if self.g.has_edge(a, b):
            d = self.g[a][b]
            if weight < d["weight"]:
                d.update(link=link, via=via, corridor=corridor, weight=weight)
                d["citations"] = cites + d["citations"]
            else:
                d["citations"] += cites
            return
        self.g.add_edge(a, b, link=link, via=via, corridor=corridor, weight=weight, citations=cites)

    def build(self) -> _Network:
        """The pack's links (linked once per pack, then copied), then the text's."""
        if self.pack is not None:
            base = _BASES.get(self.pack)
            if base is None:
                base = _PackLinks.of(self)
                if _self_contained(self.pack):  # its names do not depend on the store
                    _BASES[self.pack] = base
            base.copy_into(self)
        self.add_text()
        return self

    def add_pack(self) -> None:
        """Link what the pack holds; every name it uses is the pack's own."""
        pack = self.pack
        if pack is not None:
            for pe in pack.entities.values():
                if pe.country:
                    self.country_of[pe.id] = pe.country
                    if pe.type in ("Place", "Facility"):
                        self.link(
                            pe.id,
                            pe.country,
                            "located_in",
                            pack_citation(
                                f"{pe.name} lies in {self.ctx.name(pe.country)}", pe.source
                            ),
                        )
            for r in pack.relations:
                if r.object is None:
                    continue
                text = f"{self.ctx.name(r.subject)} {r.predicate} {self.ctx.name(r.object)}"
                if r.predicate in ("borders", "located_in"):
                    if r.predicate == "located_in":
                        self.country_of.setdefault(r.subject, r.object)
                    self.link(r.subject, r.object, r.predicate, pack_citation(text, r.source))
                elif r.predicate == "connects":
                    self.corridor(r.subject, r.object, (pack_citation(text, r.source),))

    def add_text(self) -> None:
        """Link what the store's facts state (doubtful ones and denials left out)."""
        for pred in ("connects", "borders", "located_in"):
            for f in facts(self.store, predicate=pred, pack=None, ctx=self.ctx):
                if f.negated or f.credibility > 3 or f.object is None:
                    continue
                if pred == "connects":
                    self.corridor(f.subject, f.object, f.evidence)
                else:
                    if pred == "located_in":
                        self.country_of.setdefault(f.subject, f.object)
                    self.link(f.subject, f.object, pred, f.evidence)

    def corridor(self, corridor: str, end: str, cites: tuple[Citation, ...]) -> None:
        """Note one end of a corridor; ends are chained in the order the sources list them."""
        if self.is_region(end):
            return
        ends = self.corridor_ends.setdefault(corridor, {})
        ends[end] = ends.get(end, ()) + tuple(cites)

    def chain(self) -> None:
        """Link each corridor's consecutive stops in the order the sources list them:
        countries with countries, places and facilities with each other. An avoided stop
        breaks the chain there."""
        for corridor, ends in self.corridor_ends.items():
            listed = [e for e in ends if e in self.g or e in self.gone or self.ctx.type(e)]
            for level in (True, False):
                stops = [e for e in listed if (self.ctx.type(e) == "Country") == level]
                for a, b in itertools.pairwise(stops):
                    if (
                        level
                        and self.bordered & {a, b} == {a, b}
                        and frozenset((a, b)) not in self.borders
                    ):
                        continue  # listed next to each other, but not neighbours on the map
                    if a not in self.gone and b not in self.gone:
                        self.link(
                            a,
                            b,
                            "connects",
                            ends[a] + ends[b],
                            via=self.ctx.name(corridor),
                            corridor=corridor,
                        )

    def country(self, node: str) -> str | None:
        seen = set()
        at: str | None = node
        while at and at not in seen:
            seen.add(at)
            if self.ctx.type(at) == "Country":
                return at
            at = self.country_of.get(at)
        return None

    def coastal(self, country: str) -> bool:
        pe = self.pack.get(country) if self.pack is not None else None
        if pe is None:
            return False
        coasts = [
            c for c in pe.data.get("coasts", ()) if not any(s in fold(c) for s in _INLAND_SEAS)
        ]
        return bool(coasts) or pe.data.get("landlocked") is False and "coasts" not in pe.data

    def is_port(self, node: str) -> bool:
        """A facility the pack calls a (sea) port, on open water, in a coastal country."""
        if self.ctx.type(node) != "Facility":
            return False
        pe = self.pack.get(node) if self.pack is not None else None
        kind = fold(str(pe.data.get("kind", ""))) if pe is not None else ""
        if kind:
            if "dry" in kind or "river" in kind or not _PORT.search(kind):
                return False
        elif not _PORT.search(self.ctx.name(node) or ""):
            return False
        sea = fold(str(pe.data.get("sea", ""))) if pe else ""
        if any(s in sea for s in _INLAND_SEAS):
            return False
        c = self.country(node)
        return c is not None and self.coastal(c)

    def add_sea(self) -> None:
        ports_in: dict[str | None, list[str]] = {}  # None: ports of no known country
        for node in list(self.g.nodes):
            if self.is_port(node):
                ports_in.setdefault(self.country(node), []).append(node)
        for node in list(self.g.nodes):
            if node.startswith(_SEA):
                continue
            if node in ports_in.get(self.country(node), ()) or (
                self.ctx.type(node) == "Country" and self.coastal(node) and node not in ports_in
            ):
                self.g.add_edge(
                    node,
                    _SEA + node,
                    link="coast",
                    via=None,
                    corridor=None,
                    weight=_WEIGHT["coast"],
                    citations=(),
                )
                self.g.add_edge(
                    _SEA + node,
                    _SEA,
                    link="coast",
                    via=None,
                    corridor=None,
                    weight=0.0,
                    citations=(),
                )

    def drop(self, countries: set[str]) -> None:
        gone = {n for n in self.g.nodes if n in countries or self.country(n) in countries}
        gone |= {
            e
            for ends in self.corridor_ends.values()
            for e in ends
            if e in countries or self.country(e) in countries
        }
        for corridor in list(self.corridor_ends):
            if corridor in gone or any(c in countries for c in self.corridor_countries(corridor)):
                del self.corridor_ends[corridor]  # a corridor through an avoided country is closed
        self.gone = gone
        self.g.remove_nodes_from(gone)

    def corridor_countries(self, corridor: str) -> list[str]:
        pe = self.pack.get(corridor) if self.pack is not None else None
        return [
            c
            for c in (pe.data.get("countries", ()) if pe is not None else ())
            if isinstance(c, str)
        ]


@dataclass(frozen=True)
class _PackLinks:
    """The network the pack alone makes: the same for every question about one pack."""

    g: nx.Graph[str]
    country_of: dict[str, str]
    corridor_ends: dict[str, dict[str, tuple[Citation, ...]]]
    borders: set[frozenset[str]]
    bordered: set[str]
    regions: set[str]

    @classmethod
    def of(cls, like: _Network) -> _PackLinks:
        net = _Network(like.store, like.pack, like.ctx)
        net.add_pack()
        net.is_region("")  # the regions, worked out once
        return cls(
            net.g,
            net.country_of,
            net.corridor_ends,
            net.borders,
            net.bordered,
            net._regions or set(),
        )

    def copy_into(self, net: _Network) -> None:
        """Give ``net`` its own copy (a question drops, chains and adds to it)."""
        net.g = self.g.copy()
        net.country_of = dict(self.country_of)
        net.corridor_ends = {c: dict(ends) for c, ends in self.corridor_ends.items()}
        net.borders = set(self.borders)
        net.bordered = set(self.bordered)
        net._regions = self.regions


_BASES: weakref.WeakKeyDictionary[Pack, _PackLinks] = weakref.WeakKeyDictionary()
"""The pack's network per loaded pack, linked on the first question in a process."""


def _self_contained(pack: Pack) -> bool:
    """Whether every entity the pack's relations and places name is the pack's own (else a
    name could come from the store, and the links are made per question)."""
    ids = pack.entities
    return all(
        r.subject in ids and (r.object is None or r.object in ids) for r in pack.relations
    ) and all(pe.country in ids for pe in ids.values() if pe.country)


def routes(
    store: Store,
    pack: Pack | None,
    origin: str,
    avoid: list[str] | tuple[str, ...] = (),
    max_routes: int = 10,
    ctx: Context | None = None,
) -> list[Route]:
    """Up to ``max_routes`` cheapest distinct routes from ``origin`` to a sea port; equally
    cheap routes in the order of their summaries (the last place goes to the first of them)."""
    start = resolve_entity(store, pack, origin)
    avoided = {resolve_entity(store, pack, a).id for a in avoid if a.strip()}
    if start.id in avoided:
        raise NotFound(f"cannot avoid the origin itself ({start.name})")
    net = _Network(store, pack, ctx).build()
    net.drop(avoided)
    net.chain()
    net.add_sea()
    if start.id not in net.g or _SEA not in net.g:
        return []
    out: list[Route] = []
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    last = float("inf")  # the cost of the last route that fits: its equals are read too
    try:
        h = _search_graph(net.g, start.id)
        paths = nx.shortest_simple_paths(h, start.id, _SEA, "weight")
        for path in itertools.islice(paths, max_routes * 25):
            if nx.path_weight(h, path, "weight") > last + 1e-9:
                break
            route = _route(net, start.id, _expand(h, path)[:-2])
            key = (route.port, route.countries)
            if key in seen:
                continue
            if route.port == route.countries[-1][0] and any(
                net.coastal(c) for c, _ in route.countries[1:-1]
            ):
                continue  # it met the sea a country earlier
            seen.add(key)
            out.append(route)
            if len(out) == max_routes:
                last = nx.path_weight(h, path, "weight")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        pass
    out.sort(key=lambda r: (r.cost, r.summary))
    return out[:max_routes]


def _search_graph(g: nx.Graph[str], start: str) -> nx.Graph[str]:
    """The part of the network a route from ``start`` can cross, as a smaller graph.

    A node lies on some path from start to the sea that does not cross itself exactly when
    it is in the biconnected block of the graph plus a start-sea link that holds that link;
    the rest (dead ends, countries behind a single border) only slows the search. A node
    with two neighbours there is passed straight through, so it is folded into one link
    between them that remembers it (``_expand`` restores it): the path search over a graph
    a third the size finds the same paths at the same costs. Nodes and links are visited in
    sorted order, so among equally cheap routes the one found first does not depend on the
    order the store and pack listed their links."""
    g.add_edge(start, _SEA)
    try:
        block = next(
            b for b in nx.biconnected_component_edges(g) if (start, _SEA) in b or (_SEA, start) in b
        )
    finally:
        g.remove_edge(start, _SEA)
    links = sorted((min(a, b), max(a, b)) for a, b in block if {a, b} != {start, _SEA})
    h: nx.Graph[str] = nx.Graph()
    h.add_nodes_from(sorted({n for link in links for n in link}))
    h.add_edges_from((a, b, {"weight": g[a][b]["weight"], "inner": (a,)}) for a, b in links)
    for x in list(h):
        if x in (start, _SEA) or h.degree(x) != 2:
            continue
        a, b = sorted(h.neighbors(x))
        if h.has_edge(a, b):
            continue  # two links between a and b: the graph holds one
        inner = _inner(h, a, x) + (x,) + _inner(h, x, b)
        weight = h[a][x]["weight"] + h[x][b]["weight"]
        h.remove_node(x)
        h.add_edge(a, b, weight=weight, inner=(a, *inner))
    return h


def _inner(h: nx.Graph[str], a: str, b: str) -> tuple[str, ...]:
    """The nodes a link of the search graph passes through, in order from a to b."""
    head, *inner = h[a][b]["inner"]
    return tuple(inner) if head == a else tuple(reversed(inner))


def _expand(h: nx.Graph[str], path: list[str]) -> list[str]:
    """A path of the search graph as the path of the network it stands for."""
    out = path[:1]
    for a, b in itertools.pairwise(path):
        out += [*_inner(h, a, b), b]
    return out


def _route(net: _Network, origin: str, path: list[str]) -> Route:
    ctx = net.ctx
    steps: list[Step] = []
    countries: list[tuple[str, str]] = []
    corridors: list[str] = []
    cost = 0.0

    def cross(c: str | None) -> None:
        if c and all(c != x for x, _ in countries):
            countries.append((c, ctx.name(c) or c))

    for a, b in itertools.pairwise(path):
        cross(net.country(a))
        d = net.g[a][b]
        listed = net.corridor_countries(d["corridor"]) if d.get("corridor") else []
        ca, cb = net.country(a), net.country(b)
        if ca in listed and cb in listed:  # the countries the corridor runs through between
            i, j = listed.index(ca), listed.index(cb)
            for c in listed[i : j + 1] if i <= j else listed[j : i + 1][::-1]:
                cross(c)
    cross(net.country(path[-1]))
    for a, b in itertools.pairwise(path):
        d = net.g[a][b]
        cost += d["weight"]
        if d["link"] == "connects" and d["via"] and d["via"] not in corridors:
            corridors.append(d["via"])
        steps.append(
            Step(
                a, ctx.name(a) or a, b, ctx.name(b) or b, d["link"], d["via"], tuple(d["citations"])
            )
        )
    end = path[-1]
    port_name = ctx.name(end) or end
    if ctx.type(end) == "Country":
        port_name = f"{port_name} (coast)"
    return Route(
        origin,
        ctx.name(origin) or origin,
        end,
        port_name,
        tuple(countries),
        tuple(corridors),
        tuple(steps),
        round(cost, 2),
    )
