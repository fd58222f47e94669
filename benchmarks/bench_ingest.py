"""Speed of ingest against bare spaCy and against itself, on the same texts in one run.

    .venv/bin/python benchmarks/bench_ingest.py [CORPUS_DIR] [--copies N] [--processes P]
                                                [--rounds R] [--signatures S] [--json]

CORPUS_DIR defaults to ``train/corpus`` of the evaluation folder (``CROSSROADS_EVAL_DIR``);
its files are copied N times into a temporary folder (each copy made distinct by a line of
its own, near-duplicate detection off, so every copy is extracted). Then, over the same
articles:

1. bare spaCy: ``spacy.load(model).pipe(texts)`` with 1 and with P processes (the baseline);
2. ``crossroads ingest`` of the folder into a new SQLite store, with 1 and with P worker
   processes: reading, dedup, the whole extraction (entities, relations, events, quotes,
   learned readers) and the store writes; the models are loaded before the clock starts;
3. re-ingest of the unchanged folder into the P-process store;
4. start-up: an ingest of one new file into a store holding S synthetic near-duplicate
   signatures, against the same into an empty store.

Steps 1 and 2 run R times, alternating; each figure is the fastest of its rounds (what
other work on a shared machine took least from). Prints words/second and the ratios the issue sets goals for (P processes >= 1.7 x 1;
full extraction >= 0.6 x bare spaCy on the same cores; re-ingest >= 100 x faster than the
first ingest; start-up independent of the store's size). Note the machine's load (printed)
with the figures: the ratios assume an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import spacy

from crossroads import settings
from crossroads.extraction.extractor import Extractor
from crossroads.ingest.pipeline import Ingest
from crossroads.ingest.readers import load_path
from crossroads.model import Document
from crossroads.pack import load_pack
from crossroads.store import open_store


class _AllNew(Ingest):
    """Ingest with near-duplicate detection off: the copies of a file are all extracted
    (their lookups in the store still run)."""

    def _near_original(self, sig: bytes) -> str | None:
        super()._near_original(sig)
        return None


def _copies(corpus: Path, folder: Path, copies: int) -> list[Path]:
    out = []
    for k in range(copies):
        for src in sorted(p for p in corpus.iterdir() if p.is_file()):
            dst = folder / f"{src.stem}-{k}{src.suffix}"
            dst.write_bytes(src.read_bytes() + (f"\n\nCopy {k}.\n".encode() if k else b""))
            out.append(dst)
    return out


CPU: dict[str, tuple[float, float]] = {}
"""The last run of each label: CPU seconds of this process and of the worker processes."""


def _cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers, once they have ended
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _timed(run: Callable[[], Any], label: str = "") -> tuple[float, Any]:
    c0, t = _cpu(), time.perf_counter()
    value = run()
    took, c1 = time.perf_counter() - t, _cpu()
    if label:
        CPU[label] = (c1[0] - c0[0], c1[1] - c0[1])
    return took, value


def _idle_estimate(label: str, processes: int) -> float:
    """Seconds the run would take on idle cores: the busier of this process and the
    average worker (the workers share the batches evenly), from CPU time, which other
    work on the machine does not inflate the way it inflates wall time."""
    parent, workers = CPU[label]
    return parent + workers if processes == 1 else max(parent, workers / processes)


def _ingest(
    db: str, folder: Path, extractor: Extractor | None, label: str = ""
) -> tuple[float, Any]:
    with open_store(db) as store:
        runner = _AllNew(
            store,
            (lambda: extractor) if extractor else None,
            max_bytes=int(settings.get("max_bytes")),
            read_timeout=float(settings.get("read_timeout")),
        )  # as the CLI
        return _timed(lambda: runner.run([str(folder)]), label)


def _bare(texts: list[str], processes: int) -> dict[str, float]:
    """Seconds of spaCy's own pipeline over ``texts`` with 1 and ``processes`` processes."""
    nlp = spacy.load(settings.get("model"))
    out = {}
    for n in (1, processes):
        label = f"bare spaCy, {n} process(es)"
        out[label], _ = _timed(
            lambda n=n: sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=n)), label
        )
    return out


def _startup(tmp: Path, signatures: int, sample: Path) -> dict[str, float]:
    """Seconds to ingest one file (no extraction) into an empty store and a large one."""
    rng = np.random.default_rng(1)
    out = {}
    for label, n in (("empty store", 0), (f"{signatures:,} signatures", signatures)):
        db = str(tmp / f"startup-{n}.db")
        with open_store(db) as store:
            for start in range(0, n, 2000):
                store.add_documents(
                    [
                        Document(
                            f"d:s{i:09d}",
                            "synthetic.txt",
                            f"synthetic {i}",
                            content_hash=f"s{i}",
                            meta={"minhash": rng.integers(0, 2**32, 128, np.uint64).tobytes()},
                        )
                        for i in range(start, min(n, start + 2000))
                    ]
                )
        with open_store(db) as store:
            took, report = _timed(
                lambda store=store: Ingest(store, None, max_bytes=1 << 24).run([str(sample)])
            )
            assert report.new == 1, report
        out[label] = took
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    ap.add_argument(
        "corpus", nargs="?", default=str(root / settings.get("eval_dir") / "train" / "corpus")
    )
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--signatures", type=int, default=20_000)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()
    P = args.processes

    with tempfile.TemporaryDirectory(prefix="crossroads-bench-ingest-") as tmpdir:
        tmp = Path(tmpdir)
        folder = tmp / "in"
        folder.mkdir()
        files = _copies(Path(args.corpus), folder, args.copies)
        max_bytes = int(settings.get("max_bytes"))
        texts = [
            d.text
            for f in files
            for d in load_path(f, max_bytes)
            if d.kind == "article" and d.text.strip()
        ]
        words = sum(len(t.split()) for t in texts)
        seconds: dict[str, float] = {}

        def fastest(label: str, took: float) -> None:
            seconds[label] = min(took, seconds.get(label, took))

        pack = load_pack()
        extractors = {
            n: Extractor(pack=pack, processes=n, batch_size=int(settings.get("batch_size")))
            for n in (1, P)
        }
        reports = {}
        for r in range(args.rounds):
            for label, took in _bare(texts, P).items():
                fastest(label, took)
            for n, extractor in extractors.items():
                label = f"ingest, {n} process(es)"
                took, reports[n] = _ingest(str(tmp / f"{n}-{r}.db"), folder, extractor, label)
                fastest(label, took)
                extractor.close()
        seconds["re-ingest of the unchanged folder"], again = _ingest(
            str(tmp / f"{P}-0.db"), folder, None
        )
        assert again.new == 0 and again.duplicate == len(files), again.as_dict()
        startup = _startup(tmp, args.signatures, files[0])

    first = seconds[f"ingest, {P} process(es)"]
    ratios = {
        f"ingest {P} processes / 1 process": seconds["ingest, 1 process(es)"] / first,
        f"ingest {P} processes / bare spaCy {P} processes": seconds[f"bare spaCy, {P} process(es)"]
        / first,
        f"ingest {P} processes / bare spaCy 1 process": seconds["bare spaCy, 1 process(es)"]
        / first,
        "ingest 1 process / bare spaCy 1 process": seconds["bare spaCy, 1 process(es)"]
        / seconds["ingest, 1 process(es)"],
        "re-ingest speed-up over first ingest": first
        / seconds["re-ingest of the unchanged folder"],
    }
    idle = {
        label: _idle_estimate(label, 1 if label.endswith(" 1 process(es)") else P) for label in CPU
    }
    estimated = {
        f"ingest {P} processes / 1 process": idle["ingest, 1 process(es)"]
        / idle[f"ingest, {P} process(es)"],
        f"ingest {P} processes / bare spaCy {P} processes": idle[f"bare spaCy, {P} process(es)"]
        / idle[f"ingest, {P} process(es)"],
        "ingest 1 process / bare spaCy 1 process": idle["bare spaCy, 1 process(es)"]
        / idle["ingest, 1 process(es)"],
    }
    result = {
        "files": len(files),
        "articles": len(texts),
        "words": words,
        "load_before": os.getloadavg()[0],
        "seconds": seconds,
        "ratios": ratios,
        "cpu_seconds": CPU,
        "ratios_from_cpu_time": estimated,
        "startup_seconds": startup,
        "stored": reports[P].new,
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(
        f"{len(files)} files, {len(texts)} articles, {words} words; "
        f"load average now {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    for k, v in seconds.items():
        print(f"{k:45s} {v:8.2f} s  {words / v:9.0f} words/s")
    for k, v in ratios.items():
        print(f"{k:45s} {v:8.2f} x")
    print("from CPU time (this process, workers), as on idle cores:")
    for k, (me, kids) in CPU.items():
        print(f"  {k:43s} {me:8.2f} s + {kids:8.2f} s")
    for k, v in estimated.items():
        print(f"  {k:43s} {v:8.2f} x")
    for k, v in startup.items():
        print(f"start-up + one file, {k:24s} {v:8.3f} s")


if __name__ == "__main__":
    main()
