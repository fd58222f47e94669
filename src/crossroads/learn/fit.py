"""Training rows from annotated documents, and the fit that turns them into a LinearModel.

Gold names a relation or an event for the whole document, not its sentence, so every
candidate whose entities the gold links is labelled with it (distant supervision). An
entity of ours means a gold entity when one of its names, aliases or mention texts is a
name of that gold entity, as the scorer matches them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from crossroads.extraction.events import read_events
from crossroads.extraction.quotes import read_quotes
from crossroads.extraction.relations import read_relations
from crossroads.learn.annotated import norm
from crossroads.learn.features import (
    SYMMETRIC,
    PairCandidate,
)
from crossroads.learn.linear import LinearModel, Meta
from crossroads.learn.parsed import Parsed
from crossroads.model import Event, Quote, Relation

__all__ = ["Readings", "fit", "gold_ids", "pair_label", "readings", "relation_labels"]

SEED = 0


@dataclass
class Readings:
    """What the rules read from one parsed article (inputs to the learned readers)."""

    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def readings(p: Parsed) -> Readings:
    return Readings(read_relations(p.sdoc), read_events(p.sdoc), read_quotes(p.sdoc))


def gold_ids(p: Parsed) -> dict[str, set[int]]:
    """Our entity id -> the gold entities it names."""
    names: dict[str, set[str]] = defaultdict(set)
    for eid, e in (p.sdoc._.entities or {}).items():
        names[eid].update([e.name, *e.aliases])
    for ent in p.sdoc.ents:
        if ent.kb_id_:
            names[ent.kb_id_].add(ent.text)
    return {eid: p.ann.ids(list(ns)) for eid, ns in names.items() if p.ann.ids(list(ns))}


def relation_labels(p: Parsed, implied: bool = True) -> dict[tuple[int, int], set[str]]:
    """(gold subject, gold object) -> predicates the gold states (both ways if symmetric);
    without ``implied``, only those it requires (not the ones it marks optional)."""
    out: dict[tuple[int, int], set[str]] = defaultdict(set)
    for r in p.ann.gold.get("relation", []):
        if not r.get("object") or (not implied and r.get("optional")):
            continue
        s, o = p.ann.by_name.get(norm(r["subject"])), p.ann.by_name.get(norm(r["object"]))
        if s is None or o is None:
            continue
        out[(s, o)].add(r["predicate"])
        if r["predicate"] in SYMMETRIC:
            out[(o, s)].add(r["predicate"])
    return out


def pair_label(
    c: PairCandidate, ids: dict[str, set[int]], labels: dict[tuple[int, int], set[str]]
) -> str:
    found = {
        pred
        for ga in ids.get(c.a.id, ())
        for gb in ids.get(c.b.id, ())
        for pred in labels.get((ga, gb), ())
    }
    return min(found) if found else "none"


def fit(
    rows: list[dict[str, float]],
    labels: list[str],
    c: float = 1.0,
    meta: Meta | None = None,
    weights: list[float] | None = None,
) -> LinearModel:
    """Multinomial logistic regression (scikit-learn, lbfgs, fixed seed): deterministic for
    the same rows in the same order."""
    # scikit-learn ships no type information; the only stub package (scikit-learn-stubs, an
    # unofficial copy of stubs written for older releases) types these results as bare arrays
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    clf.fit(x, labels, sample_weight=weights)
    coef, intercept = clf.coef_, clf.intercept_
    keep = np.abs(coef).max(axis=0) > 1e-4  # drop features with no weight anywhere
    names = [f for f, k in zip(vec.get_feature_names_out(), keep, strict=True) if k]
    return LinearModel(
        [str(k) for k in clf.classes_], [str(n) for n in names], coef[:, keep], intercept, meta
    )
