"""Basing reads its stances (REJECT events and quotes about forces) from tables the store
keeps at write time (stance_events, stance_quotes; migration 7), not from every quote.

Run on every backend (SQLite and, with CROSSROADS_TEST_PG, PostgreSQL): the kept rows equal
a scan of every REJECT event and quote, after more batches, a re-reading and migration 7 on
an older store; basing's verdicts on the hand-made world are the same on both backends and
basing reads nothing else of them. Made-up sentences.
"""

from __future__ import annotations

from analysis_world import build_store

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
                "DROP TABLE stance_events",
                "DROP TABLE stance_quotes",
                "DROP INDEX entity_events_day",
                "DROP INDEX relations_dated_subject",
                "DROP INDEX relations_dated_object",
                "ALTER TABLE entity_events DROP COLUMN day",
                "DELETE FROM schema_version WHERE version >= 7",
            ):
                store._x(cur, sql)
    with open_store(store_url) as store:
        assert same_as_a_scan(store) == (4, 4)


def verdicts(store: Store, pack: Pack | None) -> list[dict[str, object]]:
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
