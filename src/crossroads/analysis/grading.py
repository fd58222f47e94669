"""Admiralty grading: source reliability (A-F, set by the user) and fact credibility (1-6).

Reliability belongs to a source (a publisher or an author) and comes from a TOML file named
by the ``sources`` setting (CROSSROADS_SOURCES)::

    [authors]
    "Jane Analyst" = "B"

    [publishers]          # matched against the site name, the URL's host or the input file
    "example.org" = "C"

Anything not listed is F ("reliability cannot be judged"). Credibility belongs to a fact and
is computed from corroboration and contradiction, as NATO (AJP-2.1) and MISP analysts grade.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from crossroads import settings
from crossroads.exc import CrossroadsError
from crossroads.model import Document, fold
from crossroads.store.base import Store

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


@dataclass(frozen=True)
class Grades:
    """User-set reliability grades by author and by publisher (folded names)."""

    authors: dict[str, Any] = field(default_factory=dict)
    publishers: dict[str, Any] = field(default_factory=dict)

    def of(self, doc: Document) -> str:
        """The best grade any of the document's authors or its publisher holds, else 'F'."""
        if not self.authors and not self.publishers:
            return "F"  # nothing graded: no name to fold (asked for every hit of a search)
        found = []
        for author in (doc.author or "").split(","):
            if fold(author) in self.authors:
                found.append(self.authors[fold(author)])
        meta = doc.meta or {}
        keys = [meta.get("publisher"), meta.get("sitename"), doc.source]
        if meta.get("url"):
            host = urlparse(str(meta["url"])).hostname or ""
            keys += [host, host.removeprefix("www.")]
        for key in keys:
            if key and fold(str(key)) in self.publishers:
                found.append(self.publishers[fold(str(key))])
        return min(found) if found else "F"


def with_store(grades: Grades, store: Store) -> Grades:
    """``grades`` with the grades analysts set in the store laid over them (the store's
    word is the later one)."""
    try:
        extra = store.source_grades()
    except (AttributeError, NotImplementedError):
        return grades
    return Grades(
        authors={**grades.authors, **{fold(k): v for k, v in extra["authors"].items()}},
        publishers={**grades.publishers, **{fold(k): v for k, v in extra["publishers"].items()}},
    )


def load_grades(path: str | Path | None = None) -> Grades:
    """Grades from ``path`` or the ``sources`` setting; empty (everything F) when unset."""
    path = path or settings.get("sources")
    if not path:
        return Grades()
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, ValueError) as e:
        raise CrossroadsError(f"{path}: cannot read source grades: {e}") from e
    tables = {}
    for table in ("authors", "publishers"):
        grades = {}
        for name, grade in (raw.get(table) or {}).items():
            grade = str(grade).strip().upper()
            if grade not in RELIABILITY:
                raise CrossroadsError(
                    f"{path}: [{table}] {name!r}: grade must be one of A-F, not {grade!r}"
                )
            grades[fold(name)] = grade
        tables[table] = grades
    return Grades(**tables)


def credibility(
    support: int, against: int, pack_confirms: bool = False, pack_contradicts: bool = False
) -> int:
    """Credibility 1-6 from independent sources for and against, and the pack's word."""
    if pack_confirms and not against:
        return 1
    if pack_contradicts:
        return 5
    if against:
        return 5 if against > support else 4
    if support >= 3 or pack_confirms:
        return 1
    if support == 2:
        return 2
    if support == 1:
        return 3
    return 6
