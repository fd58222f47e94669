"""Per-fact summaries (table ``fact_summary``): one row per fact key, kept at ingest.

A fact is every relation reading with one key (subject, predicate, object, resource,
polarity). Facts, profiles, networks and the analyses used to load and group every reading of
an entity on each request, so a page grew with the store. Here each key's counts, dates and
first citations are kept up to date by the write that changes the readings, and a page reads
one row per fact.

What is exact and what is not:

- readings, distinct sentences, documents, first/last report date, first/last stated date,
  the first five sentences (reading order), the first 50 documents, merged qualifiers, who
  the text attributes it to, and the distinct (post, date) pairs the pack is checked against
  are exact after every write.
- ``sources`` (independent documents: a near-duplicate counts as its original, a page's
  articles once per author) is exact after a backfill, a re-extraction or a correction
  (those regroup the keys they touch). A batch of new documents adds its own independent
  sources, less those whose original article is already stored and states the fact; a
  near-duplicate of an original that does not state the fact, when another duplicate of it
  does, and an article added later to a page stored earlier, count once more than a full
  regroup would count them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from crossroads import dates
from crossroads.model import Document, Evidence, Relation, fold, stable_id

FactKey = tuple[str, str, str | None, str | None, bool]
SourceKey = tuple[str, ...]

_NOWHERE = Evidence("", 0, 0)

MAX_EVIDENCE = 5
"""Sentences a summary keeps for a fact's first page (analysis.facts cites as many)."""
MAX_DOCUMENTS = 50
"""Document ids a summary keeps (a fact's JSON lists as many; ``documents`` counts all)."""

COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "resource",
    "negated",
    "readings",
    "spans",
    "documents",
    "sources",
    "first_seen",
    "last_seen",
    "start_date",
    "end_date",
    "data",
)


@dataclass
class FactSummary:
    """What the readings of one fact key say together (see the module docstring)."""

    subject: str
    predicate: str
    object: str | None
    resource: str | None
    negated: bool
    readings: int = 0
    spans: int = 0
    documents: int = 0
    sources: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    start: str | None = None
    end: str | None = None
    evidence: list[tuple[str, int, int]] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    qualifiers: dict[str, Any] = field(default_factory=dict)
    attributed: list[str] = field(default_factory=list)
    dated: list[tuple[str, str]] = field(default_factory=list)
    """Distinct (folded post, date the reading says it held) pairs, for the pack's verdict."""
    first_end: str | None = None
    """The earliest end a reading states (a later report may contradict it: a conflict)."""
    last_open: str | None = None
    """The latest report date of a reading that states no end (a conflict when after an
    end another reading states)."""
    figures: dict[str, list[str]] = field(default_factory=dict)
    """Up to two distinct values of each qualifier that may hold a figure (two or more
    are competing estimates to check)."""
    undated: int | None = 0
    """Readings that say no date the relation held (none in ``dated``): when none, and the
    pack contradicts every dated pair, it contradicts every reading and a conflict's side is
    this summary. None: not known (a row written before it was kept)."""

    @property
    def key(self) -> FactKey:
        return (self.subject, self.predicate, self.object, self.resource, self.negated)

    @property
    def id(self) -> str:
        return summary_id(self.key)

    def row(self) -> tuple[Any, ...]:
        data = {
            "evidence": [list(e) for e in self.evidence],
            "docs": self.docs,
            "qualifiers": self.qualifiers,
            "attributed": self.attributed,
            "dated": [list(d) for d in self.dated],
            "first_end": self.first_end,
            "last_open": self.last_open,
            "figures": self.figures,
            "undated": self.undated,
        }
        return (
            self.id,
            self.subject,
            self.predicate,
            self.object,
            self.resource,
            int(self.negated),
            self.readings,
            self.spans,
            self.documents,
            self.sources,
            self.first_seen,
            self.last_seen,
            self.start,
            self.end,
            json.dumps(data, ensure_ascii=False, sort_keys=True, default=str),
        )


def summary_id(key: FactKey) -> str:
    """The row id of a fact key (a hash: keys hold NULLs, which a primary key cannot)."""
    return stable_id("fs", *[("" if x is None else x) for x in key[:4]], int(key[4]))


def from_row(row: Sequence[Any]) -> FactSummary:
    data = json.loads(row[14]) if isinstance(row[14], (str, bytes)) else dict(row[14] or {})
    return FactSummary(
        subject=row[1],
        predicate=row[2],
        object=row[3],
        resource=row[4],
        negated=bool(row[5]),
        readings=int(row[6]),
        spans=int(row[7]),
        documents=int(row[8]),
        sources=int(row[9]),
        first_seen=row[10],
        last_seen=row[11],
        start=row[12],
        end=row[13],
        evidence=[(str(d), int(a), int(b)) for d, a, b in data.get("evidence", [])],
        docs=list(data.get("docs", [])),
        qualifiers=dict(data.get("qualifiers", {})),
        attributed=list(data.get("attributed", [])),
        dated=[(str(r), str(d)) for r, d in data.get("dated", [])],
        first_end=data.get("first_end"),
        last_open=data.get("last_open"),
        figures={str(k): list(v) for k, v in data.get("figures", {}).items()},
        undated=(  # not known for a row written before it was kept; none in an empty row
            int(data["undated"]) if data.get("undated") is not None else 0 if not row[6] else None
        ),
    )


def key_of(r: Relation) -> FactKey:
    """The reading's fact key, its resource as text (how the table holds it)."""
    s, p, o, res, neg = r.fact_key
    return (s, p, o, None if res is None else str(res), neg)


def source_key(doc_id: str, doc_of: Callable[[str], Document | None]) -> SourceKey:
    """Key of an independent source: a near-duplicate counts as its original; articles of
    one page count once per author. ``doc_of`` looks a document up (without its text)."""
    seen: set[str] = set()
    doc = doc_of(doc_id)
    while doc is not None and doc.duplicate_of and doc.duplicate_of not in seen:
        seen.add(doc.id)
        orig = doc_of(doc.duplicate_of)
        if orig is None:
            break
        doc = orig
    if doc is None:
        return ("doc", doc_id)
    if doc.parent:
        return ("page", doc.parent, (doc.author or "").casefold())
    return ("doc", doc.id)


def _role(qualifiers: Mapping[str, Any] | None) -> str:
    return fold(str((qualifiers or {}).get("role") or ""))


def summarize(
    readings: Iterable[Relation], docs: Mapping[str, Document | None]
) -> dict[FactKey, FactSummary]:
    """Summaries of readings given in reading order (document ingest order, then offset);
    ``docs`` holds their documents (no text needed) and the originals they duplicate."""
    out: dict[FactKey, FactSummary] = {}
    spans: dict[FactKey, dict[tuple[str, int, int], None]] = {}
    doc_sets: dict[FactKey, dict[str, None]] = {}
    sources: dict[FactKey, set[SourceKey]] = {}
    dated: dict[FactKey, dict[tuple[str, str], None]] = {}
    for r in readings:
        k = key_of(r)
        s = out.get(k)
        if s is None:
            s = out[k] = FactSummary(*k)
            spans[k], doc_sets[k], sources[k], dated[k] = {}, {}, set(), {}
        s.readings += 1
        ev = (r.evidence.doc, int(r.evidence.start), int(r.evidence.end))
        spans[k].setdefault(ev)
        doc_sets[k].setdefault(r.evidence.doc)
        sources[k].add(source_key(r.evidence.doc, docs.get))
        doc = docs.get(r.evidence.doc)
        published = doc.published if doc is not None else None
        s.first_seen = _least(s.first_seen, published)
        s.last_seen = _most(s.last_seen, published)
        s.start = _least(s.start, r.start)
        s.end = _most(s.end, r.end)
        if r.end and dates.is_partial_date(r.end):
            s.first_end = _least(s.first_end, r.end)
        elif not r.end:
            s.last_open = _most(s.last_open, published)
        for q, v in (r.qualifiers or {}).items():
            if q not in NOT_FIGURES and v not in (None, ""):
                _add_figure(s.figures, q, str(v))
        s.qualifiers.update({q: v for q, v in (r.qualifiers or {}).items() if v not in (None, "")})
        if r.attributed_to and r.attributed_to not in s.attributed:
            s.attributed.append(r.attributed_to)
        day = r.end or published or r.start
        if day and dates.is_partial_date(day):
            dated[k].setdefault((_role(r.qualifiers), day))
        else:
            s.undated = (s.undated or 0) + 1
    for k, s in out.items():
        s.spans = len(spans[k])
        s.evidence = list(spans[k])[:MAX_EVIDENCE]
        s.documents = len(doc_sets[k])
        s.docs = list(doc_sets[k])[:MAX_DOCUMENTS]
        s.sources = len(sources[k])
        s.dated = list(dated[k])
    return out


def merge(old: FactSummary | None, new: FactSummary, known_sources: int = 0) -> FactSummary:
    """``old`` (stored) followed by ``new`` (readings of documents stored after it);
    ``known_sources`` of new's sources were already among old's."""
    if old is None:
        return replace(new, sources=max(0, new.sources - known_sources))
    return FactSummary(
        *old.key,
        readings=old.readings + new.readings,
        spans=old.spans + new.spans,
        documents=old.documents + new.documents,
        sources=old.sources + max(0, new.sources - known_sources),
        first_seen=_least(old.first_seen, new.first_seen),
        last_seen=_most(old.last_seen, new.last_seen),
        start=_least(old.start, new.start),
        end=_most(old.end, new.end),
        evidence=(old.evidence + [e for e in new.evidence if e not in old.evidence])[:MAX_EVIDENCE],
        docs=(old.docs + [d for d in new.docs if d not in old.docs])[:MAX_DOCUMENTS],
        qualifiers={**old.qualifiers, **new.qualifiers},
        attributed=old.attributed + [a for a in new.attributed if a not in old.attributed],
        dated=old.dated + [d for d in new.dated if d not in set(old.dated)],
        first_end=_least(old.first_end, new.first_end),
        last_open=_most(old.last_open, new.last_open),
        figures=_merge_figures(old.figures, new.figures),
        undated=None if old.undated is None or new.undated is None else old.undated + new.undated,
    )


NOT_FIGURES = frozenset({"role", "place", "resource", "unit"})
"""Qualifiers that never hold a figure (as analysis.conflicts reads them)."""


def _add_figure(figures: dict[str, list[str]], name: str, value: str) -> None:
    values = figures.setdefault(name, [])
    if value not in values and len(values) < 2:
        values.append(value)


def _merge_figures(a: dict[str, list[str]], b: dict[str, list[str]]) -> dict[str, list[str]]:
    out = {k: list(v) for k, v in a.items()}
    for k, vs in b.items():
        for v in vs:
            _add_figure(out, k, v)
    return out


def _least(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _most(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


# -- the migration's backfill -----------------------------------------------------------


def backfill(conn: Any, mark: str) -> None:
    """Fill ``fact_summary`` from every stored reading (migration 6): ``conn`` is the
    migration's connection (sqlite3 or psycopg), ``mark`` its placeholder ('?' or '%s')."""
    from crossroads.store import rows

    cols = rows.columns(rows.RELATION_COLUMNS, "k")
    readings = [
        rows.relation_from(r)
        for r in conn.execute(
            f"SELECT {cols} FROM relations k JOIN documents d ON d.id = k.doc "
            "ORDER BY d.seq, k.span_start, k.id"
        ).fetchall()
    ]
    if not readings:
        return
    docs: dict[str, Document | None] = {
        id_: Document(id_, "", "", author=a, published=p, parent=pa, duplicate_of=dup)
        for id_, dup, pa, a, p in conn.execute(
            "SELECT id, duplicate_of, parent, author, published FROM documents"
        ).fetchall()
    }
    cur = conn.cursor()
    cur.executemany(insert_sql(mark), [s.row() for s in summarize(readings, docs).values()])


def backfill_undated(conn: Any, mark: str) -> None:
    """Count each stored fact's readings that say no date (migration 8: rows written before
    ``undated`` was kept), from the few columns that decide it."""
    from crossroads.store import rows

    counted: dict[str, int] = {}
    last = -1
    while True:  # 50,000 readings at a time, by id: a large store's never all in memory
        found = conn.execute(
            "SELECT k.id, k.subject, k.predicate, k.object, k.qualifiers, k.negated, "
            "k.start_date, k.end_date, d.published FROM relations k "
            f"JOIN documents d ON d.id = k.doc WHERE k.id > {mark} ORDER BY k.id LIMIT 50000",
            [last],
        ).fetchall()
        if not found:
            break
        last = int(found[-1][0])
        for _id, subject, predicate, obj, quals, negated, start, end, published in found:
            day = end or published or start
            if day and dates.is_partial_date(day):
                continue
            qualifiers = rows.loads(quals) if obj is None else {}
            r = Relation(
                subject, predicate, obj, _NOWHERE, negated=bool(negated), qualifiers=qualifiers
            )
            sid = summary_id(key_of(r))
            counted[sid] = counted.get(sid, 0) + 1
    found = conn.execute("SELECT id, data FROM fact_summary").fetchall()
    updates = []
    for sid, data in found:
        value = json.loads(data) if isinstance(data, (str, bytes)) else dict(data or {})
        value["undated"] = counted.get(sid, 0)
        updates.append((json.dumps(value, ensure_ascii=False, sort_keys=True, default=str), sid))
    if updates:
        conn.cursor().executemany(
            f"UPDATE fact_summary SET data = {mark} WHERE id = {mark}", updates
        )


def insert_sql(mark: str = "?") -> str:
    """INSERT of a whole summary row (placeholders ``mark``)."""
    return (
        f"INSERT INTO fact_summary ({', '.join(COLUMNS)}) "
        f"VALUES ({', '.join([mark] * len(COLUMNS))})"
    )
