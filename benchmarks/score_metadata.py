"""Dev loop for article metadata: read files -> document records -> the eval scorer's check.

    python benchmarks/score_metadata.py CORPUS_DIR --gold GOLD_DIR [--scorer score.py]
                                        [--only o p q] [--out FILE] [--show]
                                        [--rules-only | --model FILE]

Reads the inputs through crossroads.ingest.readers only (no extraction, no store), so a
change to title, byline or date reading is measured in seconds. The scorer defaults to
score.py in CROSSROADS_EVAL_DIR; `--only` keeps the files whose names start with the given
prefixes (for a held-back split). `--show` prints each wrong article: gold, then ours.
`--rules-only` reads heads with the layout rules alone, `--model` with a metadata model
written by `python -m crossroads.ingest.metadata_model train` (default: the packaged one, if any).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from contextlib import nullcontext
from pathlib import Path
from types import ModuleType

from crossroads import settings
from crossroads.exc import InputError
from crossroads.ingest import metadata_model
from crossroads.ingest.readers import load_path


def _scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("crossroads_eval_score", path)
    if spec is None or spec.loader is None or not path.is_file():
        sys.exit(f"{path}: scorer not found (give --scorer or set CROSSROADS_EVAL_DIR)")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="folder of input files")
    ap.add_argument("--gold", type=Path, required=True, help="folder of gold TOML files")
    eval_dir = os.environ.get("CROSSROADS_EVAL_DIR", "")
    ap.add_argument(
        "--scorer", type=Path, default=Path(eval_dir) / "score.py" if eval_dir else None
    )
    ap.add_argument("--only", nargs="*", default=[], help="file name prefixes to keep")
    ap.add_argument("--out", type=Path, help="also write the document records here (JSONL)")
    ap.add_argument("--show", action="store_true", help="print each wrong article")
    ap.add_argument("--rules-only", action="store_true", help="layout rules alone, no model")
    ap.add_argument("--model", type=Path, help="a metadata model file to read heads with")
    args = ap.parse_args()
    if args.scorer is None:
        sys.exit("no scorer: give --scorer or set CROSSROADS_EVAL_DIR")
    score = _scorer(args.scorer)
    keep = [
        f
        for f in sorted(args.corpus.glob("*"))
        if f.is_file() and (not args.only or f.name.startswith(tuple(args.only)))
    ]
    if args.model is not None and not args.model.is_file():
        sys.exit(f"{args.model}: model file not found")
    reading = (
        metadata_model.rules_only()
        if args.rules_only
        else metadata_model.using(args.model)
        if args.model
        else nullcontext()
    )
    records = []
    with reading:
        for f in keep:
            try:
                records += [d.to_record() for d in load_path(f, int(settings.get("max_bytes")))]
            except InputError as exc:
                print(f"skipped: {exc}", file=sys.stderr)
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    facts = {"document": records}
    names = {f.name for f in keep}
    right = total = 0
    for g in score.load_gold(args.gold):
        if g["source"] not in names:
            continue
        res = score.score_source(score.GoldDoc(g), facts, True)
        total += res["articles"]["gold"]
        right += res["articles"]["metadata_right"]
        if args.show and res["articles"]["gold"] > res["articles"]["metadata_right"]:
            mine = [
                (r.get("title"), r.get("author"), r.get("published"))
                for r in records
                if r["source"] == g["source"] and (r.get("text") or "").strip()
            ]
            print(f"== {g['source']}")
            for miss in res["misses"].get("article_meta", []):
                print(f"   gold: {miss}")
            for m in mine:
                print(f"   ours: {m[0]!r} {m[1]} {m[2]}")
    print(f"metadata right: {right}/{total} articles in {len(keep)} files")


if __name__ == "__main__":
    main()
