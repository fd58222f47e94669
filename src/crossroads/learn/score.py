"""Relation and event scores against gold, matched as the shared scorer matches them.

A relation counts when its predicate, subject and object (either order if symmetric) and
negation match a gold relation, and its evidence names its subject or object; an event when
its type matches, it shares a participant and its date agrees at the gold's precision.
Optional gold is found for free and never missed. Counts are kept per predicate and type.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from crossroads.extraction.entities import NAME_GROUPS
from crossroads.learn.annotated import Annotated, norm, quotes_match
from crossroads.learn.features import SYMMETRIC
from crossroads.learn.fit import gold_ids
from crossroads.learn.parsed import Parsed
from crossroads.model import Event, Quote, Relation

__all__ = ["Counts", "ScoredEntity", "Scores", "entity_list", "score_source"]

ScoredEntity = tuple[str, str, int, frozenset[int]]
"""An article's entity as the scorer sees it: id, type, mentions, the gold entities it names."""


@dataclass
class Counts:
    tp_sys: int = 0
    n_sys: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    def add(self, o: Counts) -> None:
        self.tp_sys += o.tp_sys
        self.n_sys += o.n_sys
        self.tp_gold += o.tp_gold
        self.n_gold += o.n_gold

    @property
    def p(self) -> float:
        return self.tp_sys / self.n_sys if self.n_sys else 0.0

    @property
    def r(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "p": round(self.p, 4),
            "r": round(self.r, 4),
            "f1": round(self.f1, 4),
            "system": self.n_sys,
            "gold": self.n_gold,
        }


@dataclass
class Scores:
    """Counts by record kind and by label (``relation:member_of``, ``event:CONSULT``)."""

    kinds: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    labels: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def add(self, o: Scores) -> None:
        for k, c in o.kinds.items():
            self.kinds[k].add(c)
        for k, c in o.labels.items():
            self.labels[k].add(c)


def _names(parsed: list[Parsed]) -> dict[str, list[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for p in parsed:
        for eid, e in (p.sdoc._.entities or {}).items():
            out[eid].update([e.name, *e.aliases])
    return {k: sorted(v) for k, v in out.items()}


def entity_list(p: Parsed) -> list[ScoredEntity]:
    """The article's entities that have a mention, with the gold entities they name (as the
    export gives mentions: extraction/entities.py)."""
    spans = [*p.sdoc.ents, *(s for g in NAME_GROUPS for s in p.sdoc.spans.get(g, []))]
    counts = Counter(s.kb_id_ for s in spans if s.kb_id_)
    ids = gold_ids(p)
    return [
        (eid, e.type, counts[eid], frozenset(ids.get(eid, ())))
        for eid, e in (p.sdoc._.entities or {}).items()
        if counts[eid]
    ]


def _score_entities(ann: Annotated, entities: Iterable[ScoredEntity]) -> Counts:
    """The scorer's entity rule: each gold entity is claimed by one entity at most (the most
    mentioned first, one of its own type first), which must have the gold's type."""
    merged: dict[str, tuple[str, int, set[int]]] = {}
    for eid, typ, n, ids in entities:
        _, m, have = merged.get(eid, (typ, 0, set()))
        merged[eid] = (typ, m + n, have | ids)
    types = [str(g["type"]) for g in ann.gold.get("entity", [])]
    out, claimed = Counts(), set[int]()
    for typ, _, mine in sorted(merged.values(), key=lambda x: -x[1]):
        free = sorted(mine - claimed, key=lambda i: types[i] != typ)
        out.n_sys += 1
        if free:
            claimed.add(free[0])
            out.tp_sys += int(types[free[0]] == typ)
    for i, g in enumerate(ann.gold.get("entity", [])):
        if not g.get("optional"):
            out.n_gold += 1
            out.tp_gold += int(
                i in claimed
                and any(typ == types[i] and i in ids for typ, _, ids in merged.values())
            )
    return out


def score_source(
    parsed: list[Parsed],
    relations: Iterable[Relation],
    events: Iterable[Event],
    quotes: Iterable[Quote] = (),
    entities: Iterable[ScoredEntity] | None = None,
) -> Scores:
    """Scores of one annotated source (all its articles) against its gold; ``entities``
    defaults to the articles' entities as they are now."""
    ann = parsed[0].ann
    if entities is None:
        entities = [x for p in parsed for x in entity_list(p)]
    names = _names(parsed)
    texts = {p.doc.id: p.doc.text for p in parsed}
    out = Scores()
    gold_rel = [
        (r, ann.by_name.get(norm(r["subject"])), ann.by_name.get(norm(r.get("object") or "")))
        for r in ann.gold.get("relation", [])
        if r.get("object")
    ]
    facts: dict[tuple[object, ...], list[Relation]] = defaultdict(list)
    for r in relations:
        if r.object is not None:
            facts[(*r.fact_key, r.attributed_to)].append(r)
    hit: set[int] = set()
    for rels in facts.values():
        r = rels[0]
        s_names, o_names = names.get(r.subject, []), names.get(r.object or "", [])
        wanted = [norm(n) for n in s_names + o_names if n]
        ok_ev = any(
            w and w in norm(texts.get(x.evidence.doc, "")[x.evidence.start : x.evidence.end])
            for x in rels
            for w in wanted
        )
        s_ids, o_ids = ann.ids(s_names), ann.ids(o_names)
        matched = False
        for k, (g, gs, go) in enumerate(gold_rel):
            if g["predicate"] != r.predicate or bool(g.get("negated")) != r.negated:
                continue
            if (gs in s_ids and go in o_ids) or (
                r.predicate in SYMMETRIC and gs in o_ids and go in s_ids
            ):
                matched = True
                if ok_ev:
                    hit.add(k)
        c = Counts(n_sys=1, tp_sys=int(matched and ok_ev))
        out.kinds["relation"].add(c)
        out.labels[f"relation:{r.predicate}"].add(c)
    for k, (g, _, _) in enumerate(gold_rel):
        if not g.get("optional"):
            c = Counts(n_gold=1, tp_gold=int(k in hit))
            out.kinds["relation"].add(c)
            out.labels[f"relation:{g['predicate']}"].add(c)
    gold_ev = [(g, ann.ids(g.get("participants", []))) for g in ann.gold.get("event", [])]
    hit = set()
    for ev in events:
        ids = ann.ids([n for eid in (*ev.actors, *ev.targets) for n in names.get(eid, [])])
        matched = False
        for k, (g, gids) in enumerate(gold_ev):
            date = str(g.get("date") or "")
            if (
                g["type"] == ev.type
                and ids & gids
                and (not date or str(ev.date or "").startswith(date))
            ):
                matched = True
                hit.add(k)
        c = Counts(n_sys=1, tp_sys=int(matched))
        out.kinds["event"].add(c)
        out.labels[f"event:{ev.type}"].add(c)
    for k, (g, _) in enumerate(gold_ev):
        if not g.get("optional"):
            c = Counts(n_gold=1, tp_gold=int(k in hit))
            out.kinds["event"].add(c)
            out.labels[f"event:{g['type']}"].add(c)
    out.kinds["quote"].add(_score_quotes(ann, names, quotes))
    out.kinds["entity"].add(_score_entities(ann, entities))
    return out


def _score_quotes(ann: Annotated, names: dict[str, list[str]], quotes: Iterable[Quote]) -> Counts:
    """A quote counts when a gold quote said by its speaker has half its words in it."""
    gold = [
        (g, ann.by_name.get(norm(str(g.get("speaker", "")))), str(g.get("text", "")))
        for g in ann.gold.get("quote", [])
    ]
    out, hit = Counts(), set()
    for q in quotes:
        spk, mine = ann.ids(names.get(q.speaker or "", [])), set(norm(q.text).split())
        matched = False
        for k, (_, who, gw) in enumerate(gold):
            if who in spk and quotes_match(gw, mine):
                matched = True
                hit.add(k)
        out.add(Counts(n_sys=1, tp_sys=int(matched)))
    for k, (g, _, _) in enumerate(gold):
        if not g.get("optional"):
            out.add(Counts(n_gold=1, tp_gold=int(k in hit)))
    return out
