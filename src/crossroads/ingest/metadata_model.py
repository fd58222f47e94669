"""A learned chooser among the rules' candidate titles, dates and authors.

Each field has a logistic regression over its candidates' layout features
(metadata_candidates.py); the highest-scoring candidate wins, "not given" included. The
weights ship as ingest/models/metadata.npz (plain arrays, no pickles); without that file
the rules' answer stands. Rebuild it (`crossroads train --metadata ...` writes the same
file), and measure it by document folds and by leaving one annotated set out, with

    python -m crossroads.ingest.metadata_model train --set NAME=CORPUS:GOLD[:PREFIX] ... [--out FILE]
    python -m crossroads.ingest.metadata_model cv --set NAME=CORPUS:GOLD[:PREFIX] ...

where each set is a folder of input files and a folder of gold TOML files with `[[article]]`
records (the eval format); PREFIX keeps the files whose names start with it.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import math
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from crossroads.ingest.boilerplate import TEXT, Unit, is_body
from crossroads.ingest.metadata import Header
from crossroads.ingest.metadata_candidates import FIELDS, Candidate, candidates, norm, right

MODEL_PATH = Path(__file__).parent / "models" / "metadata.npz"
# inverse regularisation strength, chosen by leaving one annotated set out at a time
# (0.3: 201, 1: 204, 3: 208, 10: 207, 30: 206 of 268 articles)
C = 3.0
_QUOTES = "“‘\"'«"

_SET_ASIDE = frozenset(["admin", "editor", "staff", "guest"])  # what read_header drops too
_state: dict[str, object] = {"record": None, "rules_only": False, "model": None}


@dataclass
class Weights:
    """One field's linear scorer: feature name -> weight, and the intercept."""

    weights: dict[str, float]
    intercept: float

    def score(self, feats: dict[str, float]) -> float:
        return self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())

    def probability(self, feats: dict[str, float]) -> float:
        """How likely the candidate is right, by the logistic model."""
        return 1.0 / (1.0 + math.exp(-self.score(feats)))


Model = dict[str, Weights]


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """The packaged model, or None when the package carries none."""
    return load(MODEL_PATH) if MODEL_PATH.is_file() else None


def load(path: Path) -> Model:
    """A model written by save()."""
    with np.load(path, allow_pickle=False) as z:
        return {
            f: Weights(
                dict(zip([str(n) for n in z[f"{f}_features"]], map(float, z[f"{f}_coef"]))),
                float(z[f"{f}_intercept"]),
            )
            for f in FIELDS
        }


def save(model: Model, path: Path) -> None:
    """Write the model as plain arrays, feature names sorted so a rebuild is byte-stable."""
    arrays: dict[str, np.ndarray] = {}
    for f in FIELDS:
        names = sorted(model[f].weights)
        arrays[f"{f}_features"] = np.array(names, dtype=str)
        arrays[f"{f}_coef"] = np.array([model[f].weights[n] for n in names], dtype=np.float32)
        arrays[f"{f}_intercept"] = np.array(model[f].intercept, dtype=np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]  # names from FIELDS


def choose(cands: list[Candidate], w: Weights) -> Candidate:
    """The best-scoring candidate; on a tie the rules' own."""
    return max(cands, key=lambda c: (round(w.score(c.feats), 9), c.feats.get("rules", 0.0)))


def revise(units: list[Unit], body: str, h: Header) -> Header:
    """The rules' header with each field replaced by the model's choice among its candidates."""
    rec = _state["record"]
    if isinstance(rec, list):
        rec.append((list(units), body, copy.deepcopy(h)))
        return h
    if _state["rules_only"]:
        return h
    model = _state["model"] or shipped()
    return apply(model, units, body, h) if isinstance(model, dict) else h


def _in_article(units: list[Unit], i: int) -> bool:
    """Whether unit ``i`` stands below a paragraph of the article's text."""
    return any(u.label == TEXT and is_body(u.text) for u in units[:i])


def fill(
    model: Model, cands: dict[str, list[Candidate]], h: Header, units: list[Unit] | None = None
) -> dict[str, Candidate]:
    """The model's answer for each field the rules left empty, where its best candidate is
    a value more likely right than not. A value the rules set aside on purpose (the page's
    own date, an 'admin' byline) stays out. Fields the rules answered keep their answer:
    measured on held-out sets, overriding them lost more than it won (see the README)."""
    out: dict[str, Candidate] = {}
    for f in FIELDS:
        if getattr(h, f) is not None or f not in cands:
            continue
        best = choose(cands[f], model[f])
        if best.value is None or model[f].probability(best.feats) < 0.5:
            continue
        if (
            f == "title"
            and units is not None
            and best.unit is not None
            and best.value[:1] in _QUOTES
            and _in_article(units, best.unit)
        ):
            continue  # a quotation below the lede is the article's own words, no headline
        if f == "published" and best.value == h.page_date:
            continue
        if f == "author" and norm(best.value) in _SET_ASIDE:
            continue
        out[f] = best
    return out


def apply(model: Model, units: list[Unit], body: str, h: Header) -> Header:
    """Header `h` with the fields the rules left empty filled by the model where it can."""
    empty = tuple(f for f in FIELDS if getattr(h, f) is None)
    for f, cand in fill(model, candidates(units, h, body, empty), h, units).items():
        setattr(h, f, cand.value)
        if (
            f == "title"
            and cand.unit is not None
            and not is_body(units[cand.unit].text)
            and not _in_article(units, cand.unit)
        ):
            h.consumed.add(cand.unit)  # (a line below the lede stays in the text)
    return h


@contextmanager
def recording() -> Iterator[list[tuple[list[Unit], str, Header]]]:
    """Collect (units, body, rules' header) of every article head read inside the block."""
    rec: list[tuple[list[Unit], str, Header]] = []
    _state["record"] = rec
    try:
        yield rec
    finally:
        _state["record"] = None


@contextmanager
def using(path: Path) -> Iterator[None]:
    """Read article heads with the model in `path` inside the block (to measure one)."""
    before = _state["model"]
    _state["model"] = load(path)
    try:
        yield
    finally:
        _state["model"] = before


@contextmanager
def rules_only() -> Iterator[None]:
    """Read article heads with the rules alone inside the block."""
    before = _state["rules_only"]
    _state["rules_only"] = True
    try:
        yield
    finally:
        _state["rules_only"] = before


@dataclass
class Example:
    """One annotated article: its set, its head as read, the rules' header and the gold."""

    group: str
    source: str
    units: list[Unit]
    body: str
    rules: Header
    gold: dict[str, str]

    @property
    def cands(self) -> dict[str, list[Candidate]]:
        """The candidates, computed once (training and every fold reuse them)."""
        got = self.__dict__.get("_cands")
        if got is None:
            got = self.__dict__["_cands"] = candidates(self.units, self.rules, self.body)
        return got


def parse_set(spec: str, flag: str = "--set") -> tuple[str, Path, Path, str]:
    """'NAME=CORPUS:GOLD[:PREFIX]' -> its parts, or exit naming the bad option."""
    name, sep, rest = spec.partition("=")
    parts = rest.split(":")
    if not sep or not name or len(parts) not in (2, 3):
        sys.exit(f"{flag} {spec!r}: expected NAME=CORPUS_DIR:GOLD_DIR[:PREFIX]")
    corpus, gold = Path(parts[0]), Path(parts[1])
    for p in (corpus, gold):
        if not p.is_dir():
            sys.exit(f"{flag} {spec!r}: {p} is not a folder")
    return name, corpus, gold, parts[2] if len(parts) == 3 else ""


def history(
    specs: list[str], flag: str = "--rules-from"
) -> dict[str, dict[str, dict[str, str | None]]]:
    """'NAME=FILE.jsonl' -> set name -> source -> the fields an earlier version of the rules
    read before that set was seen (one JSON object per line: source, title, author, published)."""
    out: dict[str, dict[str, dict[str, str | None]]] = {}
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep or not Path(path).is_file():
            sys.exit(f"{flag} {spec!r}: expected NAME=FILE.jsonl naming an existing file")
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
        out[name] = {str(r["source"]): r for r in rows if line_ok(r)}
    return out


def line_ok(row: object) -> bool:
    return isinstance(row, dict) and "source" in row


def examples(
    specs: list[str],
    earlier: dict[str, dict[str, dict[str, str | None]]] | None = None,
    flag: str = "--set",
) -> list[Example]:
    """The annotated single-article files of each set, read by the rules (by the earlier
    rules' answers where `earlier` has the set: what the rules said before seeing it)."""
    from crossroads import settings
    from crossroads.exc import InputError
    from crossroads.ingest.readers import load_path

    out = []
    for spec in specs:
        name, corpus, gold_dir, prefix = parse_set(spec, flag)
        for g in sorted(gold_dir.glob("*.toml")):
            data = tomllib.loads(g.read_text(encoding="utf-8"))
            src, arts = str(data.get("source", "")), data.get("article", [])
            path = corpus / src
            if not src.startswith(prefix) or len(arts) != 1 or not path.is_file():
                continue
            with recording() as rec:
                try:
                    load_path(path, int(settings.get("max_bytes")))
                except InputError:
                    continue
            if len(rec) != 1:
                continue
            units, body, h = rec[0]
            old = (earlier or {}).get(name)
            if old is not None:
                if src not in old:
                    continue
                h = copy.deepcopy(h)
                h.title, h.author, h.published = (
                    old[src].get(f) for f in ("title", "author", "published")
                )
            gold = {f: str(arts[0].get(f) or "") for f in FIELDS}
            out.append(Example(name, src, units, body, h, gold))
    return out


def learnable(name: str, drop: str = "") -> bool:
    """Whether the model learns from feature `name`. The marks of the rules' own choice stay
    out: a model that reads the layout alone, not how far to trust the rules, fills gaps far
    better on sets left out (each set held out in turn: 204 of 268 articles right against
    175 with those marks learned), because first-sight rules leave empty exactly what the
    marks would have taught it to leave empty."""
    return not name.startswith("rules") and not (drop and name.startswith(drop))


def fit(train: list[Example], c: float = C, drop: str = "") -> Model:
    """One logistic regression per field over the candidates of the training articles
    (features starting with `drop`, when given, left out: to measure the model without them)."""
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    model: Model = {}
    for f in FIELDS:
        rows, ys = [], []
        for ex in train:
            for cand in ex.cands[f]:
                rows.append({k: v for k, v in cand.feats.items() if learnable(k, drop)})
                ys.append(int(right(f, cand.value, ex.gold[f])))
        vec = DictVectorizer(sort=True)
        x = vec.fit_transform(rows)
        if len(set(ys)) < 2:
            model[f] = Weights({}, 0.0)
            continue
        lr = LogisticRegression(C=c, max_iter=2000)
        lr.fit(x, ys)
        names = vec.get_feature_names_out()
        model[f] = Weights(
            {str(n): float(w) for n, w in zip(names, lr.coef_[0]) if abs(w) > 1e-6},
            float(lr.intercept_[0]),
        )
    return model


def article_right(
    ex: Example, title: str | None, published: str | None, author: str | None
) -> bool:
    """The scorer's test of one article's metadata (an untitled gold article checks no title)."""
    ok_title = not ex.gold["title"] or right("title", title, ex.gold["title"])
    return (
        ok_title
        and right("published", published, ex.gold["published"])
        and right("author", author, ex.gold["author"])
    )


def predict(model: Model, ex: Example) -> tuple[str | None, str | None, str | None]:
    """The article's fields as the rules and the model read them together."""
    got = fill(model, ex.cands, ex.rules, ex.units)
    t, p, a = (got[f].value if f in got else getattr(ex.rules, f) for f in FIELDS)
    return t, p, a


def _fold(source: str, k: int) -> int:
    return int(hashlib.sha1(source.encode()).hexdigest(), 16) % k


def cross_validate(
    exs: list[Example], k: int = 5, c: float = C, drop: str = ""
) -> dict[str, tuple[int, int, int]]:
    """Per document fold and per held-out set: (model right, rules right, articles)."""
    out: dict[str, tuple[int, int, int]] = {}

    def run(name: str, test: list[Example], train: list[Example]) -> None:
        model = fit(train, c, drop)
        m = sum(article_right(ex, *predict(model, ex)) for ex in test)
        r = sum(
            article_right(ex, ex.rules.title, ex.rules.published, ex.rules.author) for ex in test
        )
        out[name] = (m, r, len(test))

    for i in range(k):
        run(
            f"fold {i}",
            [e for e in exs if _fold(e.source, k) == i],
            [e for e in exs if _fold(e.source, k) != i],
        )
    for g in sorted({e.group for e in exs}):
        run(f"held-out {g}", [e for e in exs if e.group == g], [e for e in exs if e.group != g])
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["train", "cv"])
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        dest="sets",
        help="NAME=CORPUS_DIR:GOLD_DIR[:PREFIX], repeatable",
    )
    ap.add_argument(
        "--rules-from",
        action="append",
        default=[],
        dest="earlier",
        help="NAME=FILE.jsonl: an earlier rules version's answers for set NAME",
    )
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="where train writes the model")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("-C", type=float, default=C, help="inverse regularisation strength")
    ap.add_argument("--drop", default="", help="leave out features starting with this")
    args = ap.parse_args(argv)
    if not args.sets:
        sys.exit("no data: give at least one --set NAME=CORPUS_DIR:GOLD_DIR")
    exs = examples(args.sets, history(args.earlier))
    print(f"{len(exs)} single-article annotated files", file=sys.stderr)
    if args.command == "train":
        save(fit(exs, args.C, args.drop), args.out)
        print(f"wrote {args.out}")
        return
    res = cross_validate(exs, args.folds, args.C, args.drop)
    for label in ("fold", "held-out"):
        rows = {k: v for k, v in res.items() if k.startswith(label)}
        for k, (m, r, n) in rows.items():
            print(f"{k:16} model {m}/{n}  rules {r}/{n}")
        m, r, n = (sum(v[i] for v in rows.values()) for i in range(3))
        print(f"{label + ' total':16} model {m}/{n} ({m / n:.3f})  rules {r}/{n} ({r / n:.3f})")


if __name__ == "__main__":  # run the package's module, whose state the reader's hook sees
    import importlib

    importlib.import_module("crossroads.ingest.metadata_model").main()
