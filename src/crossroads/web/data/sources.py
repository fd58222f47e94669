"""Who the documents come from (authors, publishers) and the A-F grades set for them, in
the settings file (CROSSROADS_SOURCES) or by analysts in the store."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from crossroads.model import fold
from crossroads.store.base import Store
from crossroads.web.data.records import analysis
from crossroads.web.data.search import publisher

if TYPE_CHECKING:  # an optional analysis: imported through records.analysis() when installed
    from crossroads.analysis.grading import Grades

GRADES = ("A", "B", "C", "D", "E", "F")


def file_grades() -> Grades | None:
    """The grades of the CROSSROADS_SOURCES file (empty when unset or unreadable)."""
    mod = analysis("grading")
    try:
        grades: Grades | None = mod.load_grades() if mod else None
    except Exception:  # noqa: BLE001 - the CLI reports a bad file; the UI shows no grades
        return None
    return grades


def effective(store: Store) -> Grades | None:
    """File grades with the store's laid over them (as the analyses use them)."""
    mod = analysis("grading")
    base = file_grades()
    if mod is None or base is None:
        return None
    merged: Grades = mod.with_store(base, store)
    return merged


def table(store: Store) -> dict[str, Any]:
    """Every author and publisher of the stored articles, with its document count, grade
    and where the grade was set ('store', 'file' or None: F, cannot be judged)."""
    authors: Counter[str] = Counter()
    publishers: Counter[str] = Counter()
    for d in store.documents():
        if d.kind != "article" or d.duplicate_of:
            continue
        for a in (d.author or "").split(","):
            if a.strip():
                authors[a.strip()] += 1
        publishers[publisher(d)] += 1
    stored = store.source_grades()
    file = file_grades()
    rows = []
    for kind, seen in (("author", authors), ("publisher", publishers)):
        mine = stored[kind + "s"]
        theirs = (file.authors if kind == "author" else file.publishers) if file else {}
        names = dict(seen)
        for name in mine:
            names.setdefault(name, 0)
        for name, n in sorted(names.items(), key=lambda kv: (-kv[1], kv[0].casefold())):
            grade, where = None, None
            if name in mine:
                grade, where = mine[name], "store"
            elif fold(name) in theirs:
                grade, where = theirs[fold(name)], "file"
            rows.append(
                {"kind": kind, "name": name, "documents": n, "grade": grade or "F", "set_in": where}
            )
    return {"items": rows, "grades": list(GRADES)}


def toml(store: Store) -> str:
    """The grades as a CROSSROADS_SOURCES file: the file's, with the store's over them."""
    file = file_grades()
    stored = store.source_grades()
    out = [
        "# Source grades (Admiralty A-F) for CROSSROADS_SOURCES, exported by crossroads.",
        "# A completely reliable ... E unreliable, F reliability cannot be judged.",
    ]
    for table_name in ("authors", "publishers"):
        merged: dict[str, str] = dict((getattr(file, table_name) if file else {}) or {})
        for name, grade in stored[table_name].items():
            merged.pop(fold(name), None)
            merged[name] = grade
        out.append(f"\n[{table_name}]")
        out += [
            f'{json.dumps(name, ensure_ascii=False)} = "{grade}"'
            for name, grade in sorted(merged.items(), key=lambda kv: kv[0].casefold())
        ]
    return "\n".join(out) + "\n"
