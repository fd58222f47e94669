"""Every query an entity page makes is served by an index, on both backends.

The queries are the store's own (recorded while the page's reads run), explained with the
backend's planner: SQLite's EXPLAIN QUERY PLAN must not scan a whole table; PostgreSQL's
EXPLAIN, with sequential scans priced out (an empty test table would otherwise be scanned
whatever indexes exist), must find an index for each table it reads.
"""

from __future__ import annotations

import re

from crossroads.model import Entity

TJ = "e:country/tj"
PER_ENTITY = ("FROM entities e LEFT JOIN entity_counts", "FROM entity_names n")
"""Queries that may read every entity or name (the ranked entity list, a substring name
search): those tables grow by the entity, not by the document."""


def recorded(store) -> list[tuple[str, tuple]]:
    """(SQL, params) of the reads an entity page makes."""
    seen: list[tuple[str, tuple]] = []
    inner = store._rows

    def record(query, params=()):
        seen.append((query, tuple(params)))
        return inner(query, params)

    store._rows = record
    try:
        store.add_documents([])  # nothing: the reads below run on an empty store
        store.entity_counts([TJ])
        store.mention_documents(TJ, limit=50)
        store.events(entity=TJ, limit=50)
        store.quotes(speaker=TJ, limit=50)
        store.quotes(about=TJ, limit=50)
        store.relations(entity=TJ)
        store.relations(entity=TJ, predicate="member_of")
        store.documents_by_id(["d:1", "d:2"], text=False)
        store.spans([("d:1", 0, 5)])
        store.span_entities([("d:1", 0, 5)])
        store.entities_by_id([TJ])
        store.mentions_in(["d:1"])
        store.entities(limit=20)
        store.find_entities("Tajik")
        store.timeline_events(TJ, limit=50)
        store.timeline_day_shapes(TJ, "2012")  # (its events read by id, none here)
        store.timeline_day_events(TJ, "2012", ["a shape"], 50)
    finally:
        store._rows = inner
    return seen


def test_entity_page_queries_use_indexes(store):
    queries = recorded(store)
    assert len(queries) >= 12
    backend = "postgres" if store.url.startswith("postgres") else "sqlite"
    for query, params in queries:
        if backend == "sqlite":
            plan = [
                r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + store._sql(query), params)
            ]
            scans = [
                p
                for p in plan
                if re.match(r"SCAN (?!CONSTANT ROW)", p)
                and not re.match(r"SCAN (w|\(subquery|SUBQUERY)", p)
            ]
            if any(q in query for q in PER_ENTITY):
                scans = [p for p in scans if not re.match(r"SCAN (e|n|m)\b", p)]
            assert not scans, (query, plan)
        else:
            with store.conn.transaction():
                store.conn.execute("SET LOCAL enable_seqscan = off")
                plan = [r[0] for r in store.conn.execute("EXPLAIN " + store._sql(query), params)]
            seq = [p for p in plan if "Seq Scan" in p]
            if any(q in query for q in PER_ENTITY):
                seq = [p for p in seq if not re.search(r" on (entities e|entity_names n)", p)]
            assert not seq, (query, plan)


def test_entity_list_reads_counts_not_mentions(store):
    store.add_documents([], [])
    entities = [Entity(f"e:country/c{i}", "Country", f"Country {i}") for i in range(3)]
    from crossroads.model import Document, Extraction, Mention

    d = Document(
        "d:0000000001", "a.txt", "Country 2 and Country 1 and Country 2.", content_hash="h1"
    )
    store.add_documents(
        [d],
        [
            Extraction(
                d.id,
                entities,
                [
                    Mention(entities[2].id, d.id, 0, 9, "Country 2"),
                    Mention(entities[1].id, d.id, 14, 23, "Country 1"),
                    Mention(entities[2].id, d.id, 28, 37, "Country 2"),
                ],
            )
        ],
    )
    ranked = [(e.id, n) for e, n in store.entities()]
    assert ranked == [(entities[2].id, 2), (entities[1].id, 1), (entities[0].id, 0)]
