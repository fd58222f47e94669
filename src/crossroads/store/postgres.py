"""The server store: PostgreSQL through psycopg 3, with a tsvector column and a GIN index.

Tables live in the connection's current schema, so one database can hold several stores:
pick one with the URL, e.g. postgresql://host/db?options=-csearch_path%3Dmystore
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from crossroads.exc import StoreError
from crossroads.model import SearchHit
from crossroads.store import migrations, rows
from crossroads.store.query import Query, to_tsquery_sql
from crossroads.store.sql import SQLStore, redact

_DOC = rows.columns(rows.DOCUMENT_COLUMNS, "d")
_CONFIG = "crossroads"  # text search configuration made by the first migration
_HEADLINE = 'StartSel="[", StopSel="]", MaxWords=32, MinWords=12, MaxFragments=1'
_CONNECT_TIMEOUT_S = 10


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database (the schema the connection's search_path names)."""

    db_errors = (psycopg.Error,)
    no_limit = "LIMIT ALL"
    # not FOR UPDATE: that would also block other writers' foreign-key checks on the row
    lock_rows = " FOR NO KEY UPDATE"

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=_CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to PostgreSQL at {redact(url)}: {_reason(exc)}"
            ) from exc
        try:
            migrations.ensure(self.conn, "postgres")
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(
                f"cannot set up the crossroads schema in {redact(url)}: {_reason(exc)}"
            ) from exc
        except StoreError:
            self.conn.close()
            raise

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def alive(self) -> bool:
        """One round trip: a connection the server dropped (a restart) only says so when
        used, and a request should not be the one to find out."""
        with self._lock:
            if self.conn.closed or self.conn.broken:
                return False
            try:
                self.conn.execute("SELECT 1")
            except psycopg.Error:
                return False
            return True

    def _retryable(self, exc: BaseException | None) -> bool:
        return isinstance(
            exc, (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)
        )

    def _insert_ids(
        self, cur: psycopg.Cursor[Any], insert: str, values: list[tuple[Any, ...]]
    ) -> list[int]:
        """One pipelined round of inserts instead of a round trip per row."""
        if not values:
            return []
        cur.executemany(self._sql(insert + " RETURNING id"), values, returning=True)
        ids = []
        while True:
            row = cur.fetchone()
            assert row is not None  # RETURNING gives one row per insert
            ids.append(int(row[0]))
            if not cur.nextset():
                break
        return ids

    def _bulk(
        self, cur: psycopg.Cursor[Any], table: str, cols: Sequence[str], values: list[Any]
    ) -> None:
        """COPY: one stream for a batch's rows instead of a statement per row (measured on
        bench_store's build: see the README)."""
        if not values:
            return
        with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)

    def _floor(
        self, tsquery: str, params: list[Any], newest: int | None = None, first: bool = True
    ) -> int:
        """The seq of the ``ranked``-th newest match (0 when there are fewer): what a search
        ranks (crossroads.store.sql.RANKED). Looked for first among the newest 4x ``ranked``
        documents (a word in most articles is found there, each row checked once), else
        among every match the text index finds (``first`` False: that alone, the search
        having looked among the newest)."""
        if newest is None:
            newest = int(self._rows("SELECT coalesce(max(seq), 0) FROM documents")[0][0])
        tries = ((newest - 4 * self.ranked, "d.seq"), (0, "d.seq + 0"))
        for low, seq in tries if first else tries[1:]:
            # "seq + 0": the matches come from the text index and are sorted, rather than
            # walking the seq index testing every row (slow when the word is rare)
            found = self._rows(
                f"WITH q AS (SELECT {tsquery} AS q) SELECT d.seq FROM documents d, q "
                f"WHERE d.search @@ q.q AND {seq} > ? ORDER BY d.seq + 0 DESC OFFSET ? LIMIT 1",
                [*params, low, self.ranked - 1],
            )
            if found:
                return int(found[0][0])
            if low <= 0:
                break
        return 0

    def _sql(self, query: str) -> str:
        return query.replace("?", "%s")

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor]:
        with self.conn.transaction(), self.conn.cursor() as cur:
            yield cur

    def _search(self, query: Query, limit: int, snippets: bool = True) -> list[SearchHit]:
        tsquery, params = to_tsquery_sql(query, _CONFIG)
        headline = f"ts_headline('{_CONFIG}', d.text, q.q, '{_HEADLINE}')" if snippets else "''"
        # the newest ``ranked`` matches among the newest 4x ``ranked`` documents, ranked in
        # the same walk down the seq index (a common word: one pass, no floor looked for)
        newest = int(self._rows("SELECT coalesce(max(seq), 0) FROM documents")[0][0])
        found = self._rows(
            f"WITH q AS (SELECT {tsquery} AS q), "
            "newest AS (SELECT d.seq FROM documents d, q "
            "           WHERE d.search @@ q.q AND d.seq > ? ORDER BY d.seq DESC LIMIT ?), "
            # ranked after the cut: ts_rank of every match among the newest was a third
            "ranked AS (SELECT n.seq, ts_rank(d.search, q.q) AS score "
            "           FROM newest n JOIN documents d ON d.seq = n.seq, q), "
            "top AS (SELECT seq, score, count(*) OVER () AS n FROM ranked "
            "        ORDER BY score DESC, seq LIMIT ?) "
            f"SELECT {_DOC}, {headline}, top.score, "
            "top.n FROM top JOIN documents d ON d.seq = top.seq, q "
            "ORDER BY top.score DESC, top.seq",
            [*params, newest - 4 * self.ranked, self.ranked, limit],
        )
        if not found or int(found[0][-1]) < self.ranked:  # fewer: every match is ranked
            found = self._rows(
                f"WITH q AS (SELECT {tsquery} AS q), "
                # ranked by seq and score alone; the hits' rows and headlines read after
                "top AS (SELECT d.seq, ts_rank(d.search, q.q) AS score FROM documents d, q "
                "          WHERE d.search @@ q.q AND d.seq >= ? "
                "          ORDER BY score DESC, d.seq LIMIT ?) "
                f"SELECT {_DOC}, {headline}, "
                "top.score, 0 FROM top JOIN documents d ON d.seq = top.seq, q "
                "ORDER BY top.score DESC, top.seq",
                [*params, self._floor(tsquery, params, newest, first=False), limit],
            )
        n = len(rows.DOCUMENT_COLUMNS)
        return [SearchHit(rows.document_from(r), r[n], float(r[n + 1])) for r in found]

    def _snippets(self, query: Query, doc_ids: list[str]) -> dict[str, str]:
        tsquery, params = to_tsquery_sql(query, _CONFIG)
        found = self._rows(
            f"WITH q AS (SELECT {tsquery} AS q) "
            f"SELECT d.id, ts_headline('{_CONFIG}', d.text, q.q, '{_HEADLINE}') "
            f"FROM documents d, q WHERE d.id IN ({', '.join('?' * len(doc_ids))}) "
            "AND d.search @@ q.q",
            [*params, *doc_ids],
        )
        return {str(i): str(s) for i, s in found}


def _reason(exc: BaseException) -> str:
    """psycopg's message, without the libpq noise around it, on one line."""
    text = " ".join(str(exc).split())
    return re.sub(r"^connection failed: ", "", text) or type(exc).__name__
