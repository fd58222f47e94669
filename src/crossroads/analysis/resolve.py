"""Turning what a user types (an id, a name, an alias, a region) into entities."""

from __future__ import annotations

from crossroads.exc import NotFound
from crossroads.model import Entity, fold
from crossroads.pack import Pack, PackEntity
from crossroads.store.base import Store

__all__ = ["from_pack", "region_members", "resolve_entity"]

_TYPE_RANK = {"Country": 0, "Organization": 1, "ArmedGroup": 2, "Person": 3, "Place": 4}


def from_pack(pe: PackEntity) -> Entity:
    data = {
        k: v
        for k, v in {
            "source": pe.source,
            "iso": pe.iso,
            "wikidata": pe.wikidata,
            "lat": pe.lat,
            "lon": pe.lon,
            "geo_precision": pe.geo_precision,
            "country": pe.country,
            "valid_from": pe.valid_from,
            "valid_to": pe.valid_to,
        }.items()
        if v is not None
    }
    return Entity(
        id=pe.id, type=pe.type, name=pe.name, aliases=pe.aliases, data={**data, **pe.data}
    )


def resolve_entity(store: Store, pack: Pack | None, name_or_id: str) -> Entity:
    """The entity an id, name or alias names: the store's first, then the pack's.

    Raises NotFound naming the input when neither knows it."""
    text = (name_or_id or "").strip()
    if not text:
        raise NotFound("no entity given")
    if text.startswith("e:"):
        ent = store.get_entity(text)
        if ent is not None:
            return ent
        if pack is not None and (pe := pack.get(text)) is not None:
            return from_pack(pe)
        raise NotFound(f"no entity with id {text!r}")
    if pack is not None:
        hits = pack.lookup(text)
        if hits:
            best = min(hits, key=lambda e: _TYPE_RANK.get(e.type, 9))
            return store.get_entity(best.id) or from_pack(best)
        if len(text) == 2 and text.isalpha():  # ISO code: 'TJ'
            for pe in pack.entities.values():
                if pe.type == "Country" and (pe.iso or "").upper() == text.upper():
                    return store.get_entity(pe.id) or from_pack(pe)
    found = store.find_entities(text, limit=20)
    exact = [
        e for e in found if fold(e.name) == fold(text) or fold(text) in {fold(a) for a in e.aliases}
    ]
    if exact or found:
        return (exact or found)[0]
    raise NotFound(f"no entity named {text!r} (try `crossroads entities` to list them)")


def region_members(
    store: Store, pack: Pack | None, region_id: str, type_: str = "Country"
) -> list[str]:
    """Ids of the entities of ``type_`` a region (or alliance) holds, from pack data
    (data 'countries'/'members'), countries whose 'subregion' is the region's name, pack
    relations and text relations (located_in, part_of)."""
    out: list[str] = []

    def add(eid: str | None) -> None:
        if eid and eid != region_id and eid not in out:
            out.append(eid)

    def type_of(eid: str) -> str | None:
        if pack is not None and (pe := pack.get(eid)) is not None:
            return pe.type
        ent = store.get_entity(eid)
        return ent.type if ent else None

    if pack is not None and (pe := pack.get(region_id)) is not None:
        for key in ("countries", "members", "includes"):
            for item in pe.data.get(key) or ():
                if pack.get(item) is not None:
                    add(item)
                else:
                    hits = pack.lookup(str(item))
                    add(hits[0].id if hits else None)
        for other in pack.entities.values():  # generated country data names the UN subregion
            if other.type == "Country" and fold(str(other.data.get("subregion", ""))) in {
                fold(pe.name),
                *(fold(a) for a in pe.aliases),
            }:
                add(other.id)
        for rel in pack.relations_of(region_id):
            if rel.object == region_id and rel.predicate in ("located_in", "part_of"):
                add(rel.subject)
    for found in store.relations(entity=region_id):
        if (
            found.object == region_id
            and not found.negated
            and found.predicate in ("located_in", "part_of")
        ):
            add(found.subject)
    return [e for e in out if type_ is None or type_of(e) == type_]
