"""Records of the region knowledge pack: reference knowledge, each entry with its source.

The pack is data (files under pack/data/, or a user's folder given with --pack); this
module only says what an entry is. See docs/pack.md for the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PackEntity:
    """A known thing: a country, alliance, armed group, province, corridor, port, leader."""

    id: str
    """Stable id with the 'e:' prefix: 'e:country/tj', 'e:org/csto', 'e:place/af-fyb'."""
    type: str
    """One of crossroads.model.ENTITY_TYPES."""
    name: str
    """Canonical English name."""
    source: str
    """Public reference the entry rests on (a URL or a citation)."""
    aliases: tuple[str, ...] = ()
    """Other names, acronyms and transliterations, matched case- and accent-folded."""
    adjectives: tuple[str, ...] = ()
    """Demonyms/adjectives ("Tajik", "Russian"): mentions of the entity that never name it."""
    iso: str | None = None
    """ISO 3166 code (alpha-2 for countries, 3166-2 for subdivisions)."""
    wikidata: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    """'country', 'province', 'city' or 'point'."""
    country: str | None = None
    """Entity id of the country a place/facility lies in."""
    valid_from: str | None = None
    valid_to: str | None = None
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """Anything else (capital, landlocked, population...)."""


@dataclass(frozen=True)
class PackRelation:
    """A dated relation the pack knows (membership, border, term of office...)."""

    subject: str
    predicate: str
    object: str | None
    source: str
    start: str | None = None
    end: str | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class PackRule:
    """An alliance rule or national law that analyses reason with (basing options...)."""

    id: str
    kind: str
    """'consensus_for_foreign_military' (alliance), 'ban_foreign_bases' (national law),
    'collective_defence' ..."""
    subject: str
    """Entity id the rule belongs to (the alliance or the country)."""
    text: str
    """The rule in one sentence, as shown to the analyst."""
    source: str
    start: str | None = None
    end: str | None = None
