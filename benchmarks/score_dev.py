"""Dev loop for entity quality: corpus -> Extractor -> facts JSONL -> the shared scorer.

    .venv/bin/python benchmarks/score_dev.py [CORPUS_DIR] [--gold GOLD] [--out FILE] [-q]

The corpus, gold and scorer default to the evaluation set of ``CROSSROADS_EVAL_DIR``
(``corpus/``, ``eval/gold/``, ``eval/score.py``); the facts go to a fresh temporary folder
unless ``--out`` names a file.

Skips the store so that extraction changes can be measured in seconds; the product path
is `crossroads ingest` + `crossroads export --format jsonl`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crossroads import settings
from crossroads.extraction.extractor import Extractor
from crossroads.ingest.readers import load_path
from crossroads.model import Record

ROOT = Path(__file__).resolve().parents[1]


def eval_dir() -> Path:
    """The shared evaluation set: CROSSROADS_EVAL_DIR, relative to the repository root."""
    return ROOT / settings.get("eval_dir")


def main() -> None:
    shared = eval_dir()
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(shared / "corpus"))
    ap.add_argument("--gold", default=str(shared / "eval" / "gold"))
    ap.add_argument("--out", help="facts file (default: facts.jsonl in a new temporary folder)")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--all", action="store_true", help="also run relations, events, quotes")
    ap.add_argument("-q", "--quiet", action="store_true", help="scores only, no misses")
    args = ap.parse_args()
    if not args.out:
        args.out = str(Path(tempfile.mkdtemp(prefix="crossroads-score-")) / "facts.jsonl")
        print(f"facts: {args.out}", file=sys.stderr)
    docs = []
    for path in sorted(Path(args.corpus).glob("*")):
        docs.extend(load_path(path, int(settings.get("max_bytes"))))
    t = time.time()
    ex = Extractor(processes=args.processes)
    if not args.all:
        ex.readers = {}
    entities: dict[str, Record] = {}
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(doc.to_record()) + "\n" for doc in docs)
        for x in ex.extract_many(docs):
            by_id = {e.id: e for e in x.entities}
            for m in x.mentions:
                e = by_id[m.entity]
                rec = entities.setdefault(e.id, e.to_record([]))
                rec["aliases"] = sorted(set(rec["aliases"]) | set(e.aliases))
                rec["mentions"].append(
                    {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
                )
            for kind in ("relations", "events", "quotes"):
                fh.writelines(json.dumps(r.to_record()) + "\n" for r in getattr(x, kind))
        for rec in entities.values():
            fh.write(json.dumps(rec) + "\n")
    print(f"extracted {len(docs)} documents in {time.time() - t:.1f}s", file=sys.stderr)
    cmd = [
        sys.executable,
        str(shared / "eval" / "score.py"),
        "--facts",
        args.out,
        "--gold",
        args.gold,
    ]
    if not args.quiet:
        cmd.append("--show-misses")
    subprocess.run(cmd, check=False)


if __name__ == "__main__":
    main()
