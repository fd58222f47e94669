"""open_store(): which backend a path or URL picks, and one-line errors for unusable ones."""

from __future__ import annotations

import socket
import sqlite3
import threading

import pytest

from crossroads.exc import StoreError
from crossroads.model import Document
from crossroads.store import open_store
from crossroads.store.postgres import PostgresStore
from crossroads.store.sqlite import SQLiteStore


def test_open_store_picks_sqlite_for_paths_and_urls(tmp_path):
    path = tmp_path / "a.db"
    with open_store(str(path)) as s:
        assert isinstance(s, SQLiteStore) and s.url == f"sqlite:///{path}"
        s.add_documents([Document(id="d:one0000001", source="x", text="Kept.")])
    with open_store(f"sqlite:///{path}") as s:
        assert s.count_documents() == 1
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_open_store_memory_database(tmp_path):
    for target in (":memory:", "sqlite:///:memory:", "sqlite://"):
        with open_store(target) as s:
            s.add_documents([Document(id="d:mem0000001", source="x", text="Only here.")])
            assert s.search("here")[0].document.id == "d:mem0000001"


def test_open_store_picks_postgres_for_postgres_urls(pg_schema_url):
    with open_store(pg_schema_url) as s:
        assert isinstance(s, PostgresStore)
    with open_store(pg_schema_url.replace("postgresql://", "postgres://", 1)) as s:
        assert isinstance(s, PostgresStore)


@pytest.mark.parametrize(
    "target, message",
    [
        ("mysql://root@localhost/db", "unsupported database URL mysql://"),
        ("", "no database given"),
    ],
)
def test_open_store_rejects_unknown_urls(target, message):
    with pytest.raises(StoreError, match=message):
        open_store(target)


def test_open_store_explains_unusable_files(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "x.db"))
    with pytest.raises(StoreError, match="it is a folder"):
        open_store(str(tmp_path))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="junk.db") as err:
        open_store(str(junk))
    assert "\n" not in str(err.value)


def test_open_store_explains_unreachable_server():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError, match=f"cannot connect to PostgreSQL at .*:{port}") as err:
        open_store(f"postgresql://someone:secret@127.0.0.1:{port}/db")
    assert "secret" not in str(err.value) and "\n" not in str(err.value)


def test_open_store_sqlite_store_is_usable_from_threads(tmp_path):
    with open_store(str(tmp_path / "t.db")) as s:

        def write(n: int) -> None:
            s.add_documents([Document(id=f"d:thread{n:04d}", source="t", text=f"Thread {n}.")])

        threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert s.count_documents() == 8
