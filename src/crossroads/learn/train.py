"""Training and document-fold cross-validation of the relation and event models.

Folds are whole source files, assigned by a seeded shuffle, so a document's gold never
scores a model that saw it. The learning curve trains on the first 25/50/75/100% of each
fold's training files and scores the same held-out files.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from crossroads.extraction.quotes import Spoken, spoken
from crossroads.learn import entities as learned_entities
from crossroads.learn import events as learned_events
from crossroads.learn import quotes as learned_quotes
from crossroads.learn import relations as learned
from crossroads.learn.annotated import Annotated, load_annotated
from crossroads.learn.event_features import Proposal
from crossroads.learn.features import pair_features
from crossroads.learn.fit import (
    SEED,
    Readings,
    fit,
    gold_ids,
    pair_label,
    readings,
    relation_labels,
)
from crossroads.learn.linear import LinearModel
from crossroads.learn.parsed import Parsed, parse_all
from crossroads.learn.reader import RELATIONS, pack_facts
from crossroads.learn.score import Counts, ScoredEntity, Scores, entity_list, score_source

if TYPE_CHECKING:  # only for annotations: the extractor loads the learned readers
    from crossroads.extraction.extractor import Extractor
    from crossroads.pack import Pack

__all__ = [
    "CrossValidation",
    "Example",
    "crossvalidate",
    "find_sets",
    "prepare",
    "train",
    "train_entities",
    "train_event_dates",
    "train_events",
    "train_quotes",
]

THRESHOLD = 0.55
"""Probability the likeliest predicate of a pair needs (cross-validated with the made-up
articles: 0.45 0.659, 0.5 0.665, 0.55 0.668, 0.6 0.663)."""
C = 1.0
"""Inverse L2 strength of the logistic regression (with per-predicate thresholds, three fold
draws: 0.5 0.7075, 1.0 0.7136, 2.0 0.7114)."""
REVIEW_FOLDS = 5
"""Folds of the entity review's cross-fitting in ``prepare``."""
PROPOSAL_WEIGHT = 2.0
"""What the row of a candidate name NER missed counts for in the entity review (cross-validated
entity F1: 0.5 0.9154, 1 0.9165, 2 0.9180, 4 0.9179): a candidate is most often no name, and
weighing the few that are more teaches what they look like."""
RULES_MARGIN = 0.05
"""How much better than the model's best option the rules alone must score out of fold for a
predicate to be read by them alone. The rules were written while reading the very articles
the folds score, so their out-of-fold F1 flatters them: on 64 real articles never seen they
lost 0.09-0.13 against cross-validation, the model 0.03-0.10. With no margin borders and
affiliated_with came from the rules alone (by 0.035 and 0.023); on those 64 articles reading
them from both took relations 0.688 / 0.615 -> 0.696 / 0.626."""
MADE_UP_WEIGHT = 0.5
"""What a made-up article's example counts for against a real one's. Cross-validated with 163
of them, relation F1: 1.0 0.694, 0.75 0.696, 0.5 0.697 (entity F1 0.900, 0.899, 0.897; 1.0
for the entity review alone: entities 0.900, relations 0.692); 0.5 0.680 and 0.25 0.675 before
optional facts were set aside. With 76: 1.0 0.664, 0.5 0.668, 0.3 0.666, none 0.649. With
per-predicate thresholds, three fold draws: 0.5 0.7136, 0.75 0.7105."""


@dataclass
class EntityRows:
    """An article's entity review rows (features, label) and the rules' entities."""

    rows: list[tuple[dict[str, float], str]]
    rules: list[ScoredEntity]
    types: dict[str, str] = field(default_factory=dict)
    """The rules' type of each row's entity, by id, in row order."""
    outcomes: list[tuple[str, str, bool]] = field(default_factory=list)
    """Out of fold: each change the review would make (from, to) and whether it is right."""
    proposed: list[tuple[dict[str, float], str]] = field(default_factory=list)
    """Rows of the candidate names NER missed (extraction/proposals.py), with their label."""


@dataclass
class Example:
    """One parsed article, what the rules read in it, and its relation training rows."""

    parsed: Parsed
    readings: Readings
    rows: list[tuple[dict[str, float], str, tuple[str, str]]] = field(default_factory=list)
    """Features, gold label and the (subject, object) pair of each candidate."""
    proposals: list[Proposal] = field(default_factory=list)
    """Event proposals (the rules' and the lexicons'), with their features."""
    event_gold: list[bool] = field(default_factory=list)
    """Whether each proposal matches a gold event."""
    event_dates: list[list[str]] = field(default_factory=list)
    """Dates of the gold events each proposal's type and participants match."""
    quotes: list[Spoken] = field(default_factory=list)
    """Quotations the rules find, with the speaker they propose."""
    quote_rows: list[tuple[dict[str, float], bool]] = field(default_factory=list)
    """Features of each quotation's speaker candidates, and whether the gold says it."""
    made_up: bool = False
    """A made-up article (``--extra``): trained on, never scored."""
    entities: EntityRows = field(default_factory=lambda: EntityRows([], []))
    """The entity review's rows, and the entities as the rules found them."""
    review_only: bool = False
    """A made-up article only the entity review learns from (``--extra-review``)."""

    @property
    def source(self) -> str:
        return self.parsed.ann.source


def find_sets(spec: str) -> list[tuple[Path, Path]]:
    """(gold folder, texts folder) pairs named by ``GOLD[:TEXTS]``. Without TEXTS the texts
    are in ``corpus`` beside the gold folder or beside its parent; a folder that holds no gold
    itself but ``train/gold`` and ``eval/gold`` (the team's shared layout) gives both."""
    gold, _, texts = str(spec).partition(":")
    root = Path(gold)
    if texts:
        return [(root, Path(texts))]
    golds = (
        [root]
        if list(root.glob("*.toml"))
        else [
            g
            for g in (root / "train" / "gold", root / "eval" / "gold", root / "gold")
            if g.is_dir()
        ]
    )
    return [(g, texts_for(g)) for g in golds]


def texts_for(gold: Path) -> Path:
    """The texts of a gold folder: ``corpus`` beside it, or beside its parent."""
    for cand in (gold.parent / "corpus", gold.parent.parent / "corpus"):
        if cand.is_dir():
            return cand
    return gold.parent / "corpus"


def prepare(
    sets: Iterable[tuple[Path, Path]],
    extractor: Extractor,
    cache: Path | None = None,
    extra: Iterable[tuple[Path, Path]] = (),
    review_extra: Iterable[tuple[Path, Path]] = (),
    group: re.Pattern[str] | None = None,
    also: Iterable[tuple[Path, Path]] = (),
) -> tuple[list[Example], list[Example]]:
    """Every annotated article parsed, its entities reviewed, read by the rules and turned
    into rows: the real articles of ``sets``, and the made-up ones of ``extra`` and
    ``review_extra`` (trained on, never scored; those of ``review_extra`` flagged
    ``review_only``), and the real ones of ``also`` (trained on as real articles, never
    scored: a set whose errors were read is no longer first-seen, but still good gold).

    Each article's entities are reviewed by an entity model trained on the articles of the
    other folds (cross-fitting), so the relation, event and quote rows see entities as a new
    article would have them, and no article is reviewed by a model that saw its gold (nor, with
    ``group``, one that saw its series: ``folds``)."""
    real = _parse(sets, extractor, cache)
    made = _parse(extra, extractor, cache)
    review_only = _parse(review_extra, extractor, cache)
    seen = _parse(also, extractor, cache)
    made += review_only
    only = {id(p) for p in review_only}
    invented = {id(p) for p in made}
    made += seen  # dealt into folds apart from ``real``, as the made-up ones are
    known = frozenset(extractor.pack.entities)
    names = learned_entities.pack_rows(extractor.pack)
    before = {id(p): _entity_rows(p, known) for p in real + made}
    # real and made-up articles are dealt into folds apart, so that adding made-up ones does
    # not move a real article to another fold (which alone moved entity F1 by 0.004)
    k = max(1, REVIEW_FOLDS)
    fold_of = {
        **folds([p.ann.source for p in real], k, group),
        **folds([p.ann.source for p in made], k),
    }
    models = {
        i: _fit_entities(
            [(before[id(p)], id(p) in invented) for p in real + made if fold_of[p.ann.source] != i],
            names,
        )
        for i in range(REVIEW_FOLDS)
    }
    for p in real + made:  # what each fold's model would change, and whether rightly
        if (model := models.get(fold_of[p.ann.source])) is not None:
            before[id(p)].outcomes = _outcomes(before[id(p)], model)
    for i, model in models.items():
        if model is None:
            continue
        # changes that were wrong more often than right on the other folds are not made
        model.meta.update(
            learned_entities.blocked(
                o for p in real + made if fold_of[p.ann.source] != i for o in before[id(p)].outcomes
            )
        )
        for p in real + made:
            if fold_of[p.ann.source] == i:
                learned_entities.review(p.sdoc, model, known)
    pack = pack_facts(extractor.pack)
    return (
        [_example(p, pack, before[id(p)], False) for p in real],
        [
            # an article for the entity review alone needs its entity rows only
            Example(p, Readings(), made_up=True, entities=before[id(p)], review_only=True)
            if id(p) in only
            else _example(p, pack, before[id(p)], id(p) in invented)
            for p in made
        ],
    )


def _parse(
    sets: Iterable[tuple[Path, Path]], extractor: Extractor, cache: Path | None
) -> list[Parsed]:
    anns: list[Annotated] = []
    for gold, texts in sets:
        anns.extend(load_annotated(gold, texts))
    return parse_all(anns, extractor, cache)


def _entity_rows(p: Parsed, known: frozenset[str]) -> EntityRows:
    """The entity review's rows of one article (features, label) and its entities as the
    rules found them (for the rules-alone score)."""
    feats = learned_entities.entity_rows(p.sdoc, known)
    labels = learned_entities.gold_types(p.sdoc, p.ann, feats)
    cands = learned_entities.proposal_rows(p.sdoc)
    kinds = learned_entities.proposal_types(p.sdoc, p.ann, cands)
    ents = p.sdoc._.entities or {}
    return EntityRows(
        [(f, labels[eid]) for eid, f in feats.items()],
        entity_list(p),
        {eid: ents[eid].type for eid in feats},
        proposed=[(f, kinds[eid]) for eid, f in cands.items()],
    )


def _outcomes(er: EntityRows, model: LinearModel) -> list[tuple[str, str, bool]]:
    rows = dict(zip(er.types, er.rows, strict=True))
    changed = learned_entities.decide({eid: f for eid, (f, _) in rows.items()}, er.types, model)
    return [(er.types[eid], to, rows[eid][1] == to) for eid, to in changed.items()]


def _fit_entities(
    rows: list[tuple[EntityRows, bool]], names: list[tuple[dict[str, float], str, float]]
) -> LinearModel | None:
    """The review model from articles' rows (made-up ones at MADE_UP_WEIGHT) and the pack's
    name rows (``learned_entities.pack_rows``)."""
    data = [
        (f, y, (MADE_UP_WEIGHT if made_up else 1.0) * w)
        for er, made_up in rows
        for rs, w in ((er.rows, 1.0), (er.proposed, PROPOSAL_WEIGHT))
        for f, y in rs
    ]
    return learned_entities.fit_entities(data + names, {"rows": len(data), "names": len(names)})


def _example(
    p: Parsed, pack: set[tuple[str, str, str]], entities: EntityRows, made_up: bool
) -> Example:
    r = readings(p)
    ids, required, stated = gold_ids(p), relation_labels(p, implied=False), relation_labels(p)
    # a pair whose entities the gold does not both know is no example of "none": the
    # gold may name them otherwise (cross-validated: 0.663 -> 0.669 without those rows); a
    # pair the gold marks optional only (implied, not stated) is no example either way
    # (0.680 -> 0.697 with 163 made-up articles, whose implied facts had taught guessing)
    rows = [
        (pair_features(c, pack), label, (c.a.id, c.b.id))
        for c in learned.candidates(p.sdoc, r.relations)
        if ((label := pair_label(c, ids, required)) != "none" or (c.a.id in ids and c.b.id in ids))
        and (label != "none" or pair_label(c, ids, stated) == "none")
    ]
    props = learned_events.proposals(p.sdoc, r.events)
    hits = [learned_events.matches(p.ann.gold, p.ann.ids, x.event, ids) for x in props]
    when = [learned_events.gold_dates(p.ann.gold, p.ann.ids, x.event, ids) for x in props]
    said = spoken(p.sdoc)
    qrows = [
        (c.features, bool(ids.get(c.id, set()) & who))
        for q, row in zip(said, learned_quotes.candidates(p.sdoc, said), strict=True)
        for who in [learned_quotes.gold_speakers(p.ann.gold, p.ann.by_name, q.body)]
        for c in row
    ]
    return Example(p, r, rows, props, hits, when, said, qrows, made_up=made_up, entities=entities)


def train_entities(examples: list[Example], pack: Pack) -> LinearModel | None:
    """The entity review model, from every article (made-up ones at MADE_UP_WEIGHT) and the
    pack's names, with the changes that were wrong more often than right out of fold blocked."""
    model = _fit_entities(
        [(ex.entities, ex.made_up) for ex in examples], learned_entities.pack_rows(pack)
    )
    if model is not None:
        model.meta.update(
            learned_entities.blocked(o for ex in examples for o in ex.entities.outcomes)
        )
    return model


def train(examples: list[Example], threshold: float = THRESHOLD) -> LinearModel:
    rows = [(f, y) for ex in examples for f, y, _ in ex.rows]
    weights = [MADE_UP_WEIGHT if ex.made_up else 1.0 for ex in examples for _ in ex.rows]
    meta = {
        "threshold": threshold,
        "unseen_margin": learned.UNSEEN_MARGIN,
        "c": C,
        "documents": len(examples),
        "real": sum(not ex.made_up for ex in examples),
        "sources": len({ex.source for ex in examples}),
        "rows": len(rows),
    }
    return fit([f for f, _ in rows], [y for _, y in rows], c=C, meta=meta, weights=weights)


def train_events(examples: list[Example]) -> LinearModel | None:
    """The event model, from real articles only: the made-up ones left it level at first
    (cross-validated 0.668 with 49 of them), then cost it 0.017 (76 of them) and 0.008 (163,
    at a third of a real article's weight)."""
    examples = [ex for ex in examples if not ex.made_up]
    rows = [
        (x.features, y) for ex in examples for x, y in zip(ex.proposals, ex.event_gold, strict=True)
    ]
    return learned_events.fit_events(
        rows,
        {
            "documents": len(examples),
            "rows": len(rows),
            "sources": len({ex.source for ex in examples}),
        },
    )


def train_event_dates(examples: list[Example]) -> LinearModel | None:
    examples = [ex for ex in examples if not ex.made_up]
    rows = [
        row
        for ex in examples
        for x, ds in zip(ex.proposals, ex.event_dates, strict=True)
        for row in learned_events.date_rows(x, ds)
    ]
    return learned_events.fit_dates(rows, {"documents": len(examples), "rows": len(rows)})


def train_quotes(examples: list[Example]) -> LinearModel | None:
    """The speaker model, from real and made-up articles. The made-up ones quote more tidily,
    and once cost it 0.016 cross-validated F1 (0.852 -> 0.836, when an unsure model dropped
    the quotation); with the rules' speaker standing where the model is unsure, their 285
    quotations teach it the speakers the rules get wrong on text they were not written on
    (see learned_quotes.THRESHOLD)."""
    examples = [ex for ex in examples if not ex.review_only]
    rows = [row for ex in examples for row in ex.quote_rows]
    return learned_quotes.fit_quotes(rows, {"documents": len(examples), "rows": len(rows)})


def choose_sources(scores: dict[str, dict[str, Counts]]) -> dict[str, str]:
    """Per predicate, the source whose out-of-fold F1 is highest (``scores[source][predicate]``);
    a source may carry its threshold ("model@0.45", ``_source_scores``). Only predicates where
    it is not the model at the shared threshold are listed, and that one wins ties."""
    default = f"model@{THRESHOLD}"
    out = {}
    for pred in sorted({p for by in scores.values() for p in by}):
        f1 = {src: by.get(pred, Counts()).f1 for src, by in scores.items()}
        options = [src for src in f1 if src != "rules"] or list(f1)
        best = max(options, key=lambda src: (f1[src], src in ("model", default)))
        if "rules" in f1 and f1["rules"] > f1[best] + RULES_MARGIN:
            best = "rules"
        if best not in ("model", default):
            out[pred] = best
    return out


BAG = 100
"""Resamples of the scored articles (drawn with replacement) that each choose every predicate's
source and threshold (``choose_bagged``)."""


SWITCH = 0.2
"""How many more of the resamples (as a share of them) another source must win than the model
for a predicate to leave the model."""


def choose_bagged(docs: list[SourceScores], rounds: int = BAG, seed: int = 0) -> dict[str, str]:
    """Per predicate, the source of the choice most resamples of the articles make
    (``choose_sources`` on each), at the mean of the thresholds they choose with that source.
    A predicate whose out-of-fold F1 peaks at two thresholds almost alike took one or the
    other on any small change to the training text (a flip of 0.1 moved first-seen relations
    by up to 0.01); the mean moves by a little instead (0.65 -> 0.68 where the single choice
    went 0.65 -> 0.75)."""
    default = f"model@{THRESHOLD}"
    if not docs or rounds <= 0:
        return choose_sources(_summed(docs))
    rng = random.Random(seed)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    preds = sorted({p for d in docs for by in d.values() for p in by})
    for _ in range(rounds):
        chosen = choose_sources(_summed(rng.choice(docs) for _ in docs))
        for pred in preds:
            votes[pred][chosen.get(pred, default)] += 1
    out = {}
    for pred in preds:
        count = votes[pred]
        parts = {o: learned.option_parts(o) for o in count}
        by_source: Counter[str] = Counter()
        for o, n in count.items():
            by_source[parts[o][0]] += n
        best = max(count, key=lambda o: (count[o], o == default))
        src = parts[best][0]
        if src != "model" and by_source[src] - by_source["model"] < SWITCH * rounds:
            # a near tie between the model and another source is no reason to leave it: the
            # choice flipped with any retraining and moved new text's relations by up to 0.02
            best = max(
                (o for o in count if parts[o][0] == "model"),
                key=lambda o: (count[o], o == default),
                default=best,
            )
            src = parts[best][0]
        if src != "rules":
            same = [(at or THRESHOLD, count[o]) for o, (s, at) in parts.items() if s == src]
            best = f"{src}@{round(sum(t * n for t, n in same) / sum(n for _, n in same), 2)}"
        if best != default:
            out[pred] = best
    return out


SourceScores = dict[str, dict[str, Counts]]
"""Relation counts by source ('rules', or 'model' and 'both' at a threshold: 'model@0.45') and
predicate."""


def relation_sources(
    examples: list[Example],
    pack: set[tuple[str, str, str]],
    extra: list[Example] | None = None,
    k: int = REVIEW_FOLDS,
) -> dict[str, str]:
    """Per predicate, the source of the shipped model's readings, chosen from out-of-fold
    scores: k relation models, each scored on the articles it did not see."""
    _, scores = _out_of_fold(examples, list(extra or ()), pack, k)
    return choose_bagged([d for by in scores.values() for d in by])


def _out_of_fold(
    examples: list[Example],
    extra: list[Example],
    pack: set[tuple[str, str, str]],
    k: int,
    group: re.Pattern[str] | None = None,
) -> tuple[dict[int, LinearModel], dict[int, list[SourceScores]]]:
    """Each fold's relation model (trained on the other folds and ``extra``) and its
    per-source scores on the fold it did not see."""
    fold_of = folds([ex.source for ex in examples], k, group)
    models = {
        i: train([ex for ex in examples if fold_of[ex.source] != i] + extra) for i in range(k)
    }
    scores = {
        i: _source_scores([ex for ex in examples if fold_of[ex.source] == i], models[i], pack)
        for i in range(k)
    }
    return models, scores


def _source_scores(
    held: list[Example], model: LinearModel, pack: set[tuple[str, str, str]]
) -> list[SourceScores]:
    """Relation counts per predicate of each source file of ``held``, with every predicate from
    each source, the model's at each of ``THRESHOLDS`` (the model reads each article once)."""
    preds = {c for c in model.classes if c != "none"} | {
        r.predicate for ex in held for r in ex.readings.relations
    }
    floor = min(learned.THRESHOLDS)
    read = {
        id(ex): learned.scored_reads(ex.parsed.sdoc, ex.readings.relations, model, pack, floor)
        for ex in held
    }
    options = ["rules"] + [f"{src}@{th}" for src in ("model", "both") for th in learned.THRESHOLDS]
    groups = _per_source(held)
    out: list[SourceScores] = [{} for _ in groups]
    for option in options:
        src, at = learned.option_parts(option)
        th = 1.0 if at is None else at  # the rules' option reads nothing of the model
        every = dict.fromkeys(preds, src)
        for k, exs in enumerate(groups):
            rels = [
                r
                for ex in exs
                for r in learned.by_source(
                    [r for r, q in read[id(ex)] if q >= th], ex.readings.relations, every
                )
            ]
            s = score_source([ex.parsed for ex in exs], rels, [], [], [])
            counts: dict[str, Counts] = defaultdict(Counts)
            for lab, c in s.labels.items():
                if lab.startswith("relation:"):
                    counts[lab.removeprefix("relation:")].add(c)
            out[k][option] = counts
    return out


def _per_source(examples: list[Example]) -> list[list[Example]]:
    """The examples grouped by annotated source file (a source is scored as a whole)."""
    by: dict[str, list[Example]] = defaultdict(list)
    for ex in examples:
        by[ex.source].append(ex)
    return list(by.values())


def _summed(scores: Iterable[SourceScores]) -> SourceScores:
    out: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    for by in scores:
        for src, counts in by.items():
            for pred, c in counts.items():
                out[src][pred].add(c)
    return out


def save(model: LinearModel, folder: Path, name: str = RELATIONS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    model.save(path)
    return path


def folds(sources: list[str], k: int, group: re.Pattern[str] | None = None) -> dict[str, int]:
    """Each source's fold. With ``group``, sources whose names give the same first match of
    it share a fold (a topic series held out whole); a name with no match is its own group."""

    keys = {s: s for s in sources}
    if group is not None:
        keys = {s: m.group(0) if (m := group.search(s)) else s for s in keys}
    order = sorted(set(keys.values()))
    random.Random(SEED).shuffle(order)
    fold = {g: i % k for i, g in enumerate(order)}
    return {s: fold[g] for s, g in keys.items()}


@dataclass
class CrossValidation:
    """First-seen scores of each fold and in total; the rules alone on the same documents."""

    folds: list[Scores]
    total: Scores
    rules: Scores
    curve: dict[int, Scores] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """Per-predicate sources chosen from every fold's scores: ``relation_sources`` with k
    folds, without fitting the fold models again."""


def _score(
    examples: list[Example],
    model: LinearModel | None,
    pack: set[tuple[str, str, str]],
    events: LinearModel | None = None,
    dates: LinearModel | None = None,
    quotes: LinearModel | None = None,
) -> Scores:
    out = Scores()
    for exs in _per_source(examples):
        rels = []
        for ex in exs:
            if model is None:
                rels += ex.readings.relations
            else:
                th = float(model.meta.get("threshold", THRESHOLD))
                rels += learned.decide(ex.parsed.sdoc, ex.readings.relations, model, pack, th)
        evs = [
            e
            for ex in exs
            for e in (
                ex.readings.events
                if events is None
                else learned_events.decide(
                    ex.parsed.sdoc, ex.readings.events, events, ex.proposals, dates
                )
            )
        ]
        said = [
            q
            for ex in exs
            for q in (
                ex.readings.quotes
                if quotes is None
                else learned_quotes.decide(ex.parsed.sdoc, quotes, ex.quotes)
            )
        ]
        ents = [x for ex in exs for x in ex.entities.rules] if model is None else None
        out.add(score_source([ex.parsed for ex in exs], rels, evs, said, ents))
    return out


def crossvalidate(
    examples: list[Example],
    pack: set[tuple[str, str, str]],
    k: int = 5,
    curve: tuple[int, ...] = (),
    extra: list[Example] | None = None,
    group: re.Pattern[str] | None = None,
) -> CrossValidation:
    """k-fold cross-validation by source file; ``curve`` percentages add a learning curve.

    ``extra`` examples (made-up texts, ``prepare(..., made_up=True)``) join every fold's training set of the relation
    and quote models and are never scored: the figures stay first-seen scores on the real
    articles alone. The event model trains on real articles only (see ``train_events``). With
    ``group`` the folds hold out groups of files (``folds``)."""
    extra = list(extra or ())
    fold_of = folds([ex.source for ex in examples], k, group)
    per_fold, total, points = [], Scores(), {pct: Scores() for pct in curve}
    models, oof = _out_of_fold(examples, extra, pack, k, group)
    for i in range(k):
        held = [ex for ex in examples if fold_of[ex.source] == i]
        rest = [ex for ex in examples if fold_of[ex.source] != i] + extra
        # each fold's sources are chosen from the other folds' scores: no fold chooses by its own
        sources = choose_bagged([d for j in range(k) if j != i for d in oof[j]])
        models[i].meta.update(learned.source_meta(sources))
        s = _score(
            held,
            models[i],
            pack,
            train_events(rest),
            train_event_dates(rest),
            train_quotes(rest),
        )
        per_fold.append(s)
        total.add(s)
        srcs = sorted({ex.source for ex in rest if fold_of.get(ex.source) is not None})
        random.Random(SEED + i).shuffle(srcs)
        for pct in curve:
            keep = set(srcs[: max(1, round(len(srcs) * pct / 100))])
            part = [ex for ex in rest if ex.source in keep or ex.source not in fold_of]
            curve_model = train(part)
            curve_model.meta.update(learned.source_meta(sources))
            points[pct].add(
                _score(
                    held,
                    curve_model,
                    pack,
                    train_events(part),
                    train_event_dates(part),
                    train_quotes(part),
                )
            )
    everywhere = choose_bagged([d for by in oof.values() for d in by])
    return CrossValidation(per_fold, total, _score(examples, None, pack), points, everywhere)
