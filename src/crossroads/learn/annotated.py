"""Annotated articles: a folder of texts beside a folder of gold files in the scorer's format.

A gold file names its input file (``source``) and lists entities, relations, events and
quotes by name. Names are matched the way the scorer matches them (``norm``), so a label
means what the score means.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crossroads.exc import InputError
from crossroads.ingest import readers
from crossroads.model import Document

__all__ = ["Annotated", "Gold", "load_annotated", "norm"]

MAX_BYTES = 5_000_000
Gold = dict[str, Any]
"""A gold file as TOML reads it (``entity``, ``relation``, ``event`` ... lists of tables)."""


def norm(name: str) -> str:
    """A name as the scorer compares it: case, accents, punctuation, 's and a leading 'the' off."""
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[’'`ʼ]s\b", "", s)
    s = re.sub(r"[’'`ʼ]", "", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return re.sub(r"\s+", " ", s)


def quotes_match(gold_text: str, words: set[str]) -> bool:
    """Whether a quotation of ``words`` (normalised) holds half the words of a gold quote, as
    the scorer matches quotes."""
    gold = norm(gold_text).split()
    return bool(gold) and sum(w in words for w in gold) / len(gold) >= 0.5


@dataclass
class Annotated:
    """One input file: the documents ingest reads from it and its gold answers."""

    source: str
    docs: list[Document]
    gold: Gold
    by_name: dict[str, int] = field(default_factory=dict)
    """Normalised name or alias -> index of the gold entity."""

    def __post_init__(self) -> None:
        for i, e in enumerate(self.gold.get("entity", [])):
            for n in [e["name"], *e.get("aliases", [])]:
                self.by_name.setdefault(norm(n), i)

    def ids(self, names: list[str] | tuple[str, ...]) -> set[int]:
        """Gold entity indices named by any of ``names``."""
        return {self.by_name[k] for n in names if (k := norm(n)) in self.by_name}

    @property
    def series(self) -> str:
        """The topic series a file was collected in (its first letter), for harder folds."""
        return self.source[:1]


def load_annotated(gold_dir: Path, text_dir: Path | None = None) -> Iterator[Annotated]:
    """Each gold file of ``gold_dir`` with the documents read from its source in ``text_dir``
    (default: the ``corpus`` folder beside ``gold_dir``). A source that cannot be read is
    an InputError naming it."""
    gold_dir = Path(gold_dir)
    text_dir = Path(text_dir) if text_dir else gold_dir.parent / "corpus"
    for path in sorted(gold_dir.glob("*.toml")):
        with path.open("rb") as fh:
            gold = tomllib.load(fh)
        source = gold.get("source") or path.with_suffix(".txt").name
        docs = readers.load_path(text_dir / source, MAX_BYTES)
        articles = [d for d in docs if d.text.strip()]
        if not articles:
            raise InputError(str(text_dir / source), "no article text to learn from")
        yield Annotated(source, articles, gold)
