"""What the SQL backends share: writes, lookups and filters in SQL both SQLite and PostgreSQL run.

Queries are written with '?' placeholders; a backend rewrites them to its own style. The
backends add connecting, transactions and full-text search, which differ between the two.
"""
from __future__ import annotations

import re
import threading
from abc import abstractmethod
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

from crossroads.exc import QueryError, StoreError
from crossroads.model import (Document, Entity, Event, Extraction, Mention, Quote, Relation,
                              SearchHit, fold)
from crossroads.store import near_duplicates, rows
from crossroads.store.base import Store
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
    f"WHERE d.id = ? AND length(d.minhash) = {near_duplicates.SIGNATURE_BYTES}")
"""The band rows of one stored article, cut by the database (as migration 5 cuts them)."""

MAX_QUERY_CHARS = 1000
"""Longest search text accepted: far above any real query, far below what occupies a server."""
MAX_QUERY_TERMS = 32
"""Most words a search may AND together (each one is a full-text phrase to intersect)."""


def check_query(query: str, terms: bool = True) -> str:
    """The query, or QueryError saying which limit it is over (never repeating the query)."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"search query too long: {len(query):,} characters "
                         f"(at most {MAX_QUERY_CHARS:,})")
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


class SQLStore(Store):
    """A Store on a DB-API connection; subclasses set ``conn`` and implement the hooks."""

    conn: Any
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
    def _search(self, query: Query, limit: int) -> list[SearchHit]: ...

    db_errors: tuple[type[BaseException], ...] = ()

    # -- plumbing ----------------------------------------------------------------------
    @contextmanager
    def _write(self, what: str) -> Iterator[Any]:
        with self._lock:
            try:
                with self._transaction() as cur:
                    yield cur
            except self.db_errors as exc:
                raise StoreError(f"could not {what} in {redact(self.url)}: "
                                 f"{_one_line(exc)}") from exc

    def _rows(self, query: str, params: Sequence = ()) -> list[tuple]:
        with self._lock:
            try:
                return list(self.conn.execute(self._sql(query), tuple(params)).fetchall())
            except self.db_errors as exc:
                raise StoreError(f"could not read {redact(self.url)}: {_one_line(exc)}") from exc

    def _x(self, cur: Any, query: str, params: Sequence = ()) -> Any:
        return cur.execute(self._sql(query), tuple(params))

    def _page(self, limit: int | None, offset: int) -> tuple[str, list]:
        if limit is None:
            return (f" {self.no_limit} OFFSET ?", [offset]) if offset else ("", [])
        return " LIMIT ? OFFSET ?", [limit, offset]

    # -- documents ---------------------------------------------------------------------
    def add_documents(self, docs: list[Document], extractions: Iterable[Extraction] = ()
                      ) -> list[str]:
        extractions = list(extractions)
        batch = {d.id for d in docs}
        for x in extractions:
            if x.doc not in batch:
                raise StoreError(f"extraction for {x.doc}, which is not among the documents "
                                 "being added; use replace_extraction() to re-read a stored one")
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
        insert = (f"INSERT INTO documents ({names}) VALUES ({marks}) "
                  "ON CONFLICT (id) DO NOTHING RETURNING id")
        with self._write(f"add {len(docs)} document(s)") as cur:
            new: list[str] = []
            for doc in docs:    # a row another writer is adding is waited for, then left alone
                if self._x(cur, insert, rows.document_row(doc)).fetchone():
                    new.append(doc.id)
            self._add_minhash_bands(cur, [d.id for d in docs if d.id in new
                                          and d.kind == "article" and d.meta.get("minhash")])
            # a document stored before keeps what was read from it
            fresh = [x for x in extractions if x.doc in new]
            self._upsert_entities(cur, [e for x in fresh for e in x.entities])
            for x in fresh:
                self._write_extraction(cur, x, entities=False)
        return new

    def _retryable(self, exc: BaseException | None) -> bool:
        """Whether a failed write may simply be tried again (a deadlock the server broke)."""
        return False

    def document_by_hash(self, content_hash: str) -> Document | None:
        found = self._rows(f"SELECT {_DOC} FROM documents d WHERE d.content_hash = ? "
                           "ORDER BY d.seq LIMIT 1", [content_hash])
        return rows.document_from(found[0]) if found else None

    def minhashes(self) -> list[tuple[str, bytes]]:
        found = self._rows("SELECT id, minhash FROM documents WHERE kind = 'article' "
                           "AND minhash IS NOT NULL ORDER BY seq")
        return [(id_, bytes(mh)) for id_, mh in found]

    def near_duplicate_candidates(self, signature: bytes) -> list[tuple[str, bytes]]:
        keys = near_duplicates.bands(signature)
        if not keys:
            return self.minhashes()
        where = " OR ".join(["(b.band = ? AND b.key = ?)"] * len(keys))
        found = self._rows("SELECT d.id, d.minhash FROM documents d WHERE d.seq IN "
                           f"(SELECT b.doc FROM minhash_bands b WHERE {where}) ORDER BY d.seq",
                           [v for key in keys for v in key])
        return [(id_, bytes(mh)) for id_, mh in found]

    def _add_minhash_bands(self, cur: Any, doc_ids: list[str]) -> None:
        """Index the signatures of newly stored articles by band (migration 5)."""
        for doc_id in doc_ids:
            self._x(cur, _BANDS_OF_ONE, [doc_id])

    def file_stored(self, file_hash: str) -> bool:
        return bool(self._rows("SELECT 1 FROM ingested_files WHERE hash = ?", [file_hash]))

    def remember_file(self, file_hash: str, doc_id: str) -> None:
        with self._write("remember an ingested file") as cur:
            self._x(cur, "INSERT INTO ingested_files (hash, doc) VALUES (?, ?) "
                         "ON CONFLICT (hash) DO NOTHING", [file_hash, doc_id])

    def get_document(self, doc_id: str) -> Document | None:
        found = self._rows(f"SELECT {_DOC} FROM documents d WHERE d.id = ?", [doc_id])
        if not found and len(doc_id) >= _MIN_PREFIX:
            for prefix in (doc_id,) if doc_id.startswith("d:") else (doc_id, "d:" + doc_id):
                found = self._rows(f"SELECT {_DOC} FROM documents d WHERE d.id LIKE ? ESCAPE '\\' "
                                   "ORDER BY d.seq LIMIT 2", [like_pattern(prefix) + "%"])
                if found:
                    break
            if len(found) != 1:     # an ambiguous prefix names no document
                return None
        return rows.document_from(found[0]) if found else None

    def documents(self, source: str | None = None, parent: str | None = None,
                  limit: int | None = None, offset: int = 0) -> list[Document]:
        where, params = _filters({"d.source": source, "d.parent": parent})
        page, more = self._page(limit, offset)
        found = self._rows(f"SELECT {_DOC} FROM documents d{where} ORDER BY d.seq{page}",
                           params + more)
        return [rows.document_from(r) for r in found]

    def correct_document(self, doc_id: str, **changes: str | None) -> Document:
        unknown = sorted(set(changes) - set(CORRECTABLE))
        if unknown:
            raise StoreError(f"cannot correct {', '.join(unknown)} of a document "
                             f"(only {', '.join(CORRECTABLE)})")
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
            k: (v.strip() or None) if isinstance(v, str) else v for k, v in changes.items()}
        with self._write(f"correct document {doc_id}") as cur:
            self._title_changing(cur, doc, values["title"])
            self._x(cur, "UPDATE documents SET title = ?, published = ?, author = ?, meta = ? "
                         "WHERE id = ?", [values["title"], values["published"], values["author"],
                                          rows.dumps(meta), doc_id])
        return self.get_document(doc_id)

    def _title_changing(self, cur: Any, doc: Document, title: str | None) -> None:
        """Hook: a backend whose full-text index does not follow the row updates it here."""

    def source_grades(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {"authors": {}, "publishers": {}}
        for kind, name, grade in self._rows("SELECT kind, name, grade FROM source_grades "
                                            "ORDER BY kind, name"):
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
                self._x(cur, "INSERT INTO source_grades (kind, name, grade) VALUES (?, ?, ?)",
                        [kind, name, grade])

    def count_documents(self) -> int:
        return self._rows("SELECT count(*) FROM documents")[0][0]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        parsed = parse_query(check_query(query))
        if not parsed or limit <= 0:
            return []
        hits = self._search(parsed, limit)
        if not hits and not parsed.operators and len(parsed.groups) > 1:
            # no article has every word: rank those with some
            hits = self._search(any_of(parsed), limit)
        return hits

    # -- knowledge: writes -------------------------------------------------------------
    def replace_extraction(self, extraction: Extraction) -> None:
        with self._write(f"replace the extraction of {extraction.doc}") as cur:
            found = self._x(cur, "SELECT 1 FROM documents WHERE id = ?", [extraction.doc])
            if not found.fetchone():
                raise StoreError(f"cannot replace the extraction of {extraction.doc}: "
                                 "no such document")
            for table in ("mentions", "relations", "events", "quotes"):
                self._x(cur, f"DELETE FROM {table} WHERE doc = ?", [extraction.doc])
            self._write_extraction(cur, extraction)

    def _write_extraction(self, cur: Any, x: Extraction, entities: bool = True) -> None:
        if entities:
            self._upsert_entities(cur, x.entities)
        if x.mentions:
            cur.executemany(self._sql(_insert("mentions", rows.MENTION_COLUMNS)),
                            [rows.mention_row(m) for m in x.mentions])
        if x.relations:
            cur.executemany(self._sql(_insert("relations", rows.RELATION_COLUMNS)),
                            [rows.relation_row(r) for r in x.relations])
        links: list[tuple] = []
        for ev in x.events:
            event_id = self._x(cur, _insert("events", rows.EVENT_COLUMNS) + " RETURNING id",
                               rows.event_row(ev)).fetchone()[0]
            links += [(event_id, a, "actor") for a in ev.actors]
            links += [(event_id, t, "target") for t in ev.targets]
            links += [(event_id, ev.place, "place")] if ev.place else []
        if links:
            cur.executemany(self._sql(_insert("event_entities", ("event", "entity", "role"))),
                            links)
        links = []
        for q in x.quotes:
            quote_id = self._x(cur, _insert("quotes", rows.QUOTE_COLUMNS) + " RETURNING id",
                               rows.quote_row(q)).fetchone()[0]
            links += [(quote_id, e) for e in dict.fromkeys(q.about)]
        if links:
            cur.executemany(self._sql(_insert("quote_about", ("quote", "entity"))), links)

    def _upsert_entities(self, cur: Any, entities: list[Entity]) -> None:
        """Insert new entities; merge into stored ones: the first name and type stay,
        aliases and data are merged (a different new name becomes an alias).

        Safe with several writers at once: rows are inserted with ON CONFLICT DO NOTHING
        (an entity another writer is adding is waited for, then merged into) and stored rows
        are locked before they are merged, always in id order so two writers never wait on
        each other in a circle.
        """
        if not entities:
            return
        incoming: dict[str, Entity] = {}
        for e in entities:
            incoming[e.id] = _merge(incoming.get(e.id), e)
        ids = sorted(incoming)
        inserted: set[str] = set()
        for chunk in range(0, len(ids), _CHUNK):
            part = ids[chunk:chunk + _CHUNK]
            values = ", ".join(["(" + ", ".join("?" * len(rows.ENTITY_COLUMNS)) + ")"] * len(part))
            found = self._x(cur, f"INSERT INTO entities ({', '.join(rows.ENTITY_COLUMNS)}) "
                                 f"VALUES {values} ON CONFLICT (id) DO NOTHING RETURNING id",
                            [v for i in part for v in rows.entity_row(incoming[i])]).fetchall()
            inserted.update(r[0] for r in found)
        existing = [i for i in ids if i not in inserted]
        stored: dict[str, Entity] = {}
        for chunk in range(0, len(existing), _CHUNK):
            part = existing[chunk:chunk + _CHUNK]
            found = self._x(cur, f"SELECT {_ENT} FROM entities e WHERE e.id IN "
                                 f"({', '.join('?' * len(part))}) ORDER BY e.id{self.lock_rows}",
                            part).fetchall()
            stored.update((r[0], rows.entity_from(r)) for r in found)
        merged = {i: _merge(stored[i], incoming[i]) for i in existing if i in stored}
        old = [e for i, e in merged.items()
               if (e.aliases, e.data) != (stored[i].aliases, stored[i].data)]
        if old:
            cur.executemany(self._sql("UPDATE entities SET aliases = ?, data = ? WHERE id = ?"),
                            [rows.entity_row(e)[3:] + (e.id,) for e in old])
            cur.executemany(self._sql("DELETE FROM entity_names WHERE entity = ?"),
                            [(e.id,) for e in old])
        named = [incoming[i] for i in ids if i in inserted] + old
        if named:
            cur.executemany(self._sql("INSERT INTO entity_names (entity, name) VALUES (?, ?)"),
                            [(e.id, n) for e in named
                             for n in sorted({fold(n) for n in (e.name, *e.aliases)} - {""})])

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
            "(SELECT count(*) FROM mentions x WHERE x.entity = e.id) AS hits "
            "FROM entities e JOIN ("
            "  SELECT n.entity, min(CASE WHEN n.name = ? THEN 0 WHEN n.name LIKE ? ESCAPE '\\' "
            "                       THEN 1 ELSE 2 END) AS rank"
            "  FROM entity_names n WHERE n.name LIKE ? ESCAPE '\\' GROUP BY n.entity"
            ") m ON m.entity = e.id ORDER BY m.rank, hits DESC, e.name, e.id LIMIT ?",
            [key, like_pattern(key) + "%", "%" + like_pattern(key) + "%", limit])
        return [rows.entity_from(r) for r in found]

    def entities(self, type: str | None = None, doc: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[tuple[Entity, int]]:
        join = "JOIN mentions m ON m.entity = e.id AND m.doc = ?" if doc else \
            "LEFT JOIN mentions m ON m.entity = e.id"
        where, params = _filters({"e.type": type})
        page, more = self._page(limit, offset)
        found = self._rows(f"SELECT {_ENT}, count(m.id) AS hits FROM entities e {join}{where} "
                           f"GROUP BY e.id ORDER BY hits DESC, e.name, e.id{page}",
                           ([doc] if doc else []) + params + more)
        return [(rows.entity_from(r), r[5]) for r in found]

    def mentions(self, entity: str | None = None, doc: str | None = None) -> list[Mention]:
        where, params = _filters({"k.entity": entity, "k.doc": doc})
        return [rows.mention_from(r) for r in self._knowledge("mentions", rows.MENTION_COLUMNS,
                                                              where, params)]

    def relations(self, entity: str | None = None, predicate: str | None = None,
                  doc: str | None = None) -> list[Relation]:
        where, params = _filters({"k.predicate": predicate, "k.doc": doc})
        if entity:
            where += (" AND" if where else " WHERE") + \
                " (k.subject = ? OR k.object = ? OR k.attributed_to = ?)"
            params += [entity] * 3
        return [rows.relation_from(r) for r in self._knowledge("relations", rows.RELATION_COLUMNS,
                                                               where, params)]

    def events(self, entity: str | None = None, type: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               doc: str | None = None) -> list[Event]:
        where, params = _filters({"k.type": type, "k.doc": doc})
        clauses = [where[len(" WHERE "):]] if where else []
        if entity:
            clauses.append("EXISTS (SELECT 1 FROM event_entities x WHERE x.event = k.id "
                           "AND x.entity = ?)")
            params.append(entity)
        if date_from:   # the event's period ends on or after date_from
            clauses.append("k.date || '~' >= ?")
            params.append(date_from)
        if date_to:     # ... and starts on or before date_to
            clauses.append("k.date <= ?")
            params.append(iso_upper(date_to))
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        found = self._knowledge("events", rows.EVENT_COLUMNS, where, params,
                                order="k.date IS NULL, k.date, d.seq, k.span_start, k.id")
        return [rows.event_from(r) for r in found]

    def quotes(self, speaker: str | None = None, about: str | None = None,
               doc: str | None = None) -> list[Quote]:
        where, params = _filters({"k.speaker": speaker, "k.doc": doc})
        if about:
            where += (" AND" if where else " WHERE") + \
                " EXISTS (SELECT 1 FROM quote_about x WHERE x.quote = k.id AND x.entity = ?)"
            params.append(about)
        return [rows.quote_from(r) for r in self._knowledge("quotes", rows.QUOTE_COLUMNS,
                                                            where, params)]

    def _knowledge(self, table: str, cols: Sequence[str], where: str, params: list,
                   order: str = "d.seq, k.span_start, k.id") -> list[tuple]:
        """Rows of a knowledge table in reading order (document ingest order, then offset)."""
        return self._rows(f"SELECT {rows.columns(cols, 'k')} FROM {table} k "
                          f"JOIN documents d ON d.id = k.doc{where} ORDER BY {order}", params)

    def stats(self) -> dict[str, int]:
        found = self._rows(
            "SELECT (SELECT count(*) FROM documents), "
            "(SELECT count(*) FROM documents WHERE kind = 'article'), "
            "(SELECT count(*) FROM entities), (SELECT count(*) FROM mentions), "
            "(SELECT count(*) FROM relations), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM quotes)")[0]
        keys = ("documents", "articles", "entities", "mentions", "relations", "events", "quotes")
        return dict(zip(keys, (int(n) for n in found)))


def _merge(old: Entity | None, new: Entity) -> Entity:
    if old is None:
        aliases = tuple(a for a in dict.fromkeys(new.aliases) if a != new.name)
        return Entity(new.id, new.type, new.name, aliases, dict(new.data or {}))
    names = dict.fromkeys((*old.aliases, new.name, *new.aliases))
    return Entity(old.id, old.type, old.name, tuple(a for a in names if a != old.name),
                  {**old.data, **(new.data or {})})


def _insert(table: str, cols: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _filters(equal: dict[str, Any]) -> tuple[str, list]:
    """' WHERE a = ? AND b = ?' for the given (non-None) values."""
    used = {k: v for k, v in equal.items() if v is not None}
    if not used:
        return "", []
    return " WHERE " + " AND ".join(f"{k} = ?" for k in used), list(used.values())


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
