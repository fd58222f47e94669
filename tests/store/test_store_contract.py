"""The store contract (crossroads.store.base.Store), run against every backend.

Texts are short made-up sentences; only the behaviour a caller relies on is asserted.
"""

from __future__ import annotations

import sqlite3

import pytest

from crossroads.exc import QueryError, StoreError
from crossroads.model import (
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Footnote,
    Mention,
    Quote,
    Relation,
)
from crossroads.store import migrations, open_store


def doc(key: str, text: str, **kw) -> Document:
    """An article whose id and hash derive from ``key``."""
    kw.setdefault("source", f"{key}.txt")
    kw.setdefault("content_hash", f"hash-{key}")
    return Document(id=f"d:{key}", text=text, **kw)


def span(d: Document, words: str) -> Evidence:
    start = d.text.index(words)
    return Evidence(d.id, start, start + len(words))


DUSHANBE = doc(
    "0a1b2c3d4e",
    "Officials in Dushanbe met envoys from Kabul on Tuesday. "
    "The envoys said the border crossing at Panj would reopen.",
    title="Envoys visit Dushanbe",
    author="A. Writer, B. Writer",
    published="2021-05-25",
)
TERMEZ = doc(
    "5f6a7b8c9d",
    "A freight train left Termez for Mazar-i-Sharif. "
    "Uzbek railway officials called the route a lifeline.",
    title="Rail link",
    published="2021-06",
)

TAJ = Entity("e:country/tj", "Country", "Tajikistan", ("Tajik government",), {"iso": "TJ"})
AFG = Entity("e:country/af", "Country", "Afghanistan", (), {"iso": "AF"})
ENVOY = Entity("e:person/amir-khan", "Person", "Amir Khan", ("Khan",))
PANJ = Entity("e:place/panj", "Place", "Pănj", ())


def dushanbe_extraction() -> Extraction:
    d = DUSHANBE
    return Extraction(
        doc=d.id,
        entities=[TAJ, AFG, ENVOY, PANJ],
        mentions=[
            Mention(TAJ.id, d.id, *_offsets(d, "Dushanbe"), "Dushanbe", "alias"),
            Mention(AFG.id, d.id, *_offsets(d, "Kabul"), "Kabul", "alias"),
            Mention(PANJ.id, d.id, *_offsets(d, "Panj"), "Panj"),
        ],
        relations=[
            Relation(
                PANJ.id,
                "located_in",
                TAJ.id,
                span(d, "border crossing at Panj"),
                start="2021",
                end="2021-12",
                negated=True,
                attributed_to=ENVOY.id,
                qualifiers={"role": "crossing", "length_km": 12.5},
                origin="extract",
            )
        ],
        events=[
            Event(
                "CONSULT",
                (TAJ.id,),
                (AFG.id, ENVOY.id),
                span(d, "Officials in Dushanbe met"),
                date="2021-05-25",
                place=PANJ.id,
                negated=False,
                mode="asserted",
                trigger="met",
            ),
            Event(
                "RETREAT",
                (AFG.id,),
                (),
                span(d, "would reopen"),
                date=None,
                negated=True,
                mode="planned",
                trigger="reopen",
            ),
        ],
        quotes=[
            Quote(
                ENVOY.id,
                "the border crossing at Panj would reopen",
                span(d, "The envoys said the border crossing"),
                cue="said",
                date="2021-05",
                about=(PANJ.id, TAJ.id),
            )
        ],
    )


def _offsets(d: Document, words: str) -> tuple[int, int]:
    e = span(d, words)
    return e.start, e.end


# -- documents ---------------------------------------------------------------------------
def test_store_document_roundtrip_keeps_every_field(store):
    page = Document(
        id="d:page000001",
        source="front.txt",
        text="",
        kind="page",
        content_hash="hash-page",
        meta={"crawled": "2021-07-01"},
    )
    article = doc(
        "a00000001",
        "Kyrgyz deputies debated a water deal.¹",
        title="Water",
        author="C. Writer",
        published="2021-07",
        parent=page.id,
        duplicate_of=None,
        footnotes=(Footnote("1", "A note.", 38), Footnote("2", "X")),
        meta={
            "url": "https://example.org/w",
            "format": "html",
            "minhash": bytes(range(256)) * 4,
            "nested": {"a": [1, 2]},
        },
    )
    store.add_documents([article, page])  # article before its page: one transaction
    got = store.get_document(article.id)
    assert got == article
    assert got.meta == article.meta and isinstance(got.meta["minhash"], bytes)
    assert store.get_document(page.id).meta == {"crawled": "2021-07-01"}
    assert store.get_document("d:missing00") is None


def test_store_get_document_accepts_unique_prefix(store):
    store.add_documents(
        [doc("abc123aaaa", "First."), doc("abc123bbbb", "Second."), doc("ffee99cccc", "Third.")]
    )
    assert store.get_document("d:abc123a").text == "First."
    assert store.get_document("ffee99").text == "Third."  # without the 'd:'
    assert store.get_document("d:abc123") is None  # two documents start so
    assert store.get_document("d:ff") is None  # too short to be a prefix
    assert store.get_document("d:abc1%") is None  # wildcards are literal


def test_store_duplicate_id_is_left_as_stored(store):
    store.add_documents([DUSHANBE], [dushanbe_extraction()])
    changed = doc("0a1b2c3d4e", "Something else entirely.", title="Other")
    again = Extraction(
        doc=changed.id, entities=[AFG], mentions=[Mention(AFG.id, changed.id, 0, 9, "Something")]
    )
    store.add_documents([changed, TERMEZ], [again])
    assert store.get_document(DUSHANBE.id).text == DUSHANBE.text
    assert len(store.mentions(doc=DUSHANBE.id)) == 3
    assert store.count_documents() == 2


def test_store_document_by_hash_finds_exact_duplicate(store):
    store.add_documents([DUSHANBE, TERMEZ])
    assert store.document_by_hash("hash-5f6a7b8c9d").id == TERMEZ.id
    assert store.document_by_hash("hash-nothing") is None


def test_store_minhashes_lists_articles_that_have_one(store):
    sig = b"\x00\xff" * 64
    page = Document(
        id="d:page000002", source="p.txt", text="", kind="page", meta={"minhash": b"page"}
    )
    store.add_documents(
        [page, doc("m1m1m1m1", "One.", meta={"minhash": sig}), doc("m2m2m2m2", "Two.")]
    )
    assert store.minhashes() == [("d:m1m1m1m1", sig)]


def test_store_add_documents_is_all_or_nothing(store):
    good, second = DUSHANBE, TERMEZ
    bad = Extraction(doc=second.id, mentions=[Mention("e:country/unknown", second.id, 0, 1, "A")])
    with pytest.raises(StoreError):
        store.add_documents([good, second], [dushanbe_extraction(), bad])
    assert store.count_documents() == 0
    assert store.stats()["entities"] == 0 and store.search("Dushanbe") == []

    broken = Document(id="d:broken0001", source="x.txt", text=None)  # type: ignore[arg-type]  # text is required: broken on purpose
    with pytest.raises(StoreError):
        store.add_documents([good, broken])
    assert store.count_documents() == 0

    with pytest.raises(TypeError):  # a record that cannot be encoded at all
        store.add_documents([good, doc("c0ffee0001", "x", meta={"when": object()})])
    assert store.count_documents() == 0
    store.add_documents([good, second], [dushanbe_extraction()])  # and the store still works
    assert store.count_documents() == 2


def test_store_refuses_extraction_for_a_document_not_being_added(store):
    store.add_documents([DUSHANBE])
    with pytest.raises(StoreError, match="replace_extraction"):
        store.add_documents([TERMEZ], [dushanbe_extraction()])
    assert store.count_documents() == 1


def test_store_documents_in_ingest_order_with_filters(store):
    page = Document(id="d:page000003", source="front.txt", text="", kind="page")
    parts = [
        doc(f"part{i}xxxx", f"Part {i}.", source="front.txt", parent=page.id) for i in range(3)
    ]
    store.add_documents([page, *parts])
    store.add_documents([TERMEZ])
    assert [d.id for d in store.documents()] == [page.id, *(p.id for p in parts), TERMEZ.id]
    assert [d.id for d in store.documents(parent=page.id)] == [p.id for p in parts]
    assert [d.id for d in store.documents(source="front.txt", limit=2, offset=1)] == [
        parts[0].id,
        parts[1].id,
    ]
    assert [d.id for d in store.documents(offset=4)] == [TERMEZ.id]
    assert store.documents(source="nowhere.txt") == []
    assert store.count_documents() == 5


# -- search ------------------------------------------------------------------------------
def test_store_search_ranks_and_marks_matches(store):
    filler = [
        doc(f"fill{i}xxxx", f"Notes on grain prices and weather, number {i}.") for i in range(6)
    ]
    passing = doc(
        "pass0xxxxx",
        "Among many topics, ministers discussed wheat, cotton, a "
        "pipeline, tariffs, visas and finally the harbour.",
        title="Weekly round-up",
    )
    focused = doc(
        "focus0xxxx",
        "The harbour will double its cranes. Harbour traffic grew "
        "as the harbour authority cut fees.",
        title="Harbour expansion",
    )
    page = Document(id="d:pagehrbour", source="p.txt", text="", title="harbour", kind="page")
    store.add_documents([*filler, passing, focused, page])
    hits = store.search("harbour")
    assert [h.document.id for h in hits] == [focused.id, passing.id]
    assert hits[0].score > hits[1].score
    assert "[harbour]" in hits[0].snippet.lower() and "[harbour]" in hits[1].snippet
    assert hits[0].document.title == "Harbour expansion"
    assert store.search("harbour", limit=1)[0].document.id == focused.id
    assert store.search("submarine") == []


def test_store_search_matches_across_accents_and_case(store):
    store.add_documents(
        [
            doc("accent0001", "Fighting was reported near Fāryāb and Kunduz."),
            doc("accent0002", "Water talks in Faryab province stalled."),
        ]
    )
    assert {h.document.id for h in store.search("faryab")} == {"d:accent0001", "d:accent0002"}
    assert {h.document.id for h in store.search("FĀRYĀB")} == {"d:accent0001", "d:accent0002"}
    assert "[Fāryāb]" in store.search("faryab kunduz")[0].snippet


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        '"unbalanced',
        "al-Qaeda",
        "-",
        "--",
        "*",
        "Gwa*",
        "AND",
        "OR",
        "NOT",
        "a AND",
        "NOT b",
        "NEAR(a b)",
        "title:port",
        "port^2",
        "(",
        ")",
        "port)",
        "{x}",
        "a & b | !c",
        "x <-> y",
        ":*",
        "\\",
        "%",
        "_",
        "100%",
        "C++",
        "e:country/tj",
        "   ",
        "",
        "🙂",
        "ünïcödé ' \" ;",
        "DROP TABLE documents;--",
    ],
)
def test_store_search_never_fails_on_user_text(store, query):
    store.add_documents(
        [
            doc("hostile001", "A militant group, linked to al-Qaeda, moved north."),
            doc("hostile002", "The port and the rail line opened."),
        ]
    )
    hits = store.search(query)
    assert isinstance(hits, list)
    if query == "al-Qaeda":
        assert [h.document.id for h in hits] == ["d:hostile001"]


def test_store_search_falls_back_to_any_word(store):
    store.add_documents(
        [
            doc("any0000001", "Cotton exports rose."),
            doc("any0000002", "Cotton and wheat exports rose."),
        ]
    )
    assert [h.document.id for h in store.search("wheat cotton")] == ["d:any0000002"]
    assert {h.document.id for h in store.search("cotton zeppelin")} == {
        "d:any0000001",
        "d:any0000002",
    }


def test_store_snippets_of_a_page_are_the_ones_search_cuts(store):
    """A search page asks for its hits without snippets, then for its own page's: the same
    hits in the same order, and the same snippets, whether every word matched or any."""
    store.add_documents(
        [
            doc(f"snip{i:06d}", f"Cotton convoy {i} crossed the bridge; wheat followed.")
            for i in range(5)
        ]
        + [doc("snipwheat0", "Only wheat crossed the river at the old ferry.")]
    )
    for query in ("cotton wheat", "wheat", "cotton zeppelin", '"the bridge"', "nothing"):
        full = store.search(query, limit=50)
        bare = store.search(query, limit=50, snippets=False)
        assert [(h.document.id, h.score) for h in bare] == [
            (h.document.id, h.score) for h in full
        ], query
        assert all(h.snippet == "" for h in bare)
        page = [h.document.id for h in full[1:4]]
        assert store.snippets(query, page) == {h.document.id: h.snippet for h in full[1:4]}, query
    assert "[cotton]" in store.snippets("cotton zeppelin", ["d:snip000001"])["d:snip000001"].lower()
    assert store.snippets("cotton", ["d:snipwheat0", "d:nosuchdoc"]) == {}


def test_store_search_caps_query_length_and_words(store):
    store.add_documents([doc("cap0000001", "Cotton exports rose.")])
    with pytest.raises(QueryError, match="too long: 65,536 characters"):
        store.search("cotton " * 9362 + "ab")
    with pytest.raises(QueryError, match="too many words: 40"):
        store.search("cotton " * 40)
    with pytest.raises(QueryError, match="too long"):
        store.find_entities("x" * 5000)
    assert [h.document.id for h in store.search("cotton " * 32)] == ["d:cap0000001"]


# -- knowledge ---------------------------------------------------------------------------
def test_store_knowledge_roundtrips_every_field(store):
    x = dushanbe_extraction()
    store.add_documents([DUSHANBE, TERMEZ], [x])
    assert store.mentions(doc=DUSHANBE.id) == sorted(x.mentions, key=lambda m: m.start)
    got = store.relations()
    assert got == x.relations and got[0].qualifiers == x.relations[0].qualifiers
    assert store.events(doc=DUSHANBE.id) == x.events  # dated first, then undated
    assert store.quotes() == x.quotes
    assert store.get_entity(TAJ.id) == TAJ and store.get_entity(TAJ.id).data == {"iso": "TJ"}
    assert store.get_entity("e:country/none") is None
    assert store.mentions(doc=TERMEZ.id) == [] and store.relations(doc=TERMEZ.id) == []


def test_store_entity_upsert_merges_aliases_and_data(store):
    store.add_documents([DUSHANBE], [dushanbe_extraction()])
    again = Entity(
        TAJ.id,
        "Country",
        "Republic of Tajikistan",
        ("Tajik government", "RT"),
        {"wikidata": "Q863"},
    )
    x = Extraction(
        doc=TERMEZ.id, entities=[again], mentions=[Mention(TAJ.id, TERMEZ.id, 0, 1, "A")]
    )
    store.add_documents([TERMEZ], [x])
    merged = store.get_entity(TAJ.id)
    assert merged.name == "Tajikistan" and merged.type == "Country"
    assert merged.aliases == ("Tajik government", "Republic of Tajikistan", "RT")
    assert merged.data == {"iso": "TJ", "wikidata": "Q863"}
    assert [e.id for e in store.find_entities("republic of tajikistan")] == [TAJ.id]


def test_store_find_entities_folds_case_and_accents(store):
    extra = [
        Entity("e:place/panjakent", "Place", "Panjakent"),
        Entity("e:place/upper-panj", "Place", "Upper Panj"),
        Entity("e:org/100-percent", "Organization", "100% Club"),
    ]
    x = dushanbe_extraction()
    x.entities += extra
    store.add_documents([DUSHANBE], [x])
    assert [e.id for e in store.find_entities("PANJ")] == [
        PANJ.id,
        "e:place/panjakent",
        "e:place/upper-panj",
    ]  # exact, prefix, substring
    assert next(e.id for e in store.find_entities("pănj")) == PANJ.id
    assert [e.id for e in store.find_entities("khan")] == [ENVOY.id]  # alias
    assert [e.id for e in store.find_entities("100%")] == ["e:org/100-percent"]
    assert store.find_entities("%") == [extra[2]] and store.find_entities("_") == []
    assert store.find_entities("") == [] and len(store.find_entities("a", limit=2)) == 2


def test_store_entities_most_mentioned_first(store):
    x = dushanbe_extraction()
    x.mentions.append(Mention(PANJ.id, DUSHANBE.id, *_offsets(DUSHANBE, "Panj"), "Panj"))
    y = Extraction(
        doc=TERMEZ.id,
        entities=[AFG],
        mentions=[Mention(AFG.id, TERMEZ.id, *_offsets(TERMEZ, "Mazar"), "Mazar")],
    )
    store.add_documents([DUSHANBE, TERMEZ], [x, y])
    ranked = [(e.id, n) for e, n in store.entities()]
    assert ranked == [(AFG.id, 2), (PANJ.id, 2), (TAJ.id, 1), (ENVOY.id, 0)]
    assert [(e.id, n) for e, n in store.entities(type="Country")] == [(AFG.id, 2), (TAJ.id, 1)]
    assert [(e.id, n) for e, n in store.entities(doc=TERMEZ.id)] == [(AFG.id, 1)]
    assert [e.id for e, _ in store.entities(limit=2, offset=1)] == [PANJ.id, TAJ.id]


def test_store_relation_quote_and_event_filters(store):
    store.add_documents([DUSHANBE], [dushanbe_extraction()])
    for who in (PANJ.id, TAJ.id, ENVOY.id):  # subject, object, attributed_to
        assert len(store.relations(entity=who)) == 1
    assert store.relations(predicate="borders") == []
    assert len(store.relations(entity=TAJ.id, predicate="located_in", doc=DUSHANBE.id)) == 1
    assert [e.type for e in store.events(entity=ENVOY.id)] == ["CONSULT"]  # a target
    assert [e.type for e in store.events(entity=PANJ.id)] == ["CONSULT"]  # the place
    assert [e.type for e in store.events(type="RETREAT")] == ["RETREAT"]
    assert len(store.quotes(speaker=ENVOY.id)) == 1 and store.quotes(speaker=TAJ.id) == []
    assert len(store.quotes(about=TAJ.id)) == 1 and store.quotes(about=AFG.id) == []


def test_store_events_filter_by_iso_date_prefixes(store):
    d = DUSHANBE
    ev = span(d, "Officials")
    dated = {
        date: Event("CONSULT", (TAJ.id,), (), ev, date=date)
        for date in ("2020-12-31", "2021", "2021-03", "2021-05-25", "2022-01-01")
    }
    undated = Event("AID", (TAJ.id,), (), ev)
    store.add_documents(
        [d], [Extraction(doc=d.id, entities=[TAJ], events=[undated, *dated.values()])]
    )

    def dates(**kw):
        return [e.date for e in store.events(**kw)]

    assert dates() == ["2020-12-31", "2021", "2021-03", "2021-05-25", "2022-01-01", None]
    assert dates(date_from="2021-01-01", date_to="2021-12-31") == ["2021", "2021-03", "2021-05-25"]
    assert dates(date_from="2021", date_to="2021") == ["2021", "2021-03", "2021-05-25"]
    assert dates(date_from="2021-04", date_to="2021-06-30") == ["2021", "2021-05-25"]
    assert dates(date_from="2021-05-26") == ["2021", "2022-01-01"]
    assert dates(date_to="2020-12") == ["2020-12-31"]


def test_store_replace_extraction_rewrites_one_document(store):
    store.add_documents(
        [DUSHANBE, TERMEZ],
        [
            dushanbe_extraction(),
            Extraction(
                doc=TERMEZ.id, entities=[AFG], mentions=[Mention(AFG.id, TERMEZ.id, 0, 1, "A")]
            ),
        ],
    )
    fresh = Extraction(
        doc=DUSHANBE.id,
        entities=[ENVOY],
        mentions=[Mention(ENVOY.id, DUSHANBE.id, 0, 9, "Officials")],
        quotes=[Quote(None, "unattributed", span(DUSHANBE, "The envoys"))],
    )
    store.replace_extraction(fresh)
    assert store.mentions(doc=DUSHANBE.id) == fresh.mentions
    assert store.relations(doc=DUSHANBE.id) == [] and store.events(doc=DUSHANBE.id) == []
    assert store.quotes(doc=DUSHANBE.id) == fresh.quotes
    assert store.quotes(about=PANJ.id) == []
    assert store.mentions(doc=TERMEZ.id) == [Mention(AFG.id, TERMEZ.id, 0, 1, "A")]
    assert store.get_entity(TAJ.id) == TAJ  # entities are shared, not dropped
    with pytest.raises(StoreError, match="no such document"):
        store.replace_extraction(Extraction(doc="d:nothing000"))
    bad = Extraction(doc=DUSHANBE.id, mentions=[Mention("e:x/none", DUSHANBE.id, 0, 1, "O")])
    with pytest.raises(StoreError):
        store.replace_extraction(bad)
    assert store.mentions(doc=DUSHANBE.id) == fresh.mentions  # the failed rewrite left nothing


def test_store_stats_counts_everything(store):
    assert store.stats() == {
        "documents": 0,
        "articles": 0,
        "entities": 0,
        "mentions": 0,
        "relations": 0,
        "events": 0,
        "quotes": 0,
    }
    page = Document(id="d:page000004", source="p.txt", text="", kind="page")
    store.add_documents([page, DUSHANBE], [dushanbe_extraction()])
    assert store.stats() == {
        "documents": 2,
        "articles": 1,
        "entities": 4,
        "mentions": 3,
        "relations": 1,
        "events": 2,
        "quotes": 1,
    }


# -- lifecycle ---------------------------------------------------------------------------
def test_store_reopen_keeps_data(store_url):
    with open_store(store_url) as s:
        s.add_documents([DUSHANBE], [dushanbe_extraction()])
    with open_store(store_url) as s:
        assert s.get_document(DUSHANBE.id) == DUSHANBE
        assert s.stats()["quotes"] == 1
        assert s.search("envoys")[0].document.id == DUSHANBE.id


def _raw(url: str):
    """A plain driver connection to the store's database, as migrations expect it."""
    if url.startswith("postgresql"):
        import psycopg

        return psycopg.connect(url, autocommit=True), "postgres", "%s"
    return sqlite3.connect(url, isolation_level=None), "sqlite", "?"


def test_store_migrates_an_older_database(store_url):
    conn, backend, mark = _raw(store_url)
    assert migrations.schema_version(conn) == 0
    assert migrations.migrate(conn, backend, upto=1) == 1  # what the first release made
    conn.execute(
        f"INSERT INTO documents (id, source, text, content_hash) VALUES "
        f"({mark}, {mark}, {mark}, {mark})",
        ("d:old0000001", "old.txt", "An older store kept this sentence.", "h-old"),
    )
    conn.close()
    with open_store(store_url) as s:
        assert s.get_document("d:old0000001").text == "An older store kept this sentence."
        assert s.search("sentence")[0].document.id == "d:old0000001"
        s.replace_extraction(
            Extraction(
                doc="d:old0000001",
                entities=[AFG],
                mentions=[Mention(AFG.id, "d:old0000001", 0, 2, "An")],
            )
        )
        assert s.entities()[0][1] == 1
    conn, _, _ = _raw(store_url)
    assert migrations.schema_version(conn) == migrations.LATEST
    conn.close()


def test_store_refuses_a_newer_schema(store_url):
    open_store(store_url).close()
    conn, _, mark = _raw(store_url)
    conn.execute(
        f"INSERT INTO schema_version (version, name) VALUES ({mark}, {mark})",
        (migrations.LATEST + 1, "from the future"),
    )
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url)
