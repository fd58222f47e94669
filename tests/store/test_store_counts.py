"""Per-entity counts kept at ingest, and the batched and paged reads pages are built from.

Run on every backend (SQLite and, with CROSSROADS_TEST_PG, PostgreSQL). Made-up sentences.
"""

from __future__ import annotations

import sqlite3

from crossroads.model import (
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Quote,
    Relation,
)
from crossroads.store import migrations

TJ = Entity("e:country/tj", "Country", "Tajikistan")
AF = Entity("e:country/af", "Country", "Afghanistan")
ENVOY = Entity("e:person/amir-khan", "Person", "Amir Khan")
SENTENCE = "Amir Khan said Tajikistan would reopen the bridge to Afghanistan in 2021."


def article(n: int) -> Document:
    text = f"{SENTENCE} Note {n}."
    return Document(
        id=f"d:{n:010d}",
        source=f"{n}.txt",
        text=text,
        title=f"Bridge {n}",
        published=f"2021-0{1 + n % 9}",
        content_hash=f"h{n}",
    )


def reading(d: Document, extra_quote: bool = False) -> Extraction:
    def at(words: str) -> Evidence:
        i = d.text.index(words)
        return Evidence(d.id, i, i + len(words))

    mentions = [
        Mention(e.id, d.id, at(w).start, at(w).end, w)
        for e, w in ((ENVOY, "Amir Khan"), (TJ, "Tajikistan"), (AF, "Afghanistan"))
    ]
    quotes = [
        Quote(
            ENVOY.id,
            "would reopen the bridge",
            at("would reopen the bridge"),
            about=(TJ.id, TJ.id, AF.id),
        )
    ]
    if extra_quote:
        quotes.append(Quote(ENVOY.id, "in 2021", at("in 2021"), about=(AF.id,)))
    return Extraction(
        d.id,
        [TJ, AF, ENVOY],
        mentions,
        [
            Relation(TJ.id, "borders", AF.id, at(SENTENCE)),
            Relation(TJ.id, "member_of", None, at(SENTENCE), attributed_to=ENVOY.id),
        ],
        [
            Event(
                "CONSULT",
                (ENVOY.id, TJ.id),
                (TJ.id,),
                at(SENTENCE),
                date=f"2021-0{1 + int(d.id[-1]) % 9}",
                place=AF.id,
            )
        ],
        quotes,
    )


def recount(store) -> dict:
    """What the counts should be: migration 4's own count over the stored rows."""
    ids = [TJ.id, AF.id, ENVOY.id]
    return {
        i: {
            "mentions": {"": len(store.mentions(entity=i))},
            "documents": {"": len({m.doc for m in store.mentions(entity=i)})},
        }
        for i in ids
    }


def test_counts_follow_ingest_and_re_extraction(store):
    docs = [article(n) for n in range(6)]
    store.add_documents(docs[:4], [reading(d) for d in docs[:4]])
    store.add_documents(docs[3:], [reading(d) for d in docs[3:]])  # docs[3] is stored already
    counts = store.entity_counts([TJ.id, AF.id, ENVOY.id, "e:country/none"])
    assert counts["e:country/none"] == {}
    assert counts[TJ.id]["mentions"] == {"": 6} and counts[TJ.id]["documents"] == {"": 6}
    assert counts[TJ.id]["relations"] == {"borders": 6, "member_of": 6}
    assert counts[ENVOY.id]["relations"] == {"member_of": 6}  # attributed to him
    assert counts[TJ.id]["events"] == {"CONSULT": 6}  # actor and target: once
    assert counts[AF.id]["events"] == {"CONSULT": 6}  # the place
    assert counts[ENVOY.id]["quotes_by"] == {"": 6}
    assert counts[TJ.id]["quotes_about"] == {"": 6}

    store.replace_extraction(reading(docs[0], extra_quote=True))
    store.replace_extraction(Extraction(docs[1].id))  # nothing read any more
    counts = store.entity_counts([TJ.id, AF.id, ENVOY.id])
    assert counts[ENVOY.id]["quotes_by"] == {"": 6}
    assert counts[AF.id]["quotes_about"] == {"": 6}
    assert counts[TJ.id]["quotes_about"] == {"": 5}
    for i, expected in recount(store).items():
        assert {k: counts[i][k] for k in expected} == expected
    assert store.entities(limit=1)[0][1] == 5
    assert [e.id for e in store.find_entities("Amir Khan")] == [ENVOY.id]


def test_migration_counts_what_an_older_store_holds(tmp_path):
    from crossroads.store.sqlite import SQLiteStore

    path = tmp_path / "old.db"
    docs = [article(n) for n in range(3)]
    with SQLiteStore(path) as store:
        store.add_documents(docs, [reading(d) for d in docs])
        kept = store.entity_counts([TJ.id, AF.id, ENVOY.id])
        facts_kept = store.fact_summaries()
        pages_kept = (store.mention_documents(TJ.id), store.events(entity=TJ.id, limit=2))
    conn = sqlite3.connect(path, isolation_level=None)  # back to what version 3 had
    for sql in (
        "DROP TABLE fact_summary",
        "DROP TABLE store_counts",
        "DROP TABLE entity_documents",
        "DROP TABLE entity_events",
        "DROP INDEX IF EXISTS relations_dated_subject",
        "DROP INDEX IF EXISTS relations_dated_object",
        "DROP TABLE stance_events",
        "DROP TABLE stance_quotes",
        "DROP INDEX relations_object_predicate",
        "DROP INDEX relations_dated_subject_shape",
        "DROP INDEX relations_dated_object_shape",
        "DROP INDEX relations_subject_predicate",
        "DROP TABLE entity_counts",
        "DROP INDEX mentions_entity_doc",
        "DROP INDEX documents_duplicate_of",
        "DROP TABLE minhash_bands",
        "DROP TABLE ingested_files",
        "DELETE FROM schema_version WHERE version >= 4",
    ):
        conn.execute(sql)
    assert migrations.schema_version(conn) == 3
    conn.close()
    with SQLiteStore(path) as store:
        assert store.entity_counts([TJ.id, AF.id, ENVOY.id]) == kept
        assert kept[TJ.id]["mentions"] == {"": 3}
        assert store.fact_summaries() == facts_kept and facts_kept  # migration 6 backfilled
        pages = (store.mention_documents(TJ.id), store.events(entity=TJ.id, limit=2))
        assert pages == pages_kept and all(pages)


def test_paged_reads_continue_without_repeats(store):
    docs = [article(n) for n in range(7)]
    store.add_documents(docs, [reading(d) for d in docs])
    every = store.events(entity=TJ.id)
    pages = [store.events(entity=TJ.id, limit=3, offset=o) for o in (0, 3, 6)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [e for p in pages for e in p] == every
    assert [e.date for e in every] == sorted(e.date for e in every)
    quotes = [store.quotes(about=AF.id, limit=4, offset=o) for o in (0, 4)]
    assert [q for p in quotes for q in p] == store.quotes(about=AF.id)
    ranked = store.mention_documents(TJ.id, limit=5)
    assert len(ranked) == 5 and all(n == 1 for _, n in ranked)
    assert ranked + store.mention_documents(TJ.id, offset=5) == store.mention_documents(TJ.id)


def test_batched_documents_and_spans(store):
    docs = [article(n) for n in range(3)]
    store.add_documents(docs, [reading(d) for d in docs])
    light = store.documents_by_id([docs[2].id, docs[0].id, "d:missing"], text=False)
    assert set(light) == {docs[0].id, docs[2].id}
    assert light[docs[0].id].text == "" and light[docs[0].id].meta["chars"] == len(docs[0].text)
    assert light[docs[0].id].title == "Bridge 0"
    full = store.documents_by_id([docs[1].id])
    assert full[docs[1].id].text == docs[1].text
    spans = store.spans([(docs[0].id, 0, 9), (docs[1].id, 15, 25), ("d:missing", 0, 3)])
    assert spans == {(docs[0].id, 0, 9): "Amir Khan", (docs[1].id, 15, 25): "Tajikistan"}
    inside = store.span_entities([(docs[0].id, 0, 20), (docs[1].id, 10, 80)])
    assert inside == {(docs[0].id, 0, 20): {ENVOY.id, TJ.id}, (docs[1].id, 10, 80): {TJ.id, AF.id}}
    counts = store.knowledge_counts([docs[0].id])
    assert counts[docs[0].id] == {
        "events": {"CONSULT": 1},
        "predicates": {"borders": 1, "member_of": 1},
    }
