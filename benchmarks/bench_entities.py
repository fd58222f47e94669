"""Speed of the entity pipeline against bare spaCy, in one process and one run.

    .venv/bin/python benchmarks/bench_entities.py [CORPUS_DIR] [--repeat N] [--processes P]

CORPUS_DIR defaults to ``corpus/`` of the evaluation set (``CROSSROADS_EVAL_DIR``).

Repeats the corpus files N times and times, over the same texts:
1. bare spaCy: ``spacy.load(model).pipe(texts)`` in one process (the issue's baseline),
   and with ``n_process=P`` (the same cores as ours);
2. crossroads ingest+entities: the ingest readers on the raw files (cleaning, splitting,
   metadata, hashes, MinHash) then ``Extractor(processes=P).extract_many`` -- our tokenizer
   rules, the model, pack matcher, typer, acronyms, linker, dates, Entity/Mention records;
3. with ``--all``, the same with relations, events and quotes read too (the whole
   extraction), with the learned relation reader and with the rules alone;
and prints words/second and the ratios (goal: ingest+entities >= 0.6 x bare spaCy).
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
    root = Path(__file__).resolve().parents[1]
    ap.add_argument("corpus", nargs="?", default=str(root / settings.get("eval_dir") / "corpus"))
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--all", action="store_true", help="also read relations, events, quotes")
    args = ap.parse_args()

    files = sorted(p for p in Path(args.corpus).glob("*") if p.is_file())
    max_bytes = int(settings.get("max_bytes"))

    def read_all() -> list[Document]:
        return [
            Document(f"{d.id}-{i}", d.source, d.text, published=d.published)
            for i in range(args.repeat)
            for p in files
            for d in load_path(p, max_bytes)
            if d.text.strip()
        ]

    texts = [d.text for d in read_all()]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} documents, {words} words ({len(files)} files x {args.repeat})")

    bare = spacy.load(settings.get("model"))
    timings = {}
    for n_process in (1, args.processes):
        t = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=args.batch_size, n_process=n_process):
            pass
        timings[f"bare spaCy ({n_process} process{'es' if n_process > 1 else ''})"] = (
            time.perf_counter() - t
        )
    del bare

    ex = Extractor(processes=args.processes, batch_size=args.batch_size)
    from crossroads.extraction.relations import read_relations

    readers = ex.readers
    rules_only = {**readers, "relations": read_relations}
    variants: list[tuple[str, dict]] = [("ingest+entities", {})]
    if args.all:
        variants += [("ingest+everything", readers), ("ingest+everything, rules alone", rules_only)]
    for label, these in variants:
        ex.readers = these
        t = time.perf_counter()
        docs = read_all()
        n = sum(1 for _ in ex.extract_many(docs))
        timings[f"crossroads {label} ({args.processes} processes)"] = time.perf_counter() - t
        assert n == len(docs)
        ex.close()  # the next variant's workers start with its readers

    wps = {k: words / v for k, v in timings.items()}
    for k, v in wps.items():
        print(f"{k:44s} {v:7.0f} words/s  ({timings[k]:.1f} s)")
    base1, baseP = list(wps.values())[:2]
    for k in list(wps)[2:]:
        print(
            f"ratio {k:38s} {wps[k] / base1:5.2f} x bare 1-process, "
            f"{wps[k] / baseP:5.2f} x bare {args.processes}-process"
        )


if __name__ == "__main__":
    main()
