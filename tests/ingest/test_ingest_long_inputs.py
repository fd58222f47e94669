"""Long inputs are read in time that grows with their length, not its square."""

from __future__ import annotations

import random
import time

from crossroads.ingest.layout import lines_of, units
from crossroads.ingest.readers import load_path

MB = 1024 * 1024
WORDS = (
    "the council met near the river and spoke about water trade roads border "
    "markets winter power supply canal"
).split()


def _short_lines(size: int, seed: int = 7) -> str:
    """Hard-wrapped text of short lines with no paragraph end: one growing paragraph."""
    rng = random.Random(seed)
    lines, total = [], 0
    while total < size:
        line = " ".join(rng.choice(WORDS) for _ in range(7))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def test_long_inputs_400kb_of_short_lines_read_in_seconds(tmp_path):
    f = tmp_path / "wrapped.txt"
    f.write_text(_short_lines(400_000), encoding="utf-8")
    started = time.perf_counter()
    [doc] = load_path(f, MB)
    took = time.perf_counter() - started
    assert took < 10, f"400 KB of short lines took {took:.1f} s (over 30 s when quadratic)"
    assert len(doc.text) > 390_000 and "\n" not in doc.text[:1000]


def test_long_inputs_reflow_still_mends_split_words():
    text = "\n".join(
        ["The commission of the two upstream states met in the neigh-"]
        + ["bouring town and agreed to share data on the reservoir levels"] * 8
        + ["every week."]
    )
    [para] = units(lines_of(text), wrapped=True)
    assert para is not None and "neighbouring town" in para and para.endswith("every week.")
