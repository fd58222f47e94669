"""Speed of the entity pipeline against bare spaCy, in one process and one run.

    .venv/bin/python benchmarks/bench_entities.py [CORPUS_DIR] [--repeat N] [--processes P]

Reads the corpus once (the ingest readers), repeats its texts N times, then times
1. bare spaCy: ``spacy.load(model).pipe(texts)`` in one process (the issue's baseline), and
2. crossroads: ``Extractor(processes=P).extract_many(docs)`` -- our tokenizer rules, the
   model, pack matcher, typer, acronyms, linker, dates, and the Entity/Mention records --
and prints words/second for both and their ratio (goal: >= 0.6 with P=2 on 2 cores).
Relations, events and quotes are left out unless --all is given.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from crossroads import settings
from crossroads.extraction.extractor import Extractor
from crossroads.ingest.readers import load_path
from crossroads.model import Document


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="/work/shared/corpus")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--all", action="store_true", help="also read relations, events, quotes")
    args = ap.parse_args()

    base = [d for p in sorted(Path(args.corpus).glob("*"))
            for d in load_path(p, int(settings.get("max_bytes"))) if d.text.strip()]
    docs = [Document(f"{d.id}-{i}", d.source, d.text, published=d.published)
            for i in range(args.repeat) for d in base]
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(docs)} documents, {words} words ({len(base)} texts x {args.repeat})")

    bare = spacy.load(settings.get("model"))
    t = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size):
        pass
    bare_s = time.perf_counter() - t
    del bare

    ex = Extractor(processes=args.processes, batch_size=args.batch_size)
    if not args.all:
        ex.readers = {}
    t = time.perf_counter()
    n = sum(1 for _ in ex.extract_many(docs))
    ours_s = time.perf_counter() - t
    assert n == len(docs)

    bare_wps, ours_wps = words / bare_s, words / ours_s
    print(f"bare spaCy (1 process)        {bare_wps:9.0f} words/s  ({bare_s:.1f} s)")
    print(f"crossroads ({args.processes} processes)        {ours_wps:9.0f} words/s  ({ours_s:.1f} s)")
    print(f"ratio crossroads / bare       {ours_wps / bare_wps:9.2f}")


if __name__ == "__main__":
    main()
