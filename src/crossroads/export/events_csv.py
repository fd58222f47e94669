"""Events as CSV with ACLED-like columns, one row per event reported as having happened.

Columns follow ACLED's where they mean the same: ``time_precision`` 1 = day, 2 = month,
3 = year; ``geo_precision`` 1 = town or point, 2 = province, 3 = country. ``event_type`` is
the PLOVER type (schema.toml). ``source`` names the document and its date, ``notes`` holds the
evidence sentence, and ``doc``/``start``/``end`` point into the stored text. Negated and
planned or hypothetical events, and the events of near-duplicate documents, are left out.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from crossroads.analysis.context import Context
from crossroads.model import Event
from crossroads.pack import Pack, PackEntity
from crossroads.store.base import Store

__all__ = ["COLUMNS", "write"]

COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "doc",
    "start",
    "end",
)
_TIME = {10: 1, 7: 2, 4: 3}
_GEO = {"city": 1, "point": 1, "province": 2, "country": 3}


def _geo(pack: Pack | None, place: str | None) -> dict[str, Any]:
    """location/admin1/country/lat/long/precision of a place the pack knows."""
    out: dict[str, str | float | int | None] = {
        k: "" for k in ("admin1", "country", "latitude", "longitude", "geo_precision")
    }
    if pack is None or not place:
        return out
    pe = pack.get(place)
    if pe is None:
        return out
    chain: list[PackEntity] = [pe]
    admin1 = pe.data.get("admin1")
    while chain[-1].country and len(chain) < 5 and (nxt := pack.get(chain[-1].country)):
        chain.append(nxt)
    country = next((e for e in chain if e.type == "Country"), None)
    province = next((e for e in chain if e.geo_precision == "province"), None)
    if province is None and admin1:
        province = next((e for e in pack.entities.values() if e.iso == admin1), None)
    located = next((e for e in chain if e.lat is not None), None)
    out.update(admin1=province.name if province else "", country=country.name if country else "")
    if located is not None:
        out.update(
            latitude=located.lat,
            longitude=located.lon,
            geo_precision=_GEO.get(located.geo_precision or "", ""),
        )
    return out


def _row(ctx: Context, ev: Event, pack: Pack | None, n: int) -> dict[str, Any]:
    cite = ctx.cite(ev.evidence)
    row = {
        "event_id": f"CR{n:06d}",
        "event_date": ev.date or "",
        "time_precision": _TIME.get(len(ev.date or ""), ""),
        "event_type": ev.type,
        "actor1": "; ".join(ctx.name(a) or a for a in ev.actors),
        "actor2": "; ".join(ctx.name(t) or t for t in ev.targets),
        "location": ctx.name(ev.place) or "",
        "source": cite.label,
        "notes": cite.text,
        "doc": ev.evidence.doc,
        "start": ev.evidence.start,
        "end": ev.evidence.end,
    }
    row.update(_geo(pack, ev.place))
    return row


def write(store: Store, fh: IO[str], source: str | None = None, pack: Pack | None = None) -> int:
    """Write the events CSV (header and one row per event); returns the number of rows."""
    ctx = Context(store, pack)
    out = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
    out.writeheader()
    n = 0
    for doc in store.documents(source=source):
        if doc.duplicate_of:
            continue
        for ev in store.events(doc=doc.id):
            if ev.negated or ev.mode != "asserted":
                continue
            n += 1
            out.writerow(_row(ctx, ev, pack, n))
    return n
