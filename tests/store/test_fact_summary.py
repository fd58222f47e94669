"""Per-fact summaries kept at ingest equal a full regroup of every reading.

Run on every backend (SQLite and, with CROSSROADS_TEST_PG, PostgreSQL): after ingest in
several batches (near-duplicates, a page of articles by one author, negations, a symmetric
predicate, a resource), after a re-extraction, after an extraction is emptied, after a date
is corrected. Facts read from the summaries equal facts regrouped from the readings.
Made-up sentences.
"""

from __future__ import annotations

from crossroads.analysis.context import Context
from crossroads.analysis.facts import regrouped_facts, summary_facts
from crossroads.model import Document, Entity, Evidence, Extraction, Mention, Relation
from crossroads.store.base import Store
from crossroads.store.fact_summary import FactSummary

TJ = Entity("e:country/tj", "Country", "Tajikistan")
AF = Entity("e:country/af", "Country", "Afghanistan")
UZ = Entity("e:country/uz", "Country", "Uzbekistan")
GROUP = Entity("e:group/river-front", "ArmedGroup", "River Front")
ENVOY = Entity("e:person/amir-khan", "Person", "Amir Khan")
TEXT = (
    "River Front fighters were active in Tajikistan. Tajikistan borders Afghanistan. "
    "Amir Khan said River Front was not active in Uzbekistan. Tajikistan exports cotton."
)


def doc(n: int, **kw: str | None) -> Document:
    return Document(
        id=f"d:{n:010d}",
        source=f"{n}.txt",
        text=TEXT + f" Note {n}.",
        title=f"Report {n}",
        published=kw.pop("published", f"202{n % 4}-0{1 + n % 9}"),
        content_hash=f"h{n}",
        **kw,  # type: ignore[arg-type]
    )


def page(n: int) -> Document:
    return Document(
        id=f"d:p{n:09d}", source=f"{n}.html", text="", kind="page", content_hash=f"p{n}"
    )


def reading(d: Document, variant: int = 0) -> Extraction:
    def at(words: str) -> Evidence:
        i = d.text.index(words)
        return Evidence(d.id, i, i + len(words))

    rels = [
        Relation(GROUP.id, "operates_in", TJ.id, at("River Front fighters were active")),
        Relation(AF.id, "borders", TJ.id, at("Tajikistan borders Afghanistan")),
        Relation(
            GROUP.id,
            "operates_in",
            UZ.id,
            at("River Front was not active"),
            negated=True,
            attributed_to=ENVOY.id,
        ),
        Relation(
            TJ.id,
            "exports",
            None,
            at("Tajikistan exports cotton"),
            qualifiers={"resource": "cotton"},
        ),
    ]
    if variant:  # a re-reading: one reading gone, one dated, one more with a role
        rels = rels[1:] + [
            Relation(
                GROUP.id,
                "operates_in",
                TJ.id,
                at("River Front fighters"),
                start="2019",
                end="2020",
                qualifiers={"role": "insurgent"},
            ),
            Relation(GROUP.id, "operates_in", UZ.id, at("River Front was not active")),
        ]
    return Extraction(
        d.id,
        [TJ, AF, UZ, GROUP, ENVOY],
        [Mention(TJ.id, d.id, *_span(at("Tajikistan")), "Tajikistan")],
        rels,
    )


def _span(e: Evidence) -> tuple[int, int]:
    return e.start, e.end


def regrouped(store: Store) -> dict[str, FactSummary]:
    """Summaries computed from every stored reading (Store's own default)."""
    return {s.id: s for s in Store.fact_summaries(store)}


def kept(store: Store) -> dict[str, FactSummary]:
    return {s.id: s for s in store.fact_summaries()}


def same_facts(store: Store) -> None:
    for entity in (None, TJ.id, GROUP.id, UZ.id):
        a = [f.to_dict() for f in summary_facts(Context(store), entity)]
        b = [f.to_dict() for f in regrouped_facts(Context(store), entity)]
        assert sorted(a, key=lambda f: f["id"]) == sorted(b, key=lambda f: f["id"])


def build(store: Store) -> list[Document]:
    first = [doc(n) for n in range(4)]
    store.add_documents(first, [reading(d) for d in first])
    # near-duplicates of stored articles, one of an original that was read differently
    dups = [doc(10, duplicate_of=first[0].id), doc(11, duplicate_of=first[1].id)]
    store.add_documents(dups, [reading(dups[0]), reading(dups[1], variant=1)])
    # a page whose two articles share an author: one source; a third by someone else
    p = page(20)
    arts = [
        doc(21, parent=p.id, author="Lena Ivanova"),
        doc(22, parent=p.id, author="lena ivanova"),
        doc(23, parent=p.id, author="Omar Said", published=None),
    ]
    store.add_documents([p, *arts], [reading(d) for d in arts])
    return first + dups + arts


def test_summaries_equal_a_regroup_after_ingest(store):
    build(store)
    summaries = kept(store)
    assert summaries == regrouped(store)
    tj = next(s for s in store.fact_summaries(TJ.id) if s.predicate == "operates_in")
    # 9 articles say it; two on one page by one author count once, a duplicate as its original
    assert (tj.readings, tj.documents, tj.sources) == (9, 9, 6)
    assert tj.first_seen == "2020-01" and len(tj.evidence) == 5
    cotton = next(s for s in summaries.values() if s.predicate == "exports")
    assert cotton.resource == "cotton" and cotton.object is None
    same_facts(store)


def test_summaries_follow_a_reextraction_and_a_removal(store):
    docs = build(store)
    store.replace_extraction(reading(docs[2], variant=1))
    assert kept(store) == regrouped(store)
    uz = {s.negated: s for s in store.fact_summaries(UZ.id)}
    assert (uz[False].readings, uz[True].readings) == (2, 9)  # two re-readings say it now
    same_facts(store)
    for d in docs:  # every reading removed: no fact is left
        store.replace_extraction(Extraction(d.id, [], [], []))
    assert kept(store) == {} == regrouped(store)


def test_summaries_follow_a_corrected_date(store):
    docs = build(store)
    store.correct_document(docs[3].id, published="2001-02-03")
    summaries = kept(store)
    assert summaries == regrouped(store)
    assert {s.first_seen for s in summaries.values() if docs[3].id in s.docs} == {"2001-02-03"}


def test_stats_are_kept_by_every_write(store):
    def counted() -> dict[str, int]:
        return {
            "documents": len(store.documents()),
            "articles": sum(d.kind == "article" for d in store.documents()),
            "entities": len(store.entities()),
            "mentions": len(store.mentions()),
            "relations": len(store.relations()),
            "events": len(store.events()),
            "quotes": len(store.quotes()),
        }

    docs = build(store)
    assert store.stats() == counted() and store.stats()["documents"] == 10
    store.add_documents(docs[:2], [reading(d) for d in docs[:2]])  # stored before: no change
    store.replace_extraction(Extraction(docs[0].id, [], [], []))
    store.replace_extraction(reading(docs[1], variant=1))
    assert store.stats() == counted()
    assert [d.id for d in store.latest_documents(2)] == [docs[-1].id, docs[-2].id]


def test_entity_pages_follow_a_reextraction(store):
    """A profile's documents and events pages (read from entity_documents and entity_events
    by index) equal what counting and sorting the rows gives, after a re-reading."""
    docs = build(store)
    store.replace_extraction(Extraction(docs[4].id, [TJ], [], []))  # no mention left there
    ranked = store.mention_documents(TJ.id)
    assert docs[4].id not in dict(ranked) and len(ranked) == len(docs) - 1
    assert [n for _d, n in ranked] == [1] * len(ranked)
    assert [d for d, _n in ranked] == [d.id for d in docs if d.id != docs[4].id]


def test_migration_8_counts_the_undated_readings_of_older_rows(store_url):
    """Rows written before ``undated`` was kept get it from the readings (migration 8)."""
    import json

    from crossroads.store import open_store
    from crossroads.store.sql import SQLStore

    with open_store(store_url) as store:
        build(store)
        assert any(s.undated for s in kept(store).values())
        assert isinstance(store, SQLStore)  # (both backends are)
        with store._write("back to version 7") as cur:
            for sid, data in store._x(cur, "SELECT id, data FROM fact_summary").fetchall():
                value = json.loads(data) if isinstance(data, str) else dict(data)
                del value["undated"]
                store._x(
                    cur, "UPDATE fact_summary SET data = ? WHERE id = ?", [json.dumps(value), sid]
                )
            for index in ("object_predicate", "dated_subject_shape", "dated_object_shape"):
                store._x(cur, f"DROP INDEX relations_{index}")
            store._x(cur, "DROP INDEX entity_events_day")  # (migration 9's)
            store._x(cur, "ALTER TABLE entity_events DROP COLUMN shape")
            store._x(
                cur,
                "CREATE INDEX entity_events_day "
                "ON entity_events(entity, day, date_key, seq, start, event)",
            )
            store._x(cur, "DELETE FROM schema_version WHERE version >= 8")
    with open_store(store_url) as store:
        assert kept(store) == regrouped(store)
