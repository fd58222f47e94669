"""`crossroads train`: rebuild the relation and event models from annotated articles, and
measure them by document-fold cross-validation."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click

from crossroads import settings
from crossroads.cli.main import cli, friendly_errors, pack_option
from crossroads.exc import CrossroadsError
from crossroads.learn.score import Scores


def _row(name: str, s: Scores) -> dict[str, Any]:
    return {"name": name, **{k: c.as_dict() for k, c in sorted(s.kinds.items())}}


def _metadata(sets: tuple[str, ...], rules_from: tuple[str, ...], out: str | None) -> Path:
    """Rebuild the metadata chooser (ingest/metadata_model.py) from annotated sets."""
    from crossroads.ingest import metadata_model as mm

    path = Path(out) / mm.MODEL_PATH.name if out else mm.MODEL_PATH
    earlier = mm.history(list(rules_from), "--metadata-rules-from")
    mm.save(mm.fit(mm.examples(list(sets), earlier, "--metadata")), path)
    return path


@cli.command()
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="GOLD[:TEXTS]",
    help="Gold folder and, after ':', its texts (default: 'corpus' beside it); or a "
    "folder holding train/gold and eval/gold (repeatable; default: the eval_dir "
    "setting).",
)
@click.option(
    "--extra",
    "extra",
    multiple=True,
    metavar="GOLD[:TEXTS]",
    help="Annotated made-up texts: trained on, never scored by --cv (repeatable).",
)
@click.option(
    "--extra-review",
    "review_extra",
    multiple=True,
    metavar="GOLD[:TEXTS]",
    help="Annotated made-up texts only the entity review learns from (repeatable).",
)
@click.option(
    "--train-only",
    "also",
    multiple=True,
    metavar="GOLD[:TEXTS]",
    help="Annotated real texts trained on as real articles but never scored by --cv: sets "
    "whose errors were read, so no longer first-seen (repeatable).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Where to write the model files (default: the package's own, replacing them).",
)
@click.option("--cv", "k", type=int, default=0, help="Also cross-validate with K document folds.")
@click.option(
    "--curve", is_flag=True, help="With --cv: F1 at 25, 50, 75 and 100% of the training files."
)
@click.option(
    "--fold-by",
    "fold_by",
    metavar="REGEX",
    help="With --cv: files whose names give the same first match of REGEX share a fold, so "
    "a whole group is held out (e.g. '^[a-z](?=[0-9])' for the topic series of ../shared/train).",
)
@click.option("--no-save", is_flag=True, help="Measure only; keep the model files as they are.")
@click.option(
    "--cache", type=click.Path(file_okay=False), help="Keep parsed articles here between runs."
)
@click.option("--json", "as_json", is_flag=True, help="Print the measures as one JSON object.")
@click.option(
    "--metadata",
    "meta_sets",
    multiple=True,
    metavar="NAME=TEXTS:GOLD[:PREFIX]",
    help="Also rebuild the article-metadata chooser from this annotated set (repeatable; "
    "given without --data, only the chooser is rebuilt).",
)
@click.option(
    "--metadata-rules-from",
    "meta_rules",
    multiple=True,
    metavar="NAME=FILE.jsonl",
    help="What an earlier version of the layout rules read on metadata set NAME.",
)
@pack_option
@friendly_errors
def train(
    data: tuple[str, ...],
    extra: tuple[str, ...],
    review_extra: tuple[str, ...],
    also: tuple[str, ...],
    out: str | None,
    k: int,
    curve: bool,
    fold_by: str | None,
    no_save: bool,
    cache: str | None,
    as_json: bool,
    meta_sets: tuple[str, ...],
    meta_rules: tuple[str, ...],
    packs: tuple[str, ...],
) -> None:
    """Train the relation and event models on annotated articles (gold files in the scorer's format,
    their texts in a `corpus` folder beside them).

    Example:

        crossroads train --data ../shared --cv 5 --curve
    """
    try:
        group = re.compile(fold_by) if fold_by else None
    except re.error as e:
        raise click.BadParameter(f"{fold_by!r}: {e}", param_hint="--fold-by") from None
    meta_path = _metadata(meta_sets, meta_rules, out) if meta_sets and not no_save else None
    if meta_sets and not data:
        click.echo(f"metadata model written to {meta_path}" if meta_path else "nothing saved")
        return
    from crossroads.extraction.extractor import Extractor
    from crossroads.learn import relations as learned
    from crossroads.learn import train as t
    from crossroads.learn.entities import ENTITIES
    from crossroads.learn.events import DATES, EVENTS
    from crossroads.learn.quotes import QUOTES
    from crossroads.learn.reader import MODELS, pack_facts
    from crossroads.pack import load_pack

    roots = list(data) or ([settings.get("eval_dir")] if settings.get("eval_dir") else [])
    if not roots:
        raise click.UsageError("no annotated data: give --data FOLDER or set CROSSROADS_EVAL_DIR")
    golds = [g for r in roots for g in t.find_sets(r)]
    added = [g for r in extra for g in t.find_sets(r)]
    review_added = [g for r in review_extra for g in t.find_sets(r)]
    seen = [g for r in also for g in t.find_sets(r)]
    sets = golds + added + review_added + seen
    missing = [str(p) for g in sets for p in g if not p.is_dir()] or [
        r for r in [*roots, *extra, *review_extra, *also] if not t.find_sets(r)
    ]
    if missing:
        raise CrossroadsError(f"{', '.join(missing)}: no such folder of gold files or texts")
    extractor = Extractor(pack=load_pack(packs), processes=int(settings.get("processes")))
    examples, extras = t.prepare(
        golds, extractor, Path(cache) if cache else None, added, review_added, group, seen
    )
    made_up = [e for e in extras if not e.review_only]  # what the relation model learns from too
    report: dict[str, Any] = {
        "documents": len(examples),
        "sources": len({e.source for e in examples}),
        "training_only": len(extras),
    }
    pack = pack_facts(extractor.pack)
    cv = None
    if k:
        cv = t.crossvalidate(
            examples,
            pack,
            k,
            (25, 50, 75, 100) if curve else (),
            made_up,
            group,
        )
        report["folds"] = [_row(f"fold {i + 1}", s) for i, s in enumerate(cv.folds)]
        report["total"] = _row("total", cv.total)
        report["rules_alone"] = _row("rules alone", cv.rules)
        report["labels"] = {lab: c.as_dict() for lab, c in sorted(cv.total.labels.items())}
        report["curve"] = {f"{pct}%": cv.curve[pct].kinds["relation"].as_dict() for pct in cv.curve}
        report["event_curve"] = {
            f"{pct}%": cv.curve[pct].kinds["event"].as_dict() for pct in cv.curve
        }
    if not no_save:
        folder = Path(out) if out else MODELS
        everything = examples + extras
        model = t.train(examples + made_up)
        if cv is not None and k == t.REVIEW_FOLDS:  # its fold models chose already
            sources = cv.sources
        else:
            sources = t.relation_sources(examples, pack, made_up)
        model.meta.update(learned.source_meta(sources))
        path = t.save(model, folder)
        saved = [path, *([meta_path] if meta_path else [])]
        if (events := t.train_events(everything)) is not None:  # gold with events to learn from
            saved.append(t.save(events, folder, EVENTS))
        if (dates := t.train_event_dates(everything)) is not None:
            saved.append(t.save(dates, folder, DATES))
        if (quotes := t.train_quotes(everything)) is not None:
            saved.append(t.save(quotes, folder, QUOTES))
        if (entities := t.train_entities(everything, extractor.pack)) is not None:
            saved.append(t.save(entities, folder, ENTITIES))
        report["saved"] = ", ".join(str(p) for p in saved)
    if as_json:
        click.echo(json.dumps(report, indent=1))
        return
    click.echo(
        f"{report['documents']} articles from {report['sources']} files"
        + (f", {len(extras)} articles for training only" if extras else "")
    )
    for row in report.get("folds", []) + ([report["total"], report["rules_alone"]] if k else []):
        cells = "  ".join(
            f"{kind} P {v['p']:.2f} R {v['r']:.2f} F1 {v['f1']:.2f}"
            for kind, v in row.items()
            if kind != "name"
        )
        click.echo(f"{row['name']:12s} {cells}")
    for lab, v in report.get("labels", {}).items():
        click.echo(
            f"  {lab:38s} F1 {v['f1']:.2f}  (P {v['p']:.2f} R {v['r']:.2f}, gold {v['gold']})"
        )
    for pct, v in report.get("curve", {}).items():
        ev = report["event_curve"][pct]
        click.echo(
            f"  learning curve {pct:>4s}: relation F1 {v['f1']:.2f}  event F1 {ev['f1']:.2f}"
        )
    if "saved" in report:
        click.echo(f"models written to {report['saved']}")
