"""How much hand-written relation and event reading there is, counted as issue 9 counts it.

Lines alone mislead (the formatter puts one word of a set per line), so this also counts
branches (``if`` and conditional expressions), inline word sets (literals of three or more
strings) and their words, and trigger entries in the TOML lexicons. ``--rev REV`` counts a
past commit (read with ``git show``), to compare: its Python files are first formatted by
``ruff format`` with this project's settings (``--config pyproject.toml``, in a temporary
folder), so that its lines compare like with like with today's formatted code.

    python benchmarks/count_rules.py [--rev REV] [--json]
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASE = "src/crossroads/extraction/"
CODE = [
    *(BASE + "patterns/" + f for f in ("__init__.py", "armed_groups.py", "geography.py")),
    *(BASE + "patterns/" + f for f in ("membership.py", "positions.py", "reading.py")),
    BASE + "patterns/sentence.py",
    BASE + "relations.py",
    BASE + "events.py",
]
LEXICONS = [BASE + "patterns/relations.toml", BASE + "patterns/events.toml"]


def _read(path: str, rev: str | None) -> str | None:
    if rev is None:
        f = ROOT / path
        return f.read_text(encoding="utf-8") if f.exists() else None
    r = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:{path}"],
        check=False,
        capture_output=True,
        text=True,
    )
    return r.stdout if r.returncode == 0 else None


def _formatted(sources: dict[str, str]) -> dict[str, str]:
    """``sources`` (path -> text) as ``ruff format`` with the project's settings writes them."""
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for path, src in sources.items():
            f = Path(tmp) / path
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(src, encoding="utf-8")
            files[path] = f
        subprocess.run(
            [sys.executable, "-m", "ruff", "format", "--quiet", "--config"]
            + [str(ROOT / "pyproject.toml"), *map(str, files.values())],
            check=True,
        )
        return {path: f.read_text(encoding="utf-8") for path, f in files.items()}


def _entries(x: Any) -> int:
    if isinstance(x, dict):
        return sum(_entries(v) for v in x.values())
    if isinstance(x, list):
        return sum(_entries(v) for v in x) if any(isinstance(v, dict | list) for v in x) else len(x)
    return 1


def count(rev: str | None = None) -> dict[str, int]:
    out = {"lines": 0, "branches": 0, "inline_sets": 0, "inline_words": 0, "lexicon_entries": 0}
    code = {path: src for path in CODE if (src := _read(path, rev)) is not None}
    if rev is not None:
        code = _formatted(code)
    for src in code.values():
        out["lines"] += len(src.splitlines())
        for n in ast.walk(ast.parse(src)):
            if isinstance(n, ast.If | ast.IfExp):
                out["branches"] += 1
            elts = [*n.keys, *n.values] if isinstance(n, ast.Dict) else getattr(n, "elts", None)
            if isinstance(n, ast.Set | ast.List | ast.Tuple | ast.Dict) and elts is not None:
                words = [
                    e for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                ]
                if len(words) >= 3:
                    out["inline_sets"] += 1
                    out["inline_words"] += len(words)
    for path in LEXICONS:
        if (src := _read(path, rev)) is not None:
            out["lexicon_entries"] += _entries(tomllib.loads(src))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", help="count this commit instead of the working tree")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    got = count(args.rev)
    print(json.dumps(got) if args.json else "  ".join(f"{k} {v}" for k, v in got.items()))


if __name__ == "__main__":
    main()
