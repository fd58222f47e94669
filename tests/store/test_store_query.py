"""Phrase, OR, NOT and prefix queries mean the same on SQLite FTS5 and PostgreSQL."""

from __future__ import annotations

import pytest

from crossroads.exc import StoreError
from crossroads.model import Document
from crossroads.store.query import parse_query, to_fts5

TEXTS = {
    "d:q000000001": "The Pakistani Taliban crossed the border near the river.",
    "d:q000000002": "Taliban envoys met Pakistani officials in the capital.",
    "d:q000000003": "A talibanised militia held the valley road.",
    "d:q000000004": "Officials of Daesh were named in a report on the valley.",
}


@pytest.fixture
def filled(store):
    store.add_documents(
        [Document(id=i, source=f"{i[2:]}.txt", text=t, content_hash=i) for i, t in TEXTS.items()]
    )
    return store


def ids(store, q: str) -> set[str]:
    return {h.document.id for h in store.search(q)}


def test_phrase_needs_the_words_together(filled):
    assert ids(filled, '"pakistani taliban"') == {"d:q000000001"}
    assert ids(filled, "pakistani taliban") == {"d:q000000001", "d:q000000002"}


def test_or_finds_either_word(filled):
    assert ids(filled, "Daesh OR talibanised") == {"d:q000000003", "d:q000000004"}


def test_not_and_minus_exclude(filled):
    assert ids(filled, "taliban -envoys") == {"d:q000000001"}
    assert ids(filled, "valley NOT daesh") == {"d:q000000003"}
    assert ids(filled, "-taliban") == set()  # exclusions alone find nothing


def test_prefix_matches_word_starts(filled):
    assert ids(filled, "taliban*") == {"d:q000000001", "d:q000000002", "d:q000000003"}


def test_an_operator_query_has_no_any_word_fallback(filled):
    assert ids(filled, '"taliban envoys" zeppelin') == set()


def test_parser_quotes_every_word_for_fts5():
    assert to_fts5(parse_query('a OR "b c" -d e*')) == '(("a" OR "b c") AND "e"*) NOT ("d")'
    assert to_fts5(parse_query("NEAR(a b) col:x")) == '"NEAR a" AND "b" AND "col x"'


def test_correct_document_keeps_the_original_and_reindexes_the_title(filled):
    doc = filled.correct_document(
        "d:q000000003", title="Militia on the ridge", published="2021-07", author="Desk"
    )
    assert (doc.title, doc.published, doc.author) == ("Militia on the ridge", "2021-07", "Desk")
    assert doc.meta["original"] == {"title": None, "published": None, "author": None}
    again = filled.correct_document("d:q000000003", title="Militia on the high ridge")
    assert again.meta["original"]["title"] is None  # the first value read stays
    assert again.meta["corrected"] == ["author", "published", "title"]
    assert again.text == TEXTS["d:q000000003"]
    assert ids(filled, "ridge") == {"d:q000000003"}
    assert ids(filled, "high ridge") == {"d:q000000003"}
    with pytest.raises(StoreError, match="only title, published, author"):
        filled.correct_document("d:q000000003", text="new")
    with pytest.raises(StoreError, match="no such document"):
        filled.correct_document("d:nothere0001", title="x")


def test_source_grades_are_kept_in_the_store(store):
    assert store.source_grades() == {"authors": {}, "publishers": {}}
    store.set_source_grade("publisher", "example-news.org", "B")
    store.set_source_grade("author", "Staff writer", "C")
    store.set_source_grade("author", "Staff writer", "A")  # a second grade replaces the first
    assert store.source_grades() == {
        "authors": {"Staff writer": "A"},
        "publishers": {"example-news.org": "B"},
    }
    store.set_source_grade("publisher", "example-news.org", None)
    assert store.source_grades()["publishers"] == {}
    with pytest.raises(StoreError, match="grade must be one of A-F"):
        store.set_source_grade("author", "X", "G")
    with pytest.raises(StoreError, match="'author' or 'publisher'"):
        store.set_source_grade("editor", "X", "A")


def test_a_word_in_more_articles_than_are_ranked_ranks_the_newest(store):
    docs = [
        Document(
            id=f"d:r{n:09d}", source=f"r{n}.txt", text=f"Valley report {n}.", content_hash=f"r{n}"
        )
        for n in range(6)
    ]
    store.add_documents(docs)
    store.ranked = 4  # normally sql.RANKED (2,000): a search costs the same at any size
    assert ids(store, "valley") == {d.id for d in docs[2:]}
    assert ids(store, "report 1") == {"d:r000000001"}  # fewer matches: all of them ranked
