"""What lets an ingest start without loading the store: near-duplicate candidates found by
index among many signatures, and unchanged files skipped by the hash of their bytes."""

from __future__ import annotations

import random
import sqlite3

import numpy as np
import pytest

from crossroads.ingest import dedup
from crossroads.ingest.pipeline import Ingest
from crossroads.model import Document, Extraction
from crossroads.store import migrations, open_store, rows

WORDS = [
    "river",
    "valley",
    "border",
    "road",
    "council",
    "market",
    "envoy",
    "treaty",
    "water",
    "grain",
    "bridge",
    "pass",
    "winter",
    "convoy",
    "station",
    "ministry",
    "harvest",
    "cotton",
    "railway",
    "pipeline",
    "customs",
    "herder",
    "village",
    "district",
    "summit",
    "garrison",
    "reservoir",
    "canal",
]


def _article(seed: int, n: int = 220) -> str:
    rng = random.Random(seed)
    sentences = []
    for _ in range(n // 11):
        words = [rng.choice(WORDS) for _ in range(11)]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def _noise(store, n: int) -> None:
    """n stored articles with random signatures, none near anything real."""
    rng = np.random.default_rng(7)
    for start in range(0, n, 1000):
        docs = [
            Document(
                f"d:noise{i:08d}",
                "noise.txt",
                f"noise {i}",
                content_hash=f"h{i}",
                meta={"minhash": rng.integers(0, 2**32, 128, dtype=np.uint64).tobytes()},
            )
            for i in range(start, min(n, start + 1000))
        ]
        store.add_documents(docs)


def _doc(doc_id: str, text: str) -> Document:
    return Document(
        doc_id,
        f"{doc_id}.txt",
        text,
        content_hash=dedup.content_hash(text),
        meta={"minhash": dedup.minhash_signature(text)},
    )


def test_near_duplicate_candidates_come_from_the_index(store):
    _noise(store, 3000)
    text = _article(1)
    store.add_documents([_doc("d:original", text)])
    edited = text.rsplit(".", 3)[0] + ". The council met again on Monday."
    sig = dedup.minhash_signature(edited)
    found = store.near_duplicate_candidates(sig)
    assert [doc_id for doc_id, _ in found] == ["d:original"]
    assert dedup.similarity(found[0][1], sig) >= 0.8
    assert store.near_duplicate_candidates(dedup.minhash_signature(_article(2))) == []


def test_ingest_finds_near_duplicate_among_many_without_loading_signatures(tmp_path, monkeypatch):
    db = str(tmp_path / "x.db")
    text = _article(3)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        text.rsplit(".", 3)[0] + ". A convoy left on Friday.", encoding="utf-8"
    )
    with open_store(db) as store:
        _noise(store, 5000)
        assert Ingest(store, None, max_bytes=1 << 20).run([str(tmp_path / "a.txt")]).new == 1
    with open_store(db) as store:
        monkeypatch.setattr(store, "minhashes", lambda: pytest.fail("signatures loaded whole"))
        report = Ingest(store, None, max_bytes=1 << 20).run([str(tmp_path / "b.txt")])
        assert (report.new, report.near_duplicate) == (0, 1)
        [b] = [d for d in store.documents(source="b.txt")]
        [a] = [d for d in store.documents(source="a.txt")]
        assert b.duplicate_of == a.id


def test_reingest_of_unchanged_files_reads_nothing(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"brief-{i}.txt").write_text(_article(10 + i), encoding="utf-8")
    db = str(tmp_path / "x.db")
    with open_store(db) as store:
        assert Ingest(store, None, max_bytes=1 << 20).run([str(folder)]).new == 4
    (folder / "brief-3.txt").write_text(_article(99), encoding="utf-8")  # one file changed
    from crossroads.ingest import readers

    real = readers.load_path
    read = []

    def load_path(p, m):
        read.append(p.name)
        return real(p, m)

    monkeypatch.setattr(readers, "load_path", load_path)

    extracted = []

    class Extractor:
        def extract_many(self, docs):
            for d in docs:
                extracted.append(d.source)
                yield Extraction(d.id)

    with open_store(db) as store:
        report = Ingest(store, Extractor, max_bytes=1 << 20).run([str(folder)])
        assert (report.read, report.duplicate, report.new) == (4, 3, 1)
    assert read == ["brief-3.txt"] and extracted == ["brief-3.txt"]


def test_store_made_before_bands_gets_them_on_upgrade(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn, "sqlite", upto=3)
    text = _article(5)
    marks = ", ".join("?" * len(rows.DOCUMENT_COLUMNS))
    conn.execute(
        f"INSERT INTO documents ({', '.join(rows.DOCUMENT_COLUMNS)}) VALUES ({marks})",
        rows.document_row(_doc("d:old", text)),
    )
    conn.close()
    with open_store(str(path)) as store:
        found = store.near_duplicate_candidates(dedup.minhash_signature(text + " Again."))
        assert [doc_id for doc_id, _ in found] == ["d:old"]
