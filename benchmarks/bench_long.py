"""Cost of extraction by document length: seconds per 100k characters at 25k, 100k and 1M.

    .venv/bin/python benchmarks/bench_long.py [--sizes 25000,100000,1000000] [--processes P]

One made-up article per size (paragraphs of plain sentences, one in four naming states,
as in tests/ingest/test_ingest_long_document.py), read and extracted whole (relations,
events and quotes too). The seconds per 100k characters should be flat: long documents are
read in overlapping windows (crossroads.extraction.windows).
"""

from __future__ import annotations

import argparse
import random
import time

from crossroads.extraction.extractor import Extractor
from crossroads.ingest.readers import load_bytes

FACTS = [
    "Tajikistan is a member of the Collective Security Treaty Organization.",
    "Uzbekistan and Tajikistan signed a water agreement in Tashkent on 3 March 2023.",
    "Officials of Kyrgyzstan met envoys from Kazakhstan in Bishkek on Tuesday.",
    "Russia keeps a military base in Tajikistan.",
]
FILLER = (
    "the council market winter road valley river bridge farmers traders season water "
    "prices harvest village district school clinic power line canal workers"
).split()


def article(n: int, seed: int = 9) -> str:
    rng = random.Random(seed)
    paras, size = [], 0
    while size < n:
        sents = [
            rng.choice(FACTS)
            if rng.random() < 0.25
            else " ".join(rng.choice(FILLER) for _ in range(rng.randint(8, 16))).capitalize() + "."
            for _ in range(rng.randint(3, 6))
        ]
        paras.append(" ".join(sents))
        size += len(paras[-1]) + 2
    return "\n\n".join(paras)[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25000,100000,1000000")
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()
    ex = Extractor(processes=args.processes)
    list(ex.extract_many(load_bytes(article(3000, seed=1).encode(), "warm.txt", 1 << 30)))
    print(f"{'characters':>12} {'read s':>8} {'extract s':>10} {'s per 100k':>11}  facts")
    for n in (int(x) for x in args.sizes.split(",")):
        t = time.perf_counter()
        docs = load_bytes(article(n).encode(), f"long-{n}.txt", 1 << 30)
        read = time.perf_counter() - t
        t = time.perf_counter()
        [x] = list(ex.extract_many(docs))
        took = time.perf_counter() - t
        print(
            f"{n:12,d} {read:8.1f} {took:10.1f} {(read + took) / n * 1e5:11.2f}  "
            f"{len(x.relations)} relations, {len(x.events)} events, "
            f"{len(x.mentions)} mentions",
            flush=True,
        )


if __name__ == "__main__":
    main()
