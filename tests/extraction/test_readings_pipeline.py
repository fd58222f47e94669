"""Relations, events and quotes as spaCy components: seen in the pipeline, swappable, and
their records on the Doc survive the bytes that multi-process ``nlp.pipe`` sends."""

from __future__ import annotations

from spacy.tokens import Doc

from crossroads.extraction.components import READINGS
from crossroads.extraction.quotes import read_quotes
from crossroads.model import Document

TEXT = (
    "Emomali Rahmon met the president of Uzbekistan in Tashkent on 12 March 2021. "
    "Tajikistan is a member of the Collective Security Treaty Organization. "
    '"We will open the bridge next year," Emomali Rahmon said on Friday. '
    "The Taliban attacked a checkpoint in Afghanistan on Monday."
)


def _doc(nlp, text: str = TEXT) -> Doc:
    doc = nlp.make_doc(text)
    doc._.doc_id = "d:readings"
    doc._.published = "2021-05-25"
    return doc


def test_readings_are_the_last_components(nlp):
    assert nlp.pipe_names[-3:] == list(READINGS)
    meta = nlp.get_pipe_meta("crossroads_relations_v1")
    assert "doc._.relations" in meta.assigns and "doc.ents" in meta.requires


def test_readings_equal_the_plain_readers(extractor, nlp):
    doc = nlp(_doc(nlp))
    readers = extractor.readers
    plain = nlp(_doc(nlp))  # a second Doc, read by calling each reader directly
    assert doc._.relations and doc._.events and doc._.quotes
    assert doc._.relations == readers["relations"](plain)
    assert doc._.events == readers["events"](plain)
    assert doc._.quotes == read_quotes(plain)
    assert type(readers["relations"]).__name__ == "RelationReader"  # the learned reader


def test_readings_survive_doc_bytes(nlp):
    doc = nlp(_doc(nlp))
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.relations == doc._.relations
    assert back._.events == doc._.events
    assert back._.quotes == doc._.quotes
    assert isinstance(back._.quotes[0].evidence.start, int)
    assert back._.quotes[0].about == doc._.quotes[0].about  # tuples stay tuples


def test_readings_come_back_from_two_process_pipe(nlp):
    docs = [_doc(nlp, TEXT), _doc(nlp, "Tajikistan borders Afghanistan. " * 3)]
    one = [(d._.relations, d._.events, d._.quotes) for d in nlp.pipe(docs, n_process=1)]
    two = [
        (d._.relations, d._.events, d._.quotes)
        for d in nlp.pipe([_doc(nlp, d.text) for d in docs], n_process=2, batch_size=1)
    ]
    assert one == two and one[0][0]


def test_readings_swapped_reader_is_used(pack):
    from crossroads.extraction.extractor import Extractor

    ex = Extractor(pack=pack)
    ex.readers = {**ex.readers, "quotes": lambda doc: [], "events": None}  # type: ignore[dict-item]  # None drops a reader, as leaving it out does
    x = ex.extract(Document("d:swap", "s.txt", TEXT, published="2021-05-25"))
    assert x.relations and x.quotes == [] and x.events == []
    assert "events" not in ex.readers and ex.readers["quotes"] is not read_quotes
