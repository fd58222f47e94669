"""The default store: one SQLite file (WAL mode) with an FTS5 index over article text."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crossroads.exc import StoreError
from crossroads.model import Document, SearchHit
from crossroads.store import migrations, rows
from crossroads.store.query import Query, to_fts5
from crossroads.store.sql import SQLStore

_DOC = rows.columns(rows.DOCUMENT_COLUMNS, "d")
_TITLE_WEIGHT = 10.0  # bm25 weight of a title match against one in the text
_SNIPPET_TOKENS = 32
_SNIPPET = f"snippet(documents_fts, 1, '[', ']', '…', {_SNIPPET_TOKENS})"


class SQLiteStore(SQLStore):
    """A store in a SQLite file (or ':memory:'); safe to share between threads."""

    db_errors = (sqlite3.Error,)

    def __init__(self, path: str | os.PathLike[str] = ":memory:") -> None:
        super().__init__()
        path = str(path)
        memory = path in (":memory:", "")
        if memory:
            self.path, self.url = ":memory:", "sqlite:///:memory:"
        else:
            file = Path(path).expanduser().absolute()
            if file.is_dir():
                raise StoreError(f"cannot open SQLite database {file}: it is a folder")
            if not file.parent.is_dir():
                raise StoreError(
                    f"cannot open SQLite database {file}: folder {file.parent} does not exist"
                )
            self.path, self.url = str(file), f"sqlite:///{file}"
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30.0
            )
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not memory:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            migrations.ensure(self.conn, "sqlite")
        except sqlite3.Error as exc:
            self._close_quietly()
            raise StoreError(f"cannot open SQLite database {self.path}: {exc}") from exc
        except StoreError:
            self._close_quietly()
            raise

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()

    def _sql(self, query: str) -> str:
        return query

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def _title_changing(self, cur: sqlite3.Cursor, doc: Document, title: str | None) -> None:
        """documents_fts holds its own copy of the title: swap it (FTS5 'delete' needs the
        old values)."""
        if doc.kind != "article" or title == doc.title:
            return
        seq = cur.execute("SELECT seq FROM documents WHERE id = ?", [doc.id]).fetchone()[0]
        cur.execute(
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', ?, ?, ?)",
            [seq, doc.title or "", doc.text],
        )
        cur.execute(
            "INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)",
            [seq, title or "", doc.text],
        )

    def _search(self, query: Query, limit: int, snippets: bool = True) -> list[SearchHit]:
        match = to_fts5(query)
        # rank only the RANKED newest matches (FTS5 walks its rowids newest first cheaply),
        # then cut snippets for the page alone: scoring and snippets are what grow
        floor = self._rows(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [match, self.ranked - 1],
        )
        top = self._rows(
            f"SELECT rowid, -bm25(documents_fts, {_TITLE_WEIGHT}, 1.0) AS score "
            "FROM documents_fts WHERE documents_fts MATCH ? AND rowid >= ? "
            "ORDER BY score DESC, rowid LIMIT ?",
            [match, int(floor[0][0]) if floor else 0, limit],
        )
        if not top:
            return []
        score = {int(seq): float(sc) for seq, sc in top}
        marks = ", ".join("?" * len(top))
        found = (
            self._rows(
                f"SELECT {_DOC}, {_SNIPPET}, d.seq FROM documents_fts "
                "JOIN documents d ON d.seq = documents_fts.rowid "
                f"WHERE documents_fts MATCH ? AND documents_fts.rowid IN ({marks})",
                [match, *score],
            )
            if snippets
            else self._rows(
                f"SELECT {_DOC}, '', d.seq FROM documents d WHERE d.seq IN ({marks})", [*score]
            )
        )
        found.sort(key=lambda r: (-score[int(r[-1])], int(r[-1])))
        found = [(*r[:-1], score[int(r[-1])]) for r in found]
        n = len(rows.DOCUMENT_COLUMNS)
        return [SearchHit(rows.document_from(r), r[n], float(r[n + 1])) for r in found]

    def _snippets(self, query: Query, doc_ids: list[str]) -> dict[str, str]:
        seqs = self._rows(
            f"SELECT seq FROM documents WHERE id IN ({', '.join('?' * len(doc_ids))})", doc_ids
        )
        if not seqs:
            return {}
        found = self._rows(  # by rowid, as search cuts them: not every match of the query
            f"SELECT d.id, {_SNIPPET} FROM documents_fts "
            "JOIN documents d ON d.seq = documents_fts.rowid WHERE documents_fts MATCH ? "
            f"AND documents_fts.rowid IN ({', '.join('?' * len(seqs))})",
            [to_fts5(query), *(int(r[0]) for r in seqs)],
        )
        return {str(i): str(s) for i, s in found}
