"""Events on the map: each placed by its own place, else by the most specific place its
sentence names (a town before a province, a province before a country, a country before
a region), so that most events land somewhere an analyst can see them.
"""

from __future__ import annotations

from typing import Any

from crossroads.model import Event, Mention
from crossroads.store.base import Store
from crossroads.web.data.graphs import within
from crossroads.web.data.records import Lookup

CATEGORIES = {
    "cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"),
    "verbal conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"),
    "material conflict": ("SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
"""PLOVER types in the three bands of an ACLED-style legend."""

CATEGORY_OF = {t: c for c, types in CATEGORIES.items() for t in types}

_TYPE_RANK: dict[str | None, int] = {"Facility": 0, "Place": 1, "Country": 3}
_PRECISION_RANK: dict[str | None, int] = {
    "point": 0,
    "city": 0,
    "district": 1,
    "province": 2,
    "region": 2,
}


def _specificity(lk: Lookup, entity_id: str) -> tuple[int, int]:
    ent = lk.entity(entity_id)
    kind = ent.type if ent else None
    precision = ((ent.data or {}) if ent else {}).get("geo_precision")
    return (_TYPE_RANK.get(kind, 4), _PRECISION_RANK.get(precision, 1))


class Placer:
    """Finds where an event happened; remembers each document's mentions."""

    def __init__(self, store: Store, lk: Lookup) -> None:
        self.store, self.lk = store, lk
        self._mentions: dict[str, list[Mention]] = {}

    def place(self, ev: Event) -> tuple[str, str] | None:
        """(entity id, 'place' or 'sentence'), or None when nothing named has coordinates."""
        if ev.place and self.lk.coords(ev.place):
            return ev.place, "place"
        doc = ev.evidence.doc
        if doc not in self._mentions:
            self._mentions[doc] = self.store.mentions(doc=doc)
        named = {
            m.entity
            for m in self._mentions[doc]
            if ev.evidence.start <= m.start and m.end <= ev.evidence.end
        }
        named |= set(ev.actors) | set(ev.targets)
        placed = [e for e in named if self.lk.coords(e)]
        if not placed:
            return None
        return min(placed, key=lambda e: (_specificity(self.lk, e), e)), "sentence"


def placed_events(
    store: Store, lk: Lookup, date_from: str | None = None, date_to: str | None = None
) -> dict[str, Any]:
    """Every event with a position, and how many could not be placed."""
    placer = Placer(store, lk)
    out, unplaced = [], 0
    seen_at: dict[tuple[float, float], str] = {}
    for i, ev in enumerate(store.events()):
        if (date_from or date_to) and not within(ev.date, date_from, date_to):
            continue
        found = placer.place(ev)
        if found is None:
            unplaced += 1
            continue
        where, how = found
        coords = lk.coords(where)
        assert coords is not None  # place() only answers entities that have coordinates
        lat, lon = coords
        # two entities on one point (a country and the region around it): nudge the second
        owner = seen_at.setdefault((lat, lon), where)
        if owner != where:
            lat, lon = lat + 0.8, lon + 0.8
        cite = lk.evidence(ev.evidence)
        ent = lk.entity(where)
        kind = (ent.type if ent else None) or ""
        out.append(
            {
                "id": f"ev{i}",
                "type": ev.type,
                "category": CATEGORY_OF.get(ev.type, "other"),
                "date": ev.date,
                "mode": ev.mode,
                "negated": ev.negated,
                "actors": [lk.ref(a) for a in ev.actors],
                "targets": [lk.ref(t) for t in ev.targets],
                "place": {**(lk.ref(where) or {}), "lat": lat, "lon": lon},
                "placed_by": how,
                "precision": {"Facility": "place", "Place": "place", "Country": "country"}.get(
                    kind, "region"
                ),
                "text": cite["text"],
                "url": cite["url"],
                "title": cite["title"],
            }
        )
    return {"events": out, "unplaced": unplaced}
