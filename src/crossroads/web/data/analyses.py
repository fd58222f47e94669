"""The region's three analyses (basing, corridors, spillover) as pages and JSON show them.

The logic lives in crossroads.analysis; here its results get entity links and every citation
its sentence, document and reader link. A missing analysis module is reported, never faked.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from crossroads.store.base import Store
from crossroads.web.data.facts import normalise
from crossroads.web.data.records import Lookup, analysis, plain
from crossroads.web.errors import ApiError

if TYPE_CHECKING:
    from crossroads.pack import Pack

NAMES = (
    "facts",
    "conflicts",
    "profile",
    "resolve",
    "timeline",
    "network",
    "basing",
    "corridors",
    "spillover",
)


def _module(name: str, label: str) -> ModuleType:
    mod = analysis(name)
    if mod is None:
        raise ApiError(
            501,
            f"the {label} analysis is not available in this build "
            f"(crossroads.analysis.{name} is not installed)",
        )
    return mod


def _cites(raw: dict[str, Any], lk: Lookup) -> list[dict[str, Any]]:
    return [lk.evidence(c) for c in raw.get("citations") or []]


def basing(
    store: Store, pack: Pack | None, lk: Lookup, power: str, hosts: list[str]
) -> dict[str, Any]:
    """Verdicts per host, and the reason kinds found (the columns of the matrix)."""
    mod = _module("basing", "basing options")
    verdicts = [plain(v) for v in mod.basing_options(store, pack, power, hosts, ctx=lk.context())]
    kinds: list[str] = []
    options = []
    for v in verdicts:
        reasons = []
        for r in v["reasons"]:
            if r["kind"] not in kinds:
                kinds.append(r["kind"])
            reasons.append(
                {
                    "kind": r["kind"],
                    "effect": r["effect"],
                    "text": r["text"],
                    "evidence": _cites(r, lk),
                }
            )
        options.append(
            {"host": lk.ref(v["host"], v["host_name"]), "verdict": v["verdict"], "reasons": reasons}
        )
    power_ref = lk.ref(verdicts[0]["power"], verdicts[0]["power_name"]) if verdicts else None
    return {"power": power_ref, "kinds": kinds, "options": options}


def corridors(
    store: Store, pack: Pack | None, lk: Lookup, origin: str, avoid: list[str]
) -> dict[str, Any]:
    """Routes to the sea, each with the countries it crosses and its cited steps."""
    mod = _module("corridors", "corridor access")
    routes = []
    for r in (
        plain(x) for x in mod.routes(store, pack, origin, avoid=tuple(avoid), ctx=lk.context())
    ):
        steps = [
            {
                "source": lk.ref(s["source"], s["source_name"]),
                "target": lk.ref(s["target"], s["target_name"]),
                "link": s["link"],
                "via": s.get("via"),
                "evidence": _cites(s, lk),
            }
            for s in r["steps"]
        ]
        ids = [s["source"]["id"] for s in steps] + ([steps[-1]["target"]["id"]] if steps else [])
        path = [
            {"id": i, "lat": pos[0], "lon": pos[1]}
            for i in ids
            if (pos := lk.coords(i)) is not None
        ]
        routes.append(
            {
                "origin": lk.ref(r["origin"], r["origin_name"]),
                "port": lk.ref(r["port"], r["port_name"]),
                "countries": [lk.ref(c) for c in r["countries"]],
                "corridors": r.get("corridors", []),
                "summary": r.get("summary"),
                "cost": r.get("cost"),
                "steps": steps,
                "path": path,
            }
        )
    return {"avoid": avoid, "routes": routes}


def spillover(store: Store, pack: Pack | None, lk: Lookup, country: str) -> dict[str, Any]:
    """Armed groups near a country, nearest first, with their links."""
    mod = _module("spillover", "spillover exposure")
    groups = []
    for g in (plain(x) for x in mod.exposure(store, pack, country, ctx=lk.context())):
        groups.append(
            {
                "group": lk.ref(g["group"], g["group_name"]),
                "nearest": g.get("nearest"),
                "placements": [
                    {
                        "area": {
                            **(lk.ref(p["area"], p["area_name"]) or {}),
                            **_latlon(lk, p["area"]),
                        },
                        "proximity": p["proximity"],
                        "neighbour": p.get("neighbour"),
                        "fact": normalise(p["fact"], lk),
                    }
                    for p in g["placements"]
                ],
                **{
                    k: [normalise(f, lk) for f in g.get(k, [])]
                    for k in ("allegiances", "affiliations", "leaders", "designations")
                },
            }
        )
    return {"groups": groups}


def _latlon(lk: Lookup, entity_id: str) -> dict[str, float]:
    pos = lk.coords(entity_id)
    return {"lat": pos[0], "lon": pos[1]} if pos else {}


def available() -> dict[str, bool]:
    return {name: analysis(name) is not None for name in NAMES}
