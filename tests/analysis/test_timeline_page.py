"""A timeline page read by index (entity_events.day) equals that page of the whole timeline.

Run on every backend (SQLite and, with CROSSROADS_TEST_PG, PostgreSQL). The made-up store
has dated and undated events (an undated one sits at its report's date), events of one day
that sort by summary, a near-duplicate whose events stay off, an undated report, dated
relations (many alike, read by the page's blocks alone), and a report date corrected after
ingest. Made-up sentences.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from crossroads.analysis.timeline import timeline, timeline_page
from crossroads.model import Document, Entity, Event, Evidence, Extraction, Relation
from crossroads.store import open_store
from crossroads.store.base import Store
from crossroads.store.migrations import EVENT_SHAPE
from crossroads.store.sql import SQLStore
from crossroads.web import create_app

HILL = Entity("e:country/hill", "Country", "Hill Republic")
VALE = Entity("e:country/vale", "Country", "Vale Union")
FORD = Entity("e:group/ford", "ArmedGroup", "Ford Brigade")
TEXT = "Hill Republic met Vale Union. Ford Brigade attacked Vale Union. Hill Republic joined."
TYPES = ("CONSULT", "ASSAULT", "AID", "AGREE")


def doc(n: int, published: str | None, duplicate_of: str | None = None) -> Document:
    return Document(
        id=f"d:{n:06d}",
        source=f"{n}.txt",
        text=TEXT + f" Note {n}.",
        title=f"Report {n}",
        published=published,
        content_hash=f"h{n}",
        duplicate_of=duplicate_of,
    )


def reading(d: Document, n: int) -> Extraction:
    def at(words: str) -> Evidence:
        i = d.text.index(words)
        return Evidence(d.id, i, i + len(words))

    dates = (None, "2020", "2020-03", "2020-03-01", None, "2019-12-30")
    events = [
        Event(TYPES[n % 4], (HILL.id,), (VALE.id,), at("Hill Republic met"), dates[n % 6]),
        Event(TYPES[(n + 1) % 4], (FORD.id,), (VALE.id, HILL.id), at("Ford Brigade"), "2020"),
        Event("AID", (VALE.id,), (), at("Vale Union."), dates[(n + 3) % 6], place=HILL.id),
    ]
    rels = [
        Relation(HILL.id, "member_of", VALE.id, at("Hill Republic joined"), start=f"20{n:02d}"),
        Relation(FORD.id, "operates_in", HILL.id, at("Ford Brigade"), end="2020-03"),
        # alike starts that end apart: one block of start items, read in reading order
        Relation(VALE.id, "operates_in", HILL.id, at("Vale Union."), "2019", ("2021", None)[n % 2]),
    ]
    return Extraction(d.id, [HILL, VALE, FORD], [], rels, events)


def build(store: Store) -> None:
    docs = [doc(n, None if n == 3 else f"2020-0{1 + n % 5}") for n in range(12)]
    docs.append(doc(12, "2020-02", duplicate_of=docs[0].id))
    for part in (docs[:5], docs[5:]):
        store.add_documents(part, [reading(d, int(d.id[2:])) for d in part])
    store.correct_document(docs[4].id, published="2018-07")  # its undated events move
    store.correct_document(docs[3].id, published="2021")  # undated report gets a date


def whole(store: Store, entity: str) -> list[tuple[int, dict[str, object]]]:
    return [(i, x.to_dict()) for i, x in enumerate(timeline(store, entity))]


@pytest.mark.parametrize("entity", [HILL.id, VALE.id, FORD.id, "e:country/none"])
def test_every_page_equals_the_whole_timeline(store, entity):
    build(store)
    full = whole(store, entity)
    assert entity == "e:country/none" or len(full) > 20
    for limit in (1, 3, 7, 50):
        for offset in range(0, len(full) + 2, 2):
            got = timeline_page(store, entity, limit, offset)
            assert got is not None
            assert [(i, x.to_dict()) for i, x in got.items] == full[offset : offset + limit]
            assert got.total == len(full)
            assert got.mode == ("reported" if full else "both")


def test_relation_groups_equal_a_scan(store):
    build(store)
    for entity in (HILL.id, VALE.id, FORD.id):
        got = store.timeline_relation_shapes(entity)
        assert sorted(got, key=repr) == sorted(
            Store.timeline_relation_shapes(store, entity), key=repr
        )
        assert sum(n for _r, n in got) == len(store.timeline_relations(entity)) > 10
        keys = [(r.subject, r.predicate, r.object, r.negated) for r, _n in got]
        for kind, date in (("start", "2019"), ("end", "2020-03"), ("end", "2021")):
            for limit, offset in ((2, 0), (3, 4), (50, 0)):
                want = Store.timeline_relation_page(store, entity, kind, date, keys, limit, offset)
                assert store.timeline_relation_page(entity, kind, date, keys, limit, offset) == want


def test_pack_mode_is_left_to_the_whole_timeline(store):
    build(store)
    assert timeline_page(store, HILL.id, 5, 0, mode="pack") is None


def test_api_pages_equal_the_whole_timeline(store_url):
    with open_store(store_url) as store:
        build(store)
    with TestClient(create_app(store_url)) as client:
        # a date range that keeps everything takes the whole-timeline path
        want = client.get(
            "/api/timeline", params={"entity": HILL.id, "limit": 500, "date_from": "1900"}
        ).json()
        assert want["total"] > 20
        for offset in (0, 5, want["total"] - 3, want["total"]):
            got = client.get(
                "/api/timeline", params={"entity": HILL.id, "limit": 4, "offset": offset}
            ).json()
            assert got["items"] == want["items"][offset : offset + 4]
            assert (got["total"], got["mode"], got["mode_counts"]) == (
                want["total"],
                want["mode"],
                want["mode_counts"],
            )
            assert got["next_offset"] == (offset + 4 if offset + 4 < want["total"] else None)


def test_migration_7_fills_the_days_an_older_store_lacks(store_url):
    with open_store(store_url) as store:
        build(store)
        kept = {e: store.timeline_events(e) for e in (HILL.id, VALE.id, FORD.id)}
        assert isinstance(store, SQLStore)  # (both backends are)
        with store._write("back to version 6") as cur:  # what version 6 had
            for sql in (
                "DROP INDEX entity_events_day",
                "ALTER TABLE entity_events DROP COLUMN shape",  # (migration 9's)
                "DROP INDEX IF EXISTS relations_dated_subject",
                "DROP INDEX IF EXISTS relations_dated_object",
                "DROP TABLE stance_events",
                "DROP TABLE stance_quotes",
                "ALTER TABLE entity_events DROP COLUMN day",
                "DROP INDEX relations_object_predicate",  # (migration 8's)
                "DROP INDEX relations_dated_subject_shape",
                "DROP INDEX relations_dated_object_shape",
                "DELETE FROM schema_version WHERE version >= 7",
            ):
                store._x(cur, sql)
    with open_store(store_url) as store:
        assert {e: store.timeline_events(e) for e in kept} == kept
        assert all(len(v) > 10 for v in kept.values())
        got = timeline_page(store, HILL.id, 6, 3)
        assert got is not None and got.items == list(enumerate(timeline(store, HILL.id)))[3:9]


def test_event_shapes_written_are_the_ones_migration_9_reads(store_url):
    """A timeline day counts its events by shape: the shape ingest writes is the one the
    migration computes from a stored event, so old and new events alike group together."""
    with open_store(store_url) as store:
        build(store)
        assert isinstance(store, SQLStore)
        shape = EVENT_SHAPE["postgres" if store_url.startswith("postgres") else "sqlite"]
        n, same = store._rows(
            f"SELECT count(*), sum(CASE WHEN x.shape = {shape} THEN 1 ELSE 0 END) "
            "FROM entity_events x JOIN events k ON k.id = x.event"
        )[0]
    assert n > 10 and same == n


def test_api_other_is_its_own_parameter(store_url):
    """``other`` keeps the items that involve both entities (it once read ``entity``)."""
    with open_store(store_url) as store:
        build(store)
        both = [x.to_dict() for x in timeline(store, HILL.id, FORD.id)]  # the analysis itself
    with TestClient(create_app(store_url)) as client:
        got = client.get(
            "/api/timeline", params={"entity": HILL.id, "other": FORD.id, "limit": 500}
        ).json()
        alone = client.get("/api/timeline", params={"entity": HILL.id, "limit": 1}).json()
    assert got["other"] == FORD.id and alone["other"] is None
    assert 0 < got["total"] == len(both) < alone["total"]
    assert all(FORD.id in [e["id"] for e in it["entities"] if e] for it in got["items"])
