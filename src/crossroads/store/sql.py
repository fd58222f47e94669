"""What the SQL backends share: writes, lookups and filters in SQL both SQLite and PostgreSQL run.

Queries are written with '?' placeholders; a backend rewrites them to its own style. The
backends add connecting, transactions and full-text search, which differ between the two.
"""

from __future__ import annotations

import re
import threading
from abc import abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from crossroads.exc import QueryError, StoreError
from crossroads.model import (
    SYMMETRIC_PREDICATES,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Quote,
    Relation,
    SearchHit,
    fold,
)
from crossroads.store import counts, fact_summary, near_duplicates, rows, stances
from crossroads.store.base import Store
from crossroads.store.fact_summary import FactKey, FactSummary
from crossroads.store.query import Query, any_of, parse_query

_DOC = rows.columns(rows.DOCUMENT_COLUMNS, "d")
_ENT = rows.columns(rows.ENTITY_COLUMNS, "e")
_MIN_PREFIX = 6
_WRITE_ATTEMPTS = 3
_CHUNK = 500

_BANDS_OF_ONE = (
    f"WITH RECURSIVE n(band) AS (SELECT 0 UNION ALL SELECT band + 1 FROM n "
    f"WHERE band < {near_duplicates.BANDS - 1}) "
    "INSERT INTO minhash_bands (band, key, doc) "
    f"SELECT n.band, substr(d.minhash, n.band * {near_duplicates.BAND_BYTES} + 1, "
    f"{near_duplicates.BAND_BYTES}), d.seq FROM documents d CROSS JOIN n "
    f"WHERE d.id = ? AND length(d.minhash) = {near_duplicates.SIGNATURE_BYTES}"
)
"""The band rows of one stored article, cut by the database (as migration 5 cuts them)."""

MAX_QUERY_CHARS = 1000
"""Longest search text accepted: far above any real query, far below what occupies a server."""
MAX_QUERY_TERMS = 32
"""Most words a search may AND together (each one is a full-text phrase to intersect)."""
RANKED = 2000
"""Most matching articles a search ranks: a word found in more (a country's name in a store
of 100,000 articles) ranks the RANKED newest of them, so a search costs the same at any size."""


def check_query(query: str, terms: bool = True) -> str:
    """The query, or QueryError saying which limit it is over (never repeating the query)."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"search query too long: {len(query):,} characters (at most {MAX_QUERY_CHARS:,})"
        )
    if terms and (n := len(query.split())) > MAX_QUERY_TERMS:
        raise QueryError(f"search query has too many words: {n:,} (at most {MAX_QUERY_TERMS})")
    return query


CORRECTABLE = ("title", "published", "author")
"""Document fields an analyst may correct by hand (the text never changes)."""


def like_pattern(text: str) -> str:
    """Escape LIKE wildcards so user text matches literally (with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def iso_upper(date: str) -> str:
    """Upper bound of an ISO date prefix: '2021' covers everything up to '2021~'."""
    return date + "~"


_DATED = (
    "(k.start_date IS NOT NULL OR k.end_date IS NOT NULL) AND (k.subject = ? OR k.object = ?) "
    "AND d.duplicate_of IS NULL"
)
"""A timeline's relations: dated, of the entity, none from a near-duplicate."""
_NOWHERE = Evidence("", 0, 0)


class SQLStore(Store):
    """A Store on a DB-API connection; subclasses set ``conn`` and implement the hooks."""

    conn: Any
    ranked = RANKED
    """Most matches a search ranks (the newest; see RANKED)."""
    no_limit = "LIMIT -1"
    lock_rows = ""
    """What makes a SELECT lock the rows it reads until the transaction ends (PostgreSQL)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()

    # -- hooks -------------------------------------------------------------------------
    @abstractmethod
    def _sql(self, query: str) -> str:
        """The query in the driver's placeholder style."""

    @abstractmethod
    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """One write transaction; yields something with execute()/executemany()."""

    @abstractmethod
    def _search(self, query: Query, limit: int, snippets: bool = True) -> list[SearchHit]: ...

    db_errors: tuple[type[BaseException], ...] = ()

    # -- plumbing ----------------------------------------------------------------------
    @contextmanager
    def _write(self, what: str) -> Iterator[Any]:
        with self._lock:
            try:
                with self._transaction() as cur:
                    yield cur
            except self.db_errors as exc:
                raise StoreError(
                    f"could not {what} in {redact(self.url)}: {_one_line(exc)}"
                ) from exc

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return list(self.conn.execute(self._sql(query), tuple(params)).fetchall())
            except self.db_errors as exc:
                raise StoreError(f"could not read {redact(self.url)}: {_one_line(exc)}") from exc

    def _x(self, cur: Any, query: str, params: Sequence[Any] = ()) -> Any:
        return cur.execute(self._sql(query), tuple(params))

    def _page(self, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        if limit is None:
            return (f" {self.no_limit} OFFSET ?", [offset]) if offset else ("", [])
        return " LIMIT ? OFFSET ?", [limit, offset]

    # -- documents ---------------------------------------------------------------------
    def add_documents(
        self, docs: list[Document], extractions: Iterable[Extraction] = ()
    ) -> list[str]:
        extractions = list(extractions)
        batch = {d.id for d in docs}
        for x in extractions:
            if x.doc not in batch:
                raise StoreError(
                    f"extraction for {x.doc}, which is not among the documents "
                    "being added; use replace_extraction() to re-read a stored one"
                )
        for attempt in range(_WRITE_ATTEMPTS):
            try:
                return self._add_documents(docs, extractions)
            except StoreError as exc:  # two writers waited on each other: the server chose us
                if attempt + 1 == _WRITE_ATTEMPTS or not self._retryable(exc.__cause__):
                    raise
        return []  # not reached

    def _add_documents(self, docs: list[Document], extractions: list[Extraction]) -> list[str]:
        names = ", ".join(rows.DOCUMENT_COLUMNS)
        marks = ", ".join("?" * len(rows.DOCUMENT_COLUMNS))
        insert = (
            f"INSERT INTO documents ({names}) VALUES ({marks}) "
            "ON CONFLICT (id) DO NOTHING RETURNING id"
        )
        with self._write(f"add {len(docs)} document(s)") as cur:
            new: list[str] = []
            for doc in docs:  # a row another writer is adding is waited for, then left alone
                if self._x(cur, insert, rows.document_row(doc)).fetchone():
                    new.append(doc.id)
            self._add_minhash_bands(
                cur,
                [
                    d.id
                    for d in docs
                    if d.id in new and d.kind == "article" and d.meta.get("minhash")
                ],
            )
            # a document stored before keeps what was read from it
            fresh = [x for x in extractions if x.doc in new]
            added = {
                "documents": len(new),
                "articles": sum(1 for d in docs if d.id in new and d.kind == "article"),
                "entities": self._upsert_entities(cur, [e for x in fresh for e in x.entities]),
            }
            self._tally(cur, added)
            self._write_extractions(cur, fresh, entities=False)
            self._count(cur, counts.delta(fresh))
            self._summarize_added(cur, [d for d in docs if d.id in new], fresh)
        return new

    def _count(self, cur: Any, changes: list[tuple[Any, ...]]) -> None:
        """Apply (entity, kind, key, change) rows to entity_counts, in this transaction."""
        if not changes:
            return
        cur.executemany(
            self._sql(
                "INSERT INTO entity_counts (entity, kind, key, n) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (entity, kind, key) DO UPDATE SET n = entity_counts.n + excluded.n"
            ),
            changes,
        )
        gone = [c[:3] for c in changes if c[3] < 0]
        if gone:
            cur.executemany(
                self._sql(
                    "DELETE FROM entity_counts WHERE entity = ? AND kind = ? AND key = ? AND n <= 0"
                ),
                gone,
            )

    # -- fact summaries (migration 6; crossroads.store.fact_summary) ------------------------
    def fact_summaries(
        self,
        entity: str | None = None,
        predicate: str | None = None,
        entities: Iterable[str] | None = None,
    ) -> list[FactSummary]:
        if entities is not None:  # several at once: a network step is one query
            wanted = list(dict.fromkeys(entities))
            out: list[FactSummary] = []
            for part in _chunks(wanted):
                marks = _marks(part)
                out += [
                    fact_summary.from_row(r)
                    for r in self._rows(
                        f"SELECT {rows.columns(fact_summary.COLUMNS, 'f')} FROM fact_summary f "
                        f"WHERE f.subject IN ({marks}) OR f.object IN ({marks}) ORDER BY f.id",
                        part + part,
                    )
                ]
            return list({s.id: s for s in out}.values())
        clauses, params = [], []
        if entity is not None:
            clauses.append("(f.subject = ? OR f.object = ?)")
            params += [entity, entity]
        if predicate is not None:
            clauses.append("f.predicate = ?")
            params.append(predicate)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        found = self._rows(
            f"SELECT {rows.columns(fact_summary.COLUMNS, 'f')} FROM fact_summary f{where} "
            "ORDER BY f.id",
            params,
        )
        return [fact_summary.from_row(r) for r in found]

    def _stored_summaries(self, cur: Any, ids: list[str]) -> dict[str, FactSummary]:
        """The summary rows with these ids, locked until the write ends (PostgreSQL)."""
        out: dict[str, FactSummary] = {}
        for part in _chunks(sorted(set(ids))):
            for r in self._x(
                cur,
                f"SELECT {', '.join(fact_summary.COLUMNS)} FROM fact_summary "
                f"WHERE id IN ({_marks(part)}) ORDER BY id{self.lock_rows}",
                part,
            ).fetchall():
                out[r[0]] = fact_summary.from_row(r)
        return out

    def _save_summaries(self, cur: Any, summaries: list[FactSummary], gone: list[str]) -> None:
        if gone:
            cur.executemany(
                self._sql("DELETE FROM fact_summary WHERE id = ?"), [(i,) for i in gone]
            )
        if summaries:
            update = ", ".join(f"{c} = excluded.{c}" for c in fact_summary.COLUMNS[1:])
            cur.executemany(
                self._sql(fact_summary.insert_sql() + f" ON CONFLICT (id) DO UPDATE SET {update}"),
                [s.row() for s in summaries],
            )

    def _summary_documents(self, docs: list[Document], ids: Iterable[str]) -> dict[str, Any]:
        """Documents (no text) for source keys: these, the rest of ``ids``, and the
        originals and pages they point to."""
        known: dict[str, Document | None] = {d.id: d for d in docs}
        wanted = [i for i in dict.fromkeys(ids) if i not in known]
        wanted += [d.duplicate_of for d in docs if d.duplicate_of and d.duplicate_of not in known]
        while wanted:
            found = self.documents_by_id(wanted, text=False)
            for i in wanted:
                known[i] = found.get(i)
            wanted = [
                d.duplicate_of
                for d in found.values()
                if d.duplicate_of and d.duplicate_of not in known
            ]
        return known

    def _summarize_added(self, cur: Any, docs: list[Document], fresh: list[Extraction]) -> None:
        """Fold the readings of newly stored documents into their facts' summaries."""
        order = {d.id: i for i, d in enumerate(docs)}
        readings = [
            r
            for x in sorted(fresh, key=lambda x: order.get(x.doc, len(order)))
            for _i, r in sorted(enumerate(x.relations), key=lambda t: (t[1].evidence.start, t[0]))
        ]
        if not readings:
            return
        known = self._summary_documents(docs, ())
        added = fact_summary.summarize(readings, known)
        # an independent source may be stored already: the original of a near-duplicate
        stored_roots: dict[str, set[FactKey]] = {}
        batch = set(order)
        for r in readings:
            kind, *rest = fact_summary.source_key(r.evidence.doc, known.get)
            if kind == "doc" and rest[0] not in batch:
                stored_roots.setdefault(rest[0], set())
        for root_doc, keys in stored_roots.items():
            keys.update(fact_summary.key_of(r) for r in self.relations(doc=root_doc))
        seen: dict[FactKey, set[str]] = {}
        for r in readings:
            kind, *rest = fact_summary.source_key(r.evidence.doc, known.get)
            k = fact_summary.key_of(r)
            if kind == "doc" and k in stored_roots.get(rest[0], ()):
                seen.setdefault(k, set()).add(rest[0])
        ids = sorted(s.id for s in added.values())
        cur.executemany(  # empty rows first, so every row is there to lock, in id order
            self._sql(
                "INSERT INTO fact_summary (id, subject, predicate, object, resource, negated, "
                "readings, spans, documents, sources) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0) "
                "ON CONFLICT (id) DO NOTHING"
            ),
            [(s.id, *s.row()[1:6]) for s in sorted(added.values(), key=lambda s: s.id)],
        )
        stored = self._stored_summaries(cur, ids)
        merged = [
            fact_summary.merge(stored.get(s.id), s, len(seen.get(k, ()))) for k, s in added.items()
        ]
        self._save_summaries(cur, merged, [])

    def _resummarize(self, cur: Any, keys: set[FactKey]) -> None:
        """Regroup these facts' summaries from every stored reading (after readings went)."""
        if not keys:
            return
        readings = [r for rs in self.fact_readings(keys).values() for r in rs]
        known = self._summary_documents([], (r.evidence.doc for r in readings))
        seq = {d: i for i, d in enumerate(self._doc_order(list(known)))}
        readings.sort(key=lambda r: seq.get(r.evidence.doc, -1))  # stable: offsets stay in order
        fresh = fact_summary.summarize(readings, known)
        self._stored_summaries(cur, [fact_summary.summary_id(k) for k in keys])  # lock them
        gone = [fact_summary.summary_id(k) for k in keys if k not in fresh]
        self._save_summaries(cur, list(fresh.values()), gone)

    def attributed_relations(self, speaker: str) -> list[Relation]:
        return [
            rows.relation_from(r)
            for r in self._knowledge(
                "relations", rows.RELATION_COLUMNS, " WHERE k.attributed_to = ?", [speaker]
            )
        ]

    def dated_relations(self, entity: str) -> list[Relation]:
        return [
            rows.relation_from(r)
            for r in self._knowledge(
                "relations",
                rows.RELATION_COLUMNS,
                " WHERE (k.subject = ? OR k.object = ? OR k.attributed_to = ?) "
                "AND (k.start_date IS NOT NULL OR k.end_date IS NOT NULL)",
                [entity] * 3,
            )
        ]

    def timeline_events(
        self, entity: str, limit: int | None = None, day: str | None = None
    ) -> list[tuple[str, Event]]:
        # entity_events.day (migration 7): a timeline's page is an index range
        page, more = self._page(limit, 0)
        found = self._rows(
            f"SELECT x.day, {rows.columns(rows.EVENT_COLUMNS, 'k')} FROM entity_events x "
            "JOIN events k ON k.id = x.event WHERE x.entity = ? AND "
            + ("x.day = ?" if day is not None else "x.day IS NOT NULL")
            + f" ORDER BY x.day, x.date_key, x.seq, x.start, x.event{page}",
            [entity, *([day] if day is not None else []), *more],
        )
        return [(str(r[0]), rows.event_from(r[1:])) for r in found]

    def timeline_relations(self, entity: str) -> list[Relation]:
        # partial indexes relations_dated_*_shape (migration 8) hold the dated alone
        return [
            rows.relation_from(r)
            for r in self._knowledge(
                "relations",
                rows.RELATION_COLUMNS,
                " WHERE (k.start_date IS NOT NULL OR k.end_date IS NOT NULL) "
                "AND (k.subject = ? OR k.object = ?) AND d.duplicate_of IS NULL",
                [entity, entity],
            )
        ]

    def object_subjects(self, obj: str, predicate: str) -> list[tuple[str, str]]:
        return [
            (str(doc), str(subject))
            for doc, subject in self._rows(
                "SELECT k.doc, k.subject FROM relations k "
                "WHERE k.object = ? AND k.predicate = ? AND k.negated = ?",
                [obj, predicate, False],
            )
        ]

    def timeline_relation_shapes(self, entity: str) -> list[tuple[Relation, int]]:
        # counted from the covering partial indexes on dated relations (migration 8), the
        # few near-duplicates left out as a set: no relation or document row is read
        cols = "k.subject, k.predicate, k.object, k.negated, k.start_date, k.end_date"
        dated = (
            f"SELECT {cols} FROM relations k "
            "WHERE (k.start_date IS NOT NULL OR k.end_date IS NOT NULL) AND k.doc NOT IN "
            "(SELECT id FROM documents WHERE duplicate_of > '') AND "
        )
        found = self._rows(  # as subject, then as object: "subject = ? OR object = ?" made
            f"SELECT {cols}, count(*) FROM ("  # PostgreSQL walk all of the subject index
            f"{dated}k.subject = ? UNION ALL {dated}k.object = ? AND k.subject <> ?) k "
            f"GROUP BY {cols}",
            [entity, entity, entity],
        )
        return [
            (Relation(str(s), str(p), o, _NOWHERE, start, end, bool(neg)), int(n))
            for s, p, o, neg, start, end, n in found
        ]

    def timeline_relation_page(
        self,
        entity: str,
        kind: str,
        date: str,
        keys: list[tuple[str, str, str | None, bool]],
        limit: int,
        offset: int = 0,
    ) -> list[Relation]:
        if not keys or kind not in ("start", "end"):
            return []
        alike, params = [], []
        for subject, predicate, obj, negated in keys:
            same = "k.object IS NULL" if obj is None else "k.object = ?"
            alike.append(f"(k.subject = ? AND k.predicate = ? AND {same} AND k.negated = ?)")
            params += [subject, predicate, *([] if obj is None else [obj]), bool(negated)]
        return [
            rows.relation_from(r)
            for r in self._knowledge(
                "relations",
                rows.RELATION_COLUMNS,
                f" WHERE {_DATED} AND k.{kind}_date = ? AND ({' OR '.join(alike)})",
                [entity, entity, date, *params],
                order=f"d.seq, k.span_start, k.id LIMIT {int(limit)} OFFSET {int(offset)}",
            )
        ]

    def stance_events(self) -> list[Event]:
        return [
            rows.event_from(r)
            for r in self._knowledge(
                "events",
                rows.EVENT_COLUMNS,
                " WHERE k.id IN (SELECT event FROM stance_events)",
                [],
                order="k.date IS NULL, k.date, d.seq, k.span_start, k.id",
            )
        ]

    def stance_readings(self, limit: int) -> tuple[list[Event], list[Quote]]:
        # the first sentences of each shape, by index (stance_*_shape, migration 8)
        events = self._first_of_shapes(
            "stance_events", "event", "date_key, seq, start, event", limit
        )
        quotes = self._first_of_shapes("stance_quotes", "quote", "seq, start, quote", limit)
        return (
            [rows.event_from(r) for r in self._by_ids("events", rows.EVENT_COLUMNS, events)],
            [rows.quote_from(r) for r in self._by_ids("quotes", rows.QUOTE_COLUMNS, quotes)],
        )

    def _first_of_shapes(self, table: str, key: str, order: str, limit: int) -> list[int]:
        """Ids of the first ``limit`` distinct sentences of each shape in ``table``, in the
        table's order (that of stance_events() or stance_quotes()); each shape is an index
        range, read as far as it needs."""
        out: list[tuple[tuple[Any, ...], int]] = []
        for (shape,) in self._rows(f"SELECT DISTINCT shape FROM {table}"):
            want = limit * 2
            while True:
                found = self._rows(
                    f"SELECT {order}, stop FROM {table} WHERE shape = ? ORDER BY {order} LIMIT ?",
                    [shape, want],
                )
                kept: dict[tuple[Any, ...], tuple[tuple[Any, ...], int]] = {}
                for r in found:
                    where = tuple(r[-4:])  # (seq, start, stop) and the id before them
                    kept.setdefault((where[0], where[1], where[3]), (tuple(r[:-1]), int(r[-2])))
                    if len(kept) == limit:
                        break
                if len(kept) == limit or len(found) < want:
                    break
                want *= 4
            out += kept.values()
        return [i for _key, i in sorted(out)]

    def _by_ids(self, table: str, cols: Sequence[str], ids: list[int]) -> list[tuple[Any, ...]]:
        """Rows of a knowledge table in the order of ``ids``."""
        found: dict[int, tuple[Any, ...]] = {}
        for part in _chunks(ids):
            for r in self._rows(
                f"SELECT k.id, {rows.columns(cols, 'k')} FROM {table} k "
                f"WHERE k.id IN ({_marks(part)})",
                part,
            ):
                found[int(r[0])] = tuple(r[1:])
        return [found[i] for i in ids if i in found]

    def stance_quotes(self) -> list[Quote]:
        return [
            rows.quote_from(r)
            for r in self._knowledge(
                "quotes", rows.QUOTE_COLUMNS, " WHERE k.id IN (SELECT quote FROM stance_quotes)", []
            )
        ]

    def timeline_day_shapes(self, entity: str, day: str) -> list[tuple[Event, int, Any]]:
        # counted from entity_events_shape (migration 9) alone; one event of each read after
        found = self._rows(
            "SELECT x.shape, count(*), min(x.event) FROM entity_events x "
            "WHERE x.entity = ? AND x.day = ? GROUP BY x.shape",
            [entity, day],
        )
        one = dict(
            zip(
                [int(r[2]) for r in found],
                self._by_ids("events", rows.EVENT_COLUMNS, [int(r[2]) for r in found]),
            )
        )
        out = []
        for shape, n, first in found:
            _doc, _a, _b, type_, actors, targets, _d, _p, negated, mode, _t = one[int(first)]
            like = ("", 0, 0, type_, actors, targets, None, None, negated, mode, "")
            out.append((rows.event_from(like), int(n), str(shape)))
        return out

    def timeline_day_events(
        self, entity: str, day: str, keys: list[Any], limit: int, offset: int = 0
    ) -> list[Event]:
        if not keys:
            return []
        found = self._rows(
            f"SELECT {rows.columns(rows.EVENT_COLUMNS, 'k')} FROM entity_events x "
            "JOIN events k ON k.id = x.event WHERE x.entity = ? AND x.day = ? AND x.shape IN ("
            + _marks(keys)
            + ") ORDER BY x.day, x.date_key, x.seq, x.start, x.event LIMIT ? OFFSET ?",
            [entity, day, *keys, limit, offset],
        )
        return [rows.event_from(r) for r in found]

    def timeline_event_count(self, entity: str) -> int:
        found = self._rows(
            "SELECT count(*) FROM entity_events WHERE entity = ? AND day IS NOT NULL", [entity]
        )
        return int(found[0][0])

    def fact_readings(self, keys: Iterable[FactKey]) -> dict[FactKey, list[Relation]]:
        wanted = set(keys)
        out: dict[FactKey, list[Relation]] = {k: [] for k in wanted}
        # one indexed query per (predicate, subject): a key's readings have its subject or,
        # for a symmetric predicate, its object as their subject; only the keys' objects and
        # polarities are read (a host's few denials, not its thousands of other readings)
        probes: dict[tuple[str, str], list[tuple[str | None, bool]]] = {}
        for k in wanted:
            probes.setdefault((k[1], k[0]), []).append((k[2], k[4]))
            if k[1] in SYMMETRIC_PREDICATES and k[2] is not None:
                probes.setdefault((k[1], k[2]), []).append((k[0], k[4]))
        seen: set[int] = set()
        for (p, e), ends in sorted(probes.items()):
            where = ""
            params: list[Any] = [p, e]
            objects = sorted({o for o, _neg in ends if o is not None})
            if len(ends) <= 50:
                ors = [f"k.object IN ({_marks(objects)})"] if objects else []
                ors += ["k.object IS NULL"] if any(o is None for o, _neg in ends) else []
                where, params = f" AND ({' OR '.join(ors)})", params + objects
            if len({neg for _o, neg in ends}) == 1:
                where, params = where + " AND k.negated = ?", [*params, bool(ends[0][1])]
            for x in self._rows(
                f"SELECT k.id, {rows.columns(rows.RELATION_COLUMNS, 'k')} FROM relations k "
                "JOIN documents d ON d.id = k.doc WHERE k.predicate = ? AND k.subject = ?"
                f"{where} ORDER BY d.seq, k.span_start, k.id",
                params,
            ):
                if x[0] in seen:
                    continue
                r = rows.relation_from(x[1:])
                k = fact_summary.key_of(r)
                if k in wanted:
                    seen.add(x[0])
                    out[k].append(r)
        return out

    def _doc_order(self, doc_ids: list[str]) -> list[str]:
        """The ids in ingest order."""
        out: list[tuple[int, str]] = []
        for part in _chunks(doc_ids):
            out += [
                (int(q), str(i))
                for i, q in self._rows(
                    f"SELECT id, seq FROM documents WHERE id IN ({_marks(part)})", part
                )
            ]
        return [i for _q, i in sorted(out)]

    def _tally(self, cur: Any, changes: dict[str, int]) -> None:
        """Apply changes to store_counts (what stats() reads), in this transaction."""
        rows_ = sorted((n, k) for k, n in changes.items() if n)
        if rows_:
            cur.executemany(
                self._sql("UPDATE store_counts SET n = n + ? WHERE name = ?"),
                sorted(rows_, key=lambda r: r[1]),
            )

    def _retryable(self, exc: BaseException | None) -> bool:
        """Whether a failed write may simply be tried again (a deadlock the server broke)."""
        return False

    def document_by_hash(self, content_hash: str) -> Document | None:
        found = self._rows(
            f"SELECT {_DOC} FROM documents d WHERE d.content_hash = ? ORDER BY d.seq LIMIT 1",
            [content_hash],
        )
        return rows.document_from(found[0]) if found else None

    def minhashes(self) -> list[tuple[str, bytes]]:
        found = self._rows(
            "SELECT id, minhash FROM documents WHERE kind = 'article' "
            "AND minhash IS NOT NULL ORDER BY seq"
        )
        return [(id_, bytes(mh)) for id_, mh in found]

    def near_duplicate_candidates(self, signature: bytes) -> list[tuple[str, bytes]]:
        keys = near_duplicates.bands(signature)
        if not keys:
            return self.minhashes()
        where = " OR ".join(["(b.band = ? AND b.key = ?)"] * len(keys))
        found = self._rows(
            "SELECT d.id, d.minhash FROM documents d WHERE d.seq IN "
            f"(SELECT b.doc FROM minhash_bands b WHERE {where}) ORDER BY d.seq",
            [v for key in keys for v in key],
        )
        return [(id_, bytes(mh)) for id_, mh in found]

    def _add_minhash_bands(self, cur: Any, doc_ids: list[str]) -> None:
        """Index the signatures of newly stored articles by band (migration 5)."""
        for doc_id in doc_ids:
            self._x(cur, _BANDS_OF_ONE, [doc_id])

    def file_stored(self, file_hash: str) -> bool:
        return bool(self._rows("SELECT 1 FROM ingested_files WHERE hash = ?", [file_hash]))

    def remember_file(self, file_hash: str, doc_id: str) -> None:
        with self._write("remember an ingested file") as cur:
            self._x(
                cur,
                "INSERT INTO ingested_files (hash, doc) VALUES (?, ?) "
                "ON CONFLICT (hash) DO NOTHING",
                [file_hash, doc_id],
            )

    def get_document(self, doc_id: str) -> Document | None:
        found = self._rows(f"SELECT {_DOC} FROM documents d WHERE d.id = ?", [doc_id])
        if not found and len(doc_id) >= _MIN_PREFIX:
            for prefix in (doc_id,) if doc_id.startswith("d:") else (doc_id, "d:" + doc_id):
                found = self._rows(
                    f"SELECT {_DOC} FROM documents d WHERE d.id LIKE ? ESCAPE '\\' "
                    "ORDER BY d.seq LIMIT 2",
                    [like_pattern(prefix) + "%"],
                )
                if found:
                    break
            if len(found) != 1:  # an ambiguous prefix names no document
                return None
        return rows.document_from(found[0]) if found else None

    def documents(
        self,
        source: str | None = None,
        parent: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        duplicate_of: str | None = None,
    ) -> list[Document]:
        where, params = _filters(
            {"d.source": source, "d.parent": parent, "d.duplicate_of": duplicate_of}
        )
        page, more = self._page(limit, offset)
        found = self._rows(
            f"SELECT {_DOC} FROM documents d{where} ORDER BY d.seq{page}", params + more
        )
        return [rows.document_from(r) for r in found]

    def correct_document(self, doc_id: str, **changes: str | None) -> Document:
        unknown = sorted(set(changes) - set(CORRECTABLE))
        if unknown:
            raise StoreError(
                f"cannot correct {', '.join(unknown)} of a document (only {', '.join(CORRECTABLE)})"
            )
        doc = self.get_document(doc_id)
        if doc is None:
            raise StoreError(f"cannot correct {doc_id}: no such document")
        meta = {k: v for k, v in (doc.meta or {}).items() if k != "minhash"}
        original = dict(meta.get("original") or {})
        for key in changes:
            original.setdefault(key, getattr(doc, key))
        meta["original"] = original
        meta["corrected"] = sorted(set(meta.get("corrected") or ()) | set(changes))
        values = {k: getattr(doc, k) for k in CORRECTABLE} | {
            k: (v.strip() or None) if isinstance(v, str) else v for k, v in changes.items()
        }
        with self._write(f"correct document {doc_id}") as cur:
            self._title_changing(cur, doc, values["title"])
            self._x(
                cur,
                "UPDATE documents SET title = ?, published = ?, author = ?, meta = ? WHERE id = ?",
                [values["title"], values["published"], values["author"], rows.dumps(meta), doc_id],
            )
            if values["published"] != doc.published:  # its undated events move on timelines
                self._x(
                    cur,
                    "UPDATE entity_events SET day = ? WHERE date_key = '~' AND event IN "
                    "(SELECT k.id FROM events k JOIN documents d ON d.id = k.doc "
                    "WHERE k.doc = ? AND d.duplicate_of IS NULL)",
                    [values["published"], doc_id],
                )
            if (values["published"], values["author"]) != (doc.published, doc.author):
                # report dates and page sources of its facts change: regroup those facts
                self._resummarize(cur, {fact_summary.key_of(r) for r in self.relations(doc=doc.id)})
        corrected = self.get_document(doc_id)
        assert corrected is not None  # written just now, in this call
        return corrected

    def _title_changing(self, cur: Any, doc: Document, title: str | None) -> None:
        """Hook: a backend whose full-text index does not follow the row updates it here."""

    def source_grades(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {"authors": {}, "publishers": {}}
        for kind, name, grade in self._rows(
            "SELECT kind, name, grade FROM source_grades ORDER BY kind, name"
        ):
            out[kind + "s"][name] = grade
        return out

    def set_source_grade(self, kind: str, name: str, grade: str | None) -> None:
        if kind not in ("author", "publisher"):
            raise StoreError(f"source grade kind must be 'author' or 'publisher', not {kind!r}")
        name = (name or "").strip()
        if not name:
            raise StoreError("a source grade needs the author's or publisher's name")
        if grade is not None and grade not in ("A", "B", "C", "D", "E", "F"):
            raise StoreError(f"{name}: grade must be one of A-F, not {grade!r}")
        with self._write(f"grade {kind} {name!r}") as cur:
            self._x(cur, "DELETE FROM source_grades WHERE kind = ? AND name = ?", [kind, name])
            if grade is not None:
                self._x(
                    cur,
                    "INSERT INTO source_grades (kind, name, grade) VALUES (?, ?, ?)",
                    [kind, name, grade],
                )

    def count_documents(self) -> int:
        return self.stats()["documents"]

    def latest_documents(self, n: int) -> list[Document]:
        found = self._rows(f"SELECT {_DOC} FROM documents d ORDER BY d.seq DESC LIMIT ?", [n])
        return [rows.document_from(r) for r in found]

    def search(self, query: str, limit: int = 20, snippets: bool = True) -> list[SearchHit]:
        parsed = parse_query(check_query(query))
        if not parsed or limit <= 0:
            return []
        hits = self._search(parsed, limit, snippets)
        if not hits and not parsed.operators and len(parsed.groups) > 1:
            # no article has every word: rank those with some
            hits = self._search(any_of(parsed), limit, snippets)
        return hits

    def snippets(self, query: str, doc_ids: Sequence[str]) -> dict[str, str]:
        """Snippets cut by the query a document matches: every word, else (as search falls
        back to) any of them. A few documents' snippets, not every hit's: cutting them was
        most of a search's time on PostgreSQL."""
        parsed = parse_query(check_query(query))
        ids = list(dict.fromkeys(doc_ids))
        if not parsed or not ids:
            return {}
        out = self._snippets(parsed, ids)
        rest = [d for d in ids if d not in out]
        if rest and not parsed.operators and len(parsed.groups) > 1:
            out.update(self._snippets(any_of(parsed), rest))
        return out

    @abstractmethod
    def _snippets(self, query: Query, doc_ids: list[str]) -> dict[str, str]:
        """Snippets of those of these documents the query matches."""

    # -- knowledge: writes -------------------------------------------------------------
    def replace_extraction(self, extraction: Extraction) -> None:
        with self._write(f"replace the extraction of {extraction.doc}") as cur:
            found = self._x(cur, "SELECT 1 FROM documents WHERE id = ?", [extraction.doc])
            if not found.fetchone():
                raise StoreError(
                    f"cannot replace the extraction of {extraction.doc}: no such document"
                )
            d = extraction.doc
            old = Extraction(
                d,
                [],
                self.mentions(doc=d),
                self.relations(doc=d),
                self.events(doc=d),
                self.quotes(doc=d),
            )
            for table in ("mentions", "relations", "events", "quotes"):
                self._x(cur, f"DELETE FROM {table} WHERE doc = ?", [extraction.doc])
            cur.executemany(  # (entity_events go with their events)
                self._sql(
                    "DELETE FROM entity_documents WHERE entity = ? "
                    "AND seq = (SELECT seq FROM documents WHERE id = ?)"
                ),
                [(e, d) for e in sorted({m.entity for m in old.mentions})],
            )
            self._tally(cur, {k: -n for k, n in _sizes([old]).items()})
            self._write_extraction(cur, extraction)
            self._count(cur, counts.delta([extraction], [old]))
            self._resummarize(
                cur, {fact_summary.key_of(r) for r in (*old.relations, *extraction.relations)}
            )

    def _write_extraction(self, cur: Any, x: Extraction, entities: bool = True) -> None:
        self._write_extractions(cur, [x], entities)

    def _write_extractions(self, cur: Any, xs: list[Extraction], entities: bool = True) -> None:
        """Write the rows of several extractions, each table in one bulk insert."""
        if entities:
            self._tally(
                cur, {"entities": self._upsert_entities(cur, [e for x in xs for e in x.entities])}
            )
        self._tally(cur, _sizes(xs))
        self._bulk(
            cur,
            "mentions",
            rows.MENTION_COLUMNS,
            [rows.mention_row(m) for x in xs for m in x.mentions],
        )
        self._bulk(
            cur,
            "relations",
            rows.RELATION_COLUMNS,
            [rows.relation_row(r) for x in xs for r in x.relations],
        )
        seq = self._seqs(cur, [x.doc for x in xs])
        self._bulk(
            cur,
            "entity_documents",
            ("entity", "n", "seq"),
            [
                (entity, n, seq[x.doc])
                for x in xs
                for entity, n in sorted(Counter(m.entity for m in x.mentions).items())
            ],
        )
        events = [ev for x in xs for ev in x.events]
        published, copies = self._timeline_dates(cur, [ev.evidence.doc for ev in events])
        links: list[tuple[Any, ...]] = []
        event_ids = self._insert_ids(
            cur, _insert("events", rows.EVENT_COLUMNS), [rows.event_row(ev) for ev in events]
        )
        ordered: list[tuple[Any, ...]] = []
        for ev, event_id in zip(events, event_ids):
            links += [(event_id, a, "actor") for a in ev.actors]
            links += [(event_id, t, "target") for t in ev.targets]
            links += [(event_id, ev.place, "place")] if ev.place else []
            doc = ev.evidence.doc
            day = None if doc in copies else (ev.date or published.get(doc))
            key = (
                ev.date or "~",
                seq[ev.evidence.doc],
                ev.evidence.start,
                event_id,
                day,
                rows.event_shape(ev),
            )
            ordered += [(e, *key) for e in dict.fromkeys((*ev.actors, *ev.targets, ev.place)) if e]
        self._bulk(cur, "event_entities", ("event", "entity", "role"), links)
        self._bulk(
            cur,
            "entity_events",
            ("entity", "date_key", "seq", "start", "event", "day", "shape"),
            ordered,
        )
        quotes = [q for x in xs for q in x.quotes]
        quote_ids = self._insert_ids(
            cur, _insert("quotes", rows.QUOTE_COLUMNS), [rows.quote_row(q) for q in quotes]
        )
        self._write_stances(
            cur,
            list(zip(events, event_ids)),
            list(zip(quotes, quote_ids)),
            seq,
            {x.doc: x.mentions for x in xs},
        )
        self._bulk(
            cur,
            "quote_about",
            ("quote", "entity"),
            [(i, e) for q, i in zip(quotes, quote_ids) for e in dict.fromkeys(q.about)],
        )

    def _seqs(self, cur: Any, doc_ids: list[str]) -> dict[str, int]:
        """Ingest order (seq) of stored documents, read inside the write."""
        out: dict[str, int] = {}
        for part in _chunks(list(dict.fromkeys(doc_ids))):
            found = self._x(
                cur, f"SELECT id, seq FROM documents WHERE id IN ({_marks(part)})", part
            )
            out.update((str(i), int(q)) for i, q in found.fetchall())
        return out

    def _write_stances(
        self,
        cur: Any,
        events: list[tuple[Event, Any]],
        quotes: list[tuple[Quote, Any]],
        seqs: dict[str, int],
        mentions: dict[str, list[Mention]],
    ) -> None:
        """Keep the REJECT events and quotes basing may read, with their shapes (stances.py,
        migrations 7 and 8); ``mentions``: each written document's."""
        events = [(ev, i) for ev, i in events if ev.type == "REJECT"]
        quotes = [(q, i) for q, i in quotes if q.speaker is not None]
        wanted = list(
            dict.fromkeys([e.evidence.doc for e, _ in events] + [q.evidence.doc for q, _ in quotes])
        )
        texts: dict[str, str] = {}
        for part in _chunks(wanted):
            found = self._x(
                cur, f"SELECT id, text FROM documents WHERE id IN ({_marks(part)})", part
            )
            texts.update((str(i), str(t)) for i, t in found.fetchall())
        ev_rows, q_rows = stances.rows_for(texts, seqs, mentions, events, quotes)
        self._bulk(cur, "stance_events", stances.EVENT_COLUMNS, ev_rows)
        self._bulk(cur, "stance_quotes", stances.QUOTE_COLUMNS, q_rows)

    def _timeline_dates(self, cur: Any, doc_ids: list[str]) -> tuple[dict[str, str], set[str]]:
        """(publication dates, near-duplicates) of stored documents: an undated event's
        timeline day is its report's; a near-duplicate's events stay off the timeline."""
        published: dict[str, str] = {}
        copies: set[str] = set()
        for part in _chunks(list(dict.fromkeys(doc_ids))):
            found = self._x(
                cur,
                f"SELECT id, published, duplicate_of FROM documents WHERE id IN ({_marks(part)})",
                part,
            )
            for i, p, dup in found.fetchall():
                if p:
                    published[str(i)] = str(p)
                if dup:
                    copies.add(str(i))
        return published, copies

    def _bulk(
        self, cur: Any, table: str, cols: Sequence[str], values: list[tuple[Any, ...]]
    ) -> None:
        """Insert many rows in order (PostgreSQL streams them with COPY)."""
        if values:
            cur.executemany(self._sql(_insert(table, cols)), values)

    def _insert_ids(self, cur: Any, insert: str, values: list[tuple[Any, ...]]) -> list[int]:
        """Insert rows, returning their new ids in order (a backend may batch this)."""
        return [self._x(cur, insert + " RETURNING id", v).fetchone()[0] for v in values]

    def _upsert_entities(self, cur: Any, entities: list[Entity]) -> int:
        """Insert new entities; merge into stored ones: the first name and type stay,
        aliases and data are merged (a different new name becomes an alias).

        Safe with several writers at once: rows are inserted with ON CONFLICT DO NOTHING
        (an entity another writer is adding is waited for, then merged into) and stored rows
        are locked before they are merged, always in id order so two writers never wait on
        each other in a circle.
        """
        if not entities:
            return 0
        incoming: dict[str, Entity] = {}
        for e in entities:
            incoming[e.id] = _merge(incoming.get(e.id), e)
        ids = sorted(incoming)
        inserted: set[str] = set()
        for chunk in range(0, len(ids), _CHUNK):
            part = ids[chunk : chunk + _CHUNK]
            values = ", ".join(["(" + ", ".join("?" * len(rows.ENTITY_COLUMNS)) + ")"] * len(part))
            found = self._x(
                cur,
                f"INSERT INTO entities ({', '.join(rows.ENTITY_COLUMNS)}) "
                f"VALUES {values} ON CONFLICT (id) DO NOTHING RETURNING id",
                [v for i in part for v in rows.entity_row(incoming[i])],
            ).fetchall()
            inserted.update(r[0] for r in found)
        existing = [i for i in ids if i not in inserted]
        stored: dict[str, Entity] = {}
        for chunk in range(0, len(existing), _CHUNK):
            part = existing[chunk : chunk + _CHUNK]
            found = self._x(
                cur,
                f"SELECT {_ENT} FROM entities e WHERE e.id IN "
                f"({', '.join('?' * len(part))}) ORDER BY e.id{self.lock_rows}",
                part,
            ).fetchall()
            stored.update((r[0], rows.entity_from(r)) for r in found)
        merged = {i: _merge(stored[i], incoming[i]) for i in existing if i in stored}
        old = [
            e
            for i, e in merged.items()
            if (e.aliases, e.data) != (stored[i].aliases, stored[i].data)
        ]
        if old:
            cur.executemany(
                self._sql("UPDATE entities SET aliases = ?, data = ? WHERE id = ?"),
                [rows.entity_row(e)[3:] + (e.id,) for e in old],
            )
            cur.executemany(
                self._sql("DELETE FROM entity_names WHERE entity = ?"), [(e.id,) for e in old]
            )
        named = [incoming[i] for i in ids if i in inserted] + old
        if named:
            cur.executemany(
                self._sql("INSERT INTO entity_names (entity, name) VALUES (?, ?)"),
                [
                    (e.id, n)
                    for e in named
                    for n in sorted({fold(n) for n in (e.name, *e.aliases)} - {""})
                ],
            )
        return len(inserted)

    # -- knowledge: reads --------------------------------------------------------------
    def get_entity(self, entity_id: str) -> Entity | None:
        found = self._rows(f"SELECT {_ENT} FROM entities e WHERE e.id = ?", [entity_id])
        return rows.entity_from(found[0]) if found else None

    def find_entities(self, name: str, limit: int = 20) -> list[Entity]:
        key = fold(check_query(name, terms=False))
        if not key:
            return []
        found = self._rows(
            f"SELECT {_ENT}, m.rank, "
            "coalesce((SELECT c.n FROM entity_counts c WHERE c.entity = e.id "
            "          AND c.kind = 'mentions' AND c.key = ''), 0) AS hits "
            "FROM entities e JOIN ("
            "  SELECT n.entity, min(CASE WHEN n.name = ? THEN 0 WHEN n.name LIKE ? ESCAPE '\\' "
            "                       THEN 1 ELSE 2 END) AS rank"
            "  FROM entity_names n WHERE n.name LIKE ? ESCAPE '\\' GROUP BY n.entity"
            ") m ON m.entity = e.id ORDER BY m.rank, hits DESC, e.name, e.id LIMIT ?",
            [key, like_pattern(key) + "%", "%" + like_pattern(key) + "%", limit],
        )
        return [rows.entity_from(r) for r in found]

    def people_by_initial(self, initial: str) -> list[tuple[str, str]]:
        lo = fold(initial)[:1]
        if not lo:
            return []
        # the name range walks entity_names' primary key; "|| ''" keeps the planner from
        # starting at every Person through the type index instead (4x slower at 20k people)
        found = self._rows(
            "SELECT n.entity, n.name FROM entity_names n "
            "JOIN entities e ON e.id = n.entity "
            "WHERE n.name >= ? AND n.name < ? AND e.type || '' = 'Person' "
            "ORDER BY n.entity, n.name",
            [lo, chr(ord(lo) + 1)],
        )
        return [(str(r[0]), str(r[1])) for r in found]

    def entities(
        self,
        type: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[tuple[Entity, int]]:
        where, params = _filters({"e.type": type})
        page, more = self._page(limit, offset)
        if doc:
            found = self._rows(
                f"SELECT {_ENT}, count(m.id) AS hits FROM entities e "
                f"JOIN mentions m ON m.entity = e.id AND m.doc = ?{where} "
                f"GROUP BY e.id ORDER BY hits DESC, e.name, e.id{page}",
                [doc] + params + more,
            )
        else:  # the counts ingest keeps: no count over every mention
            found = self._rows(
                f"SELECT {_ENT}, coalesce(c.n, 0) AS hits FROM entities e "
                "LEFT JOIN entity_counts c ON c.entity = e.id "
                f"AND c.kind = 'mentions' AND c.key = ''{where} "
                f"ORDER BY hits DESC, e.name, e.id{page}",
                params + more,
            )
        return [(rows.entity_from(r), int(r[5])) for r in found]

    def entity_counts(self, entity_ids: Iterable[str]) -> dict[str, dict[str, dict[str, int]]]:
        ids = list(dict.fromkeys(entity_ids))
        out: dict[str, dict[str, dict[str, int]]] = {i: {} for i in ids}
        for part in _chunks(ids):
            for entity, kind, key, n in self._rows(
                f"SELECT entity, kind, key, n FROM entity_counts WHERE entity IN ({_marks(part)})",
                part,
            ):
                out[entity].setdefault(kind, {})[key] = int(n)
        return out

    def mention_documents(
        self, entity: str, limit: int | None = None, offset: int = 0
    ) -> list[tuple[str, int]]:
        page, more = self._page(limit, offset)
        found = self._rows(  # entity_documents (migration 6): the page is an index range
            "SELECT d.id, x.n FROM entity_documents x JOIN documents d ON d.seq = x.seq "
            f"WHERE x.entity = ? ORDER BY x.n DESC, x.seq{page}",
            [entity] + more,
        )
        return [(r[0], int(r[1])) for r in found]

    def documents_by_id(self, doc_ids: Iterable[str], text: bool = True) -> dict[str, Document]:
        ids = list(dict.fromkeys(doc_ids))
        cols = (
            _DOC
            if text
            else _DOC.replace("d.text", "''").replace("d.minhash", "NULL") + ", length(d.text)"
        )
        out: dict[str, Document] = {}
        for part in _chunks(ids):
            for r in self._rows(
                f"SELECT {cols} FROM documents d WHERE d.id IN ({_marks(part)})", part
            ):
                doc = rows.document_from(r)
                if not text:
                    doc.meta["chars"] = int(r[len(rows.DOCUMENT_COLUMNS)])
                out[doc.id] = doc
        return out

    def spans(self, spans: Iterable[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        wanted = list(dict.fromkeys(spans))
        out: dict[tuple[str, int, int], str] = {}
        for part in _chunks(wanted, 300):
            found = self._rows(
                "SELECT w.doc, w.a, w.b, substr(d.text, w.a + 1, w.b - w.a) "
                f"FROM ({_span_values(len(part))}) w "
                "JOIN documents d ON d.id = w.doc",
                [v for sp in part for v in (sp[0], int(sp[1]), int(sp[2]))],
            )
            out.update(((r[0], int(r[1]), int(r[2])), r[3]) for r in found)
        return out

    def entities_by_id(self, entity_ids: Iterable[str]) -> dict[str, Entity]:
        ids = [i for i in dict.fromkeys(entity_ids) if i]
        out: dict[str, Entity] = {}
        for part in _chunks(ids):
            for r in self._rows(
                f"SELECT {_ENT} FROM entities e WHERE e.id IN ({_marks(part)})", part
            ):
                out[r[0]] = rows.entity_from(r)
        return out

    def span_entities(
        self, spans: Iterable[tuple[str, int, int]]
    ) -> dict[tuple[str, int, int], set[str]]:
        wanted = list(dict.fromkeys((s[0], int(s[1]), int(s[2])) for s in spans))
        out: dict[tuple[str, int, int], set[str]] = {s: set() for s in wanted}
        for part in _chunks(wanted, 300):
            found = self._rows(
                f"SELECT w.doc, w.a, w.b, m.entity FROM ({_span_values(len(part))}) w "
                "JOIN mentions m ON m.doc = w.doc AND m.span_start >= w.a AND m.span_start < w.b",
                [v for sp in part for v in sp],
            )
            for doc, a, b, entity in found:
                out[(doc, int(a), int(b))].add(entity)
        return out

    def mentions_in(self, doc_ids: Iterable[str]) -> dict[str, list[Mention]]:
        ids = list(dict.fromkeys(doc_ids))
        out: dict[str, list[Mention]] = {i: [] for i in ids}
        for part in _chunks(ids):
            for r in self._knowledge(
                "mentions", rows.MENTION_COLUMNS, f" WHERE k.doc IN ({_marks(part)})", part
            ):
                m = rows.mention_from(r)
                out[m.doc].append(m)
        return out

    def knowledge_counts(self, doc_ids: Iterable[str]) -> dict[str, dict[str, dict[str, int]]]:
        ids = list(dict.fromkeys(doc_ids))
        out: dict[str, dict[str, dict[str, int]]] = {
            i: {"events": {}, "predicates": {}} for i in ids
        }
        for part in _chunks(ids):
            for kind, table, col in (
                ("events", "events", "type"),
                ("predicates", "relations", "predicate"),
            ):
                for doc, key, n in self._rows(
                    f"SELECT doc, {col}, count(*) FROM {table} WHERE doc IN "
                    f"({_marks(part)}) GROUP BY doc, {col}",
                    part,
                ):
                    out[doc][kind][key] = int(n)
        return out

    def mentions(self, entity: str | None = None, doc: str | None = None) -> list[Mention]:
        where, params = _filters({"k.entity": entity, "k.doc": doc})
        return [
            rows.mention_from(r)
            for r in self._knowledge("mentions", rows.MENTION_COLUMNS, where, params)
        ]

    def relations(
        self, entity: str | None = None, predicate: str | None = None, doc: str | None = None
    ) -> list[Relation]:
        where, params = _filters({"k.predicate": predicate, "k.doc": doc})
        if entity:
            where += (
                " AND" if where else " WHERE"
            ) + " (k.subject = ? OR k.object = ? OR k.attributed_to = ?)"
            params += [entity] * 3
        return [
            rows.relation_from(r)
            for r in self._knowledge("relations", rows.RELATION_COLUMNS, where, params)
        ]

    def events(
        self,
        entity: str | None = None,
        type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        if entity and not (type or date_from or date_to or doc):
            page, more = self._page(limit, offset)
            found = self._rows(  # entity_events (migration 6): a page is an index range
                f"SELECT {rows.columns(rows.EVENT_COLUMNS, 'k')} FROM entity_events x "
                "JOIN events k ON k.id = x.event WHERE x.entity = ? "
                f"ORDER BY x.date_key, x.seq, x.start, x.event{page}",
                [entity, *more],
            )
            return [rows.event_from(r) for r in found]
        where, params = _filters({"k.type": type, "k.doc": doc})
        clauses = [where[len(" WHERE ") :]] if where else []
        if entity:
            clauses.append("k.id IN (SELECT x.event FROM event_entities x WHERE x.entity = ?)")
            params.append(entity)
        if date_from:  # the event's period ends on or after date_from
            clauses.append("k.date || '~' >= ?")
            params.append(date_from)
        if date_to:  # ... and starts on or before date_to
            clauses.append("k.date <= ?")
            params.append(iso_upper(date_to))
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        page, more = self._page(limit, offset)
        found = self._knowledge(
            "events",
            rows.EVENT_COLUMNS,
            where,
            params + more,
            order="k.date IS NULL, k.date, d.seq, k.span_start, k.id" + page,
        )
        return [rows.event_from(r) for r in found]

    def quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Quote]:
        where, params = _filters({"k.speaker": speaker, "k.doc": doc})
        if about:
            where += (
                " AND" if where else " WHERE"
            ) + " k.id IN (SELECT x.quote FROM quote_about x WHERE x.entity = ?)"
            params.append(about)
        page, more = self._page(limit, offset)
        return [
            rows.quote_from(r)
            for r in self._knowledge(
                "quotes",
                rows.QUOTE_COLUMNS,
                where,
                params + more,
                order="d.seq, k.span_start, k.id" + page,
            )
        ]

    def _knowledge(
        self,
        table: str,
        cols: Sequence[str],
        where: str,
        params: list[Any],
        order: str = "d.seq, k.span_start, k.id",
    ) -> list[tuple[Any, ...]]:
        """Rows of a knowledge table in reading order (document ingest order, then offset)."""
        return self._rows(
            f"SELECT {rows.columns(cols, 'k')} FROM {table} k "
            f"JOIN documents d ON d.id = k.doc{where} ORDER BY {order}",
            params,
        )

    def stats(self) -> dict[str, int]:
        """The counts every write keeps in store_counts (migration 6): no count over
        millions of rows per page."""
        found = dict(self._rows("SELECT name, n FROM store_counts"))
        return {k: int(found.get(k, 0)) for k in STAT_NAMES}


STAT_NAMES = ("documents", "articles", "entities", "mentions", "relations", "events", "quotes")


def _sizes(xs: list[Extraction]) -> dict[str, int]:
    return {
        "mentions": sum(len(x.mentions) for x in xs),
        "relations": sum(len(x.relations) for x in xs),
        "events": sum(len(x.events) for x in xs),
        "quotes": sum(len(x.quotes) for x in xs),
    }


def _merge(old: Entity | None, new: Entity) -> Entity:
    if old is None:
        aliases = tuple(a for a in dict.fromkeys(new.aliases) if a != new.name)
        return Entity(new.id, new.type, new.name, aliases, dict(new.data or {}))
    names = dict.fromkeys((*old.aliases, new.name, *new.aliases))
    return Entity(
        old.id,
        old.type,
        old.name,
        tuple(a for a in names if a != old.name),
        {**old.data, **(new.data or {})},
    )


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _span_values(n: int) -> str:
    """n rows of (doc, a, b) parameters, as a table to join on."""
    return " UNION ALL ".join(
        [("SELECT CAST(? AS TEXT) AS doc, CAST(? AS INTEGER) AS a, CAST(? AS INTEGER) AS b")] * n
    )


def _marks(part: list[Any]) -> str:
    return ", ".join("?" * len(part))


def _insert(table: str, cols: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _filters(equal: dict[str, Any]) -> tuple[str, list[Any]]:
    """' WHERE a = ? AND b = ?' for the given (non-None) values."""
    used = {k: v for k, v in equal.items() if v is not None}
    if not used:
        return "", []
    return " WHERE " + " AND ".join(f"{k} = ?" for k in used), list(used.values())


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
