"""Basing reads its stances (REJECT events and quotes about forces) from tables the store
keeps at write time (stance_events, stance_quotes; migration 7), not from every quote.

Run on every backend (SQLite and, with CROSSROADS_TEST_PG, PostgreSQL): the kept rows equal
a scan of every REJECT event and quote, after more batches, a re-reading and migration 7 on
an older store; basing's verdicts on the hand-made world are the same on both backends and
basing reads nothing else of them. Made-up sentences.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from analysis_world import build_store
from clones import clone_documents

from crossroads.analysis.basing import basing_options
from crossroads.model import Document, Entity, Event, Evidence, Extraction, Quote
from crossroads.pack import Pack
from crossroads.store import open_store
from crossroads.store.base import Store
from crossroads.store.sql import SQLStore

HILL = Entity("e:country/hill", "Country", "Hill Republic")
POWER = Entity("e:country/far", "Country", "Far Power")
ENVOY = Entity("e:person/ana-dov", "Person", "Ana Dov")
TEXT = (
    "Hill Republic rejected foreign troops on its soil. Hill Republic rejected the tariff. "
    '"We will never allow a base here," Ana Dov said. "The harvest was good," Ana Dov said.'
)


def doc(n: int) -> Document:
    return Document(
        id=f"d:{n:06d}", source=f"{n}.txt", text=TEXT + f" Note {n}.", content_hash=f"h{n}"
    )


def reading(d: Document, flip: bool = False) -> Extraction:
    def at(words: str) -> Evidence:
        i = d.text.index(words)
        return Evidence(d.id, i, i + len(words))

    events = [
        Event("REJECT", (HILL.id,), (POWER.id,), at("Hill Republic rejected foreign troops")),
        Event("REJECT", (HILL.id,), (), at("Hill Republic rejected the tariff")),
        Event("AGREE", (HILL.id,), (), at("Hill Republic rejected foreign troops")),
    ]
    quotes = [
        Quote(ENVOY.id, "We will never allow a base here", at("We will never")),
        Quote(ENVOY.id, "The harvest was good", at("The harvest")),
        Quote(None, "We will never allow a base here", at("We will never")),
    ]
    if flip:  # a re-reading keeps only what does not speak of forces
        events, quotes = events[1:], quotes[1:2]
    return Extraction(d.id, [HILL, POWER, ENVOY], [], [], events, quotes)


def same_as_a_scan(store: Store) -> tuple[int, int]:
    kept = (store.stance_events(), store.stance_quotes())
    assert kept == (Store.stance_events(store), Store.stance_quotes(store))
    return len(kept[0]), len(kept[1])


def test_kept_stances_equal_a_scan(store):
    docs = [doc(n) for n in range(6)]
    store.add_documents(docs[:3], [reading(d) for d in docs[:3]])
    store.add_documents(docs[3:], [reading(d) for d in docs[3:]])
    assert same_as_a_scan(store) == (6, 6)  # the troops REJECT; Ana Dov's words on a base
    store.replace_extraction(reading(docs[0], flip=True))
    assert same_as_a_scan(store) == (5, 5)


def test_migration_7_keeps_what_an_older_store_holds(store_url):
    with open_store(store_url) as store:
        docs = [doc(n) for n in range(4)]
        store.add_documents(docs, [reading(d) for d in docs])
        assert isinstance(store, SQLStore)  # (both backends are)
        with store._write("back to version 6") as cur:
            for sql in (
                "DROP INDEX entity_events_day",
                "ALTER TABLE entity_events DROP COLUMN shape",  # (migration 9's)
                "DROP TABLE stance_events",
                "DROP TABLE stance_quotes",
                "DROP INDEX IF EXISTS relations_dated_subject",
                "DROP INDEX IF EXISTS relations_dated_object",
                "ALTER TABLE entity_events DROP COLUMN day",
                "DROP INDEX relations_object_predicate",  # (migration 8's)
                "DROP INDEX relations_dated_subject_shape",
                "DROP INDEX relations_dated_object_shape",
                "DELETE FROM schema_version WHERE version >= 7",
            ):
                store._x(cur, sql)
    with open_store(store_url) as store:
        assert same_as_a_scan(store) == (4, 4)
        assert store.stance_readings(2) == Store.stance_readings(store, 2)


def test_migration_8_shapes_what_version_7_kept(store_url):
    with open_store(store_url) as store:
        docs = [doc(n) for n in range(5)]
        store.add_documents(docs, [reading(d) for d in docs])
        assert isinstance(store, SQLStore)
        with store._write("back to version 7") as cur:
            for sql in (
                "DROP INDEX entity_events_day",  # (migration 9's)
                "ALTER TABLE entity_events DROP COLUMN shape",
                "CREATE INDEX entity_events_day ON entity_events(entity, day, date_key, seq, start, event)",
                "DROP TABLE stance_events",
                "DROP TABLE stance_quotes",
                "CREATE TABLE stance_events (event BIGINT PRIMARY KEY)",
                "CREATE TABLE stance_quotes (quote BIGINT PRIMARY KEY)",
                "DROP INDEX relations_object_predicate",
                "DROP INDEX relations_dated_subject_shape",
                "DROP INDEX relations_dated_object_shape",
                "DELETE FROM schema_version WHERE version >= 8",
            ):
                store._x(cur, sql)
    with open_store(store_url) as store:
        assert same_as_a_scan(store) == (5, 5)
        got = store.stance_readings(2)
        assert got == Store.stance_readings(store, 2)
        assert [ev.evidence.doc for ev in got[0]] == [docs[0].id, docs[1].id]


def verdicts(store: Store, pack: Pack | None) -> list[dict[str, Any]]:
    return [
        v.to_dict()
        for v in basing_options(
            store, pack, "United States", ["Central Asia", "Pakistan"], today="2024-06-01"
        )
    ]


def test_basing_answers_alike_on_every_backend(store, world):
    """The hand-made world built on this backend answers as the session's SQLite world."""
    world_store, pack, _docs = world
    build_store(store, pack)
    got = verdicts(store, pack)
    assert got == verdicts(world_store, pack)
    assert {v["verdict"] for v in got} >= {"closed", "constrained"}


def test_stance_readings_equal_a_scan(store):
    """Of rows alike (a sentence reprinted in many documents), the store gives the first
    few distinct sentences by index: the same a scan of every kept row keeps."""
    docs = [doc(n) for n in range(8)]
    store.add_documents(docs, [reading(d) for d in docs])
    twice = Document(id="d:twice", source="t.txt", text=TEXT, content_hash="twice")
    x = reading(twice)
    store.add_documents([twice], [replace(x, events=x.events + x.events[:1])])
    for limit in (1, 3, 20):
        got = store.stance_readings(limit)
        assert got == Store.stance_readings(store, limit)
        assert [len(found) for found in got] == [min(limit, 9)] * 2
    store.replace_extraction(reading(docs[0], flip=True))
    assert store.stance_readings(3) == Store.stance_readings(store, 3)
    assert store.stance_readings(3)[0][0].evidence.doc == docs[1].id


def test_basing_on_clones_answers_as_before(store, world):
    """The world with three clones of each document: the same verdicts, reasons and
    citations as basing gave when it read every stance row (recorded before the shapes,
    migration 8)."""
    _world_store, pack, _docs = world
    build_store(store, pack)
    clone_documents(store, 3)
    got = [
        [
            v["host"],
            v["verdict"],
            [
                [
                    r["kind"],
                    r["effect"],
                    r["text"],
                    [
                        [c["doc"], c["start"], c["end"]] if c["kind"] == "text" else c["source"]
                        for c in r["citations"]
                    ],
                ]
                for r in v["reasons"]
            ],
        ]
        for v in verdicts(store, pack)
    ]
    assert got == json.loads((Path(__file__).parent / "basing_clones.json").read_text())
