"""Facts (relation readings merged by fact key) for pages and the API.

crossroads.analysis.facts does the merging (source counts, credibility grades); until it
is installed the readings are merged here by ``Relation.fact_key`` with no grades.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from crossroads.model import PREDICATES, Relation, stable_id
from crossroads.store.base import Store
from crossroads.web.data.records import Lookup, analysis, plain, unsnake

if TYPE_CHECKING:
    from crossroads.pack import Pack


def _holds(start: str | None, end: str | None, as_of: str) -> bool:
    try:
        from crossroads.pack import holds_on
    except ImportError:  # pragma: no cover - pack always ships
        return True
    return holds_on(start, end, as_of)


def _merged(readings: list[Relation]) -> dict[str, Any]:
    first = readings[0]
    starts = sorted(r.start for r in readings if r.start)
    ends = sorted(r.end for r in readings if r.end)
    quals: dict[str, Any] = {}
    for r in readings:
        for k, v in (r.qualifiers or {}).items():
            quals.setdefault(k, v)
    return {
        "subject": first.subject,
        "predicate": first.predicate,
        "object": first.object,
        "origin": "extract",
        "start": starts[0] if starts else None,
        "end": ends[-1] if ends else None,
        "negated": first.negated,
        "attributed_to": first.attributed_to,
        "qualifiers": quals,
        "credibility": None,
        "evidence": [
            {"doc": r.evidence.doc, "start": r.evidence.start, "end": r.evidence.end}
            for r in readings
        ],
    }


def _fallback(
    store: Store, entity: str | None, predicate: str | None, as_of: str | None
) -> list[dict[str, Any]]:
    groups: OrderedDict[tuple[Any, ...], list[Relation]] = OrderedDict()
    for r in store.relations(entity=entity, predicate=predicate):
        groups.setdefault(r.fact_key, []).append(r)
    out = [_merged(g) for g in groups.values()]
    if as_of:
        out = [f for f in out if _holds(f["start"], f["end"], as_of)]
    return out


def _ident(v: Any) -> Any:
    return v.get("id") if isinstance(v, dict) else v


def normalise(raw: dict[str, Any], lk: Lookup) -> dict[str, Any]:
    """One fact as pages show it (from analysis.facts.Fact.to_dict() or the fallback)."""
    ev = [lk.evidence(e) for e in raw.get("evidence") or []]
    docs = {e["doc"] for e in ev if e["doc"]}
    subject, obj = _ident(raw.get("subject")), _ident(raw.get("object"))
    sources = raw.get("sources")
    attributed = raw.get("attributed_to")
    if isinstance(attributed, (list, tuple)):
        attributed = attributed[0] if attributed else None
    grade = raw.get("credibility")
    label = raw.get("credibility_label")
    return {
        "id": raw.get("id")
        or stable_id("f", subject, raw.get("predicate"), obj, raw.get("negated")),
        "subject": lk.ref(subject, raw.get("subject_name")),
        "predicate": raw.get("predicate"),
        "object": lk.ref(obj, raw.get("object_name")),
        "start": raw.get("start"),
        "end": raw.get("end"),
        "negated": bool(raw.get("negated")),
        "attributed_to": lk.ref(_ident(attributed)),
        "qualifiers": raw.get("qualifiers") or {},
        "sources": sources if isinstance(sources, int) else len(docs),
        "credibility": grade,
        "credibility_label": label,
        "contradicted_by": raw.get("contradicted_by") or 0,
        "conflict": bool(raw.get("conflict") or raw.get("contradicted_by")),
        "origin": raw.get("origin"),
        "past": bool(raw.get("past")),
        "evidence": ev,
        "evidence_total": raw.get("evidence_total") or len(ev),
    }


def fact_key(f: dict[str, Any]) -> tuple[Any, Any, Any]:
    """(subject, predicate, object) ids of a normalised fact or conflict."""
    return (
        (f.get("subject") or {}).get("id"),
        f.get("predicate"),
        (f.get("object") or {}).get("id"),
    )


def facts(
    store: Store,
    pack: Pack | None,
    lk: Lookup,
    entity: str | None = None,
    predicate: str | None = None,
    as_of: str | None = None,
) -> list[dict[str, Any]]:
    mod = analysis("facts")
    if mod is not None:
        raw = [
            plain(f)
            for f in mod.facts(
                store, entity=entity, predicate=predicate, as_of=as_of, pack=pack, ctx=lk.context()
            )
        ]
    else:
        raw = _fallback(store, entity, predicate, as_of)
    return [normalise(r, lk) for r in raw]


MODES = ("reported", "pack", "both")
"""Which facts a view shows: read from the reporting, held by the knowledge pack, or both."""


def is_reported(f: dict[str, Any]) -> bool:
    return "extract" in (f.get("origin") or "extract")


def is_pack(f: dict[str, Any]) -> bool:
    return "pack" in (f.get("origin") or "")


def by_mode(
    items: list[dict[str, Any]], mode: str | None
) -> tuple[list[dict[str, Any]], str, dict[str, int]]:
    """(the facts ``mode`` keeps, the mode used, counts per mode). Without a mode the
    reporting comes first: 'reported' when the texts say anything, else 'both'."""
    counts = {
        "reported": sum(map(is_reported, items)),
        "pack": sum(map(is_pack, items)),
        "both": len(items),
    }
    if mode not in MODES:
        mode = "reported" if counts["reported"] else "both"
    keep = {"reported": is_reported, "pack": is_pack}.get(mode)
    return ([f for f in items if keep(f)] if keep else list(items)), mode, counts


def by_predicate(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts grouped by predicate, in the contract's predicate order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for f in items:
        groups.setdefault(f["predicate"], []).append(f)
    order = {p: i for i, p in enumerate(PREDICATES)}
    return [
        {"predicate": p, "facts": fs}
        for p, fs in sorted(groups.items(), key=lambda kv: order.get(kv[0], 99))
    ]


def conflict(raw: dict[str, Any], lk: Lookup) -> dict[str, Any]:
    """A conflict (analysis.conflicts.Conflict.to_dict()) with cited sides."""
    return {
        "kind": raw.get("kind"),
        "summary": unsnake(raw.get("summary")),
        "subject": lk.ref(raw.get("subject"), raw.get("subject_name")),
        "predicate": raw.get("predicate"),
        "object": lk.ref(raw.get("object"), raw.get("object_name")),
        "sides": [
            {
                "stance": s.get("stance"),
                "summary": unsnake(s.get("summary")),
                "sources": s.get("sources"),
                "value": s.get("value"),
                "evidence": [lk.evidence(e) for e in s.get("evidence") or []],
            }
            for s in raw.get("sides") or []
        ],
    }


def conflicts(
    store: Store, pack: Pack | None, lk: Lookup, entity: str | None = None
) -> list[dict[str, Any]] | None:
    """Contradicting facts from crossroads.analysis.conflicts; None when not installed."""
    found = conflicts_page(store, pack, lk, entity, None, 0)
    return None if found is None else found[0]


def conflicts_page(
    store: Store,
    pack: Pack | None,
    lk: Lookup,
    entity: str | None,
    limit: int | None,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int] | None:
    """(one page of the contradicting facts, how many there are): only the page's are
    shown with their citations; None when the analysis is not installed."""
    mod = analysis("conflicts")
    if mod is None:
        return None
    found = mod.conflicts(store, pack=pack, entity=entity, ctx=lk.context())
    shown = found[offset:] if limit is None else found[offset : offset + limit]
    return [conflict(plain(c), lk) for c in shown], len(found)
