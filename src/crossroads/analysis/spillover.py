"""Spillover exposure: armed groups the reporting places next door, and who they answer to.

For a country, the neighbourhood is its bordering countries (pack and text ``borders``),
the provinces and places that border it, and the places inside a bordering country. Each
armed group the store says ``operates_in`` one of them (or in the country itself) is listed
with where, its allegiances and affiliations, leaders, designations, and every link's sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crossroads.analysis.conflicts import Conflict, conflicts
from crossroads.analysis.context import Context
from crossroads.analysis.facts import Fact, facts
from crossroads.analysis.resolve import resolve_entity
from crossroads.pack import Pack
from crossroads.store.base import Store

__all__ = ["Exposure", "Placement", "exposure"]

PROXIMITY = ("inside", "border area", "neighbour", "inside neighbour")
"""How close a group's area is, nearest first."""


@dataclass(frozen=True)
class Placement:
    """Where a group operates, how close that is, and the fact saying so."""

    area: str
    area_name: str
    proximity: str
    """One of PROXIMITY."""
    neighbour: str | None
    """Name of the bordering country it lies in (or is)."""
    fact: Fact

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "area_name": self.area_name,
            "proximity": self.proximity,
            "neighbour": self.neighbour,
            "fact": self.fact.to_dict(),
        }


@dataclass(frozen=True)
class Exposure:
    """One armed group near the country, and its links."""

    group: str
    group_name: str
    placements: tuple[Placement, ...]
    allegiances: tuple[Fact, ...]
    affiliations: tuple[Fact, ...]
    leaders: tuple[Fact, ...]
    designations: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...] = ()
    """Where sources disagree about the group's relations."""

    @property
    def nearest(self) -> str:
        return min((p.proximity for p in self.placements), key=PROXIMITY.index)

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "group_name": self.group_name,
            "nearest": self.nearest,
            "placements": [p.to_dict() for p in self.placements],
            "allegiances": [f.to_dict() for f in self.allegiances],
            "affiliations": [f.to_dict() for f in self.affiliations],
            "leaders": [f.to_dict() for f in self.leaders],
            "designations": [f.to_dict() for f in self.designations],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


def _ok(f: Fact) -> bool:
    return not f.negated and f.credibility <= 3 and f.object is not None


def _areas(
    store: Store, pack: Pack | None, ctx: Context, country: str
) -> dict[str, tuple[str, str | None]]:
    """{area id: (proximity, neighbour country id)} around ``country``."""
    areas: dict[str, tuple[str, str | None]] = {country: ("inside", None)}
    neighbours = []
    for f in facts(store, country, predicate="borders", pack=pack, ctx=ctx):
        if not _ok(f):
            continue
        other = f.object if f.subject == country else f.subject
        if other is None:
            continue
        if ctx.type(other) == "Country":
            neighbours.append(other)
            areas.setdefault(other, ("neighbour", other))
        else:
            areas.setdefault(other, ("border area", _country_of(store, pack, ctx, other)))
    for n in neighbours:
        for f in facts(store, n, predicate="located_in", pack=pack, ctx=ctx):
            if _ok(f) and f.object == n:
                areas.setdefault(f.subject, ("inside neighbour", n))
    for place, (prox, _n) in list(areas.items()):
        if prox == "inside" or ctx.type(place) == "Country":
            continue
        for f in facts(store, place, predicate="located_in", pack=pack, ctx=ctx):
            if _ok(f) and f.object == place:  # a district or town in a border province
                areas.setdefault(f.subject, (prox, _n))
    for f in facts(store, country, predicate="located_in", pack=pack, ctx=ctx):
        if _ok(f) and f.object == country:
            areas.setdefault(f.subject, ("inside", None))
    if pack is not None:  # places the pack puts in the country or a neighbour
        for pe in pack.entities.values():
            if pe.country == country:
                areas.setdefault(pe.id, ("inside", None))
            elif pe.country in neighbours:
                areas.setdefault(pe.id, ("inside neighbour", pe.country))
    return areas


def _country_of(store: Store, pack: Pack | None, ctx: Context, place: str) -> str | None:
    if pack is not None and (pe := pack.get(place)) is not None and pe.country:
        return pe.country
    for f in facts(store, place, predicate="located_in", pack=pack, ctx=ctx):
        if _ok(f) and f.subject == place and f.object and ctx.type(f.object) == "Country":
            return f.object
    return None


def exposure(
    store: Store, pack: Pack | None, country: str, ctx: Context | None = None
) -> list[Exposure]:
    """Armed groups operating in or around ``country`` (id or name), nearest first."""
    target = resolve_entity(store, pack, country)
    ctx = ctx or Context(store, pack)
    areas = _areas(store, pack, ctx, target.id)
    placed: dict[str, list[Placement]] = {}
    for f in facts(store, predicate="operates_in", pack=pack, ctx=ctx):
        if not _ok(f) or f.object not in areas or ctx.type(f.subject) != "ArmedGroup":
            continue
        prox, n = areas[f.object]
        placed.setdefault(f.subject, []).append(
            Placement(f.object, ctx.name(f.object) or f.object, prox, ctx.name(n), f)
        )
    out = []
    for group, placements in placed.items():
        placements.sort(key=lambda p: (PROXIMITY.index(p.proximity), -p.fact.sources))
        links = [f for f in facts(store, group, pack=pack, ctx=ctx) if _ok(f)]
        out.append(
            Exposure(
                group,
                ctx.name(group) or group,
                tuple(placements),
                allegiances=tuple(f for f in links if f.predicate == "pledged_allegiance_to"),
                affiliations=tuple(f for f in links if f.predicate == "affiliated_with"),
                leaders=tuple(
                    f for f in links if f.predicate == "holds_position" and f.object == group
                ),
                designations=tuple(
                    f
                    for f in links
                    if f.predicate == "designated_terrorist_by" and f.subject == group
                ),
                conflicts=tuple(conflicts(store, pack, group, ctx=ctx)),
            )
        )
    out.sort(
        key=lambda e: (
            PROXIMITY.index(e.nearest),
            -max(p.fact.sources for p in e.placements),
            e.group_name,
        )
    )
    return out
