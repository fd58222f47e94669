"""The stand-ins for the model's attribute ruler and lemmatizer (components/stock.py): the
same parts of speech, morphology and lemmas as the stock components, sooner."""

from __future__ import annotations

import spacy
from spacy.pipeline import AttributeRuler

from crossroads import settings
from crossroads.extraction.components import stock
from crossroads.extraction.components.tokens import adapt_tokenizer

TEXTS = [
    "Tajikistan's president said on Monday that the border with Uzbekistan isn't closed.",
    "The ministers haven't agreed, but they'd signed two memoranda; nothin' was decided.",
    "Y' know, the militants were being driven out of the valleys by the 1st Brigade.",
    "  \n\nIt will not host the bases  it had hosted.\n\n",
    "Better roads, longer railways and the best-known corridor ran north.",
    "",
]
ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]


def _stock():
    nlp = spacy.load(settings.get("model"))
    adapt_tokenizer(nlp)
    return nlp


def test_stock_stand_ins_read_as_the_model_does(nlp):
    names = [type(p).__name__ for _, p in nlp.pipeline]
    assert "FastRuler" in names and "FastLemmatizer" in names
    assert "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names
    plain = _stock()
    with nlp.select_pipes(enable=plain.pipe_names):
        for ours, theirs in zip(nlp.pipe(TEXTS * 2), plain.pipe(TEXTS * 2), strict=True):
            assert (ours.to_array(ATTRS) == theirs.to_array(ATTRS)).all(), ours.text
            assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [
                (t.pos_, str(t.morph), t.lemma_) for t in theirs
            ]
    assert nlp("The envoys met.")[1].lemma_ == "envoy"


def test_stock_ruler_finds_the_matchers_matches(nlp):
    plain = _stock()
    ruler = nlp.get_pipe("attribute_ruler")
    theirs = plain.get_pipe("attribute_ruler")
    for doc in plain.pipe(TEXTS):
        assert ruler.match(doc) == [tuple(m) for m in theirs.match(doc)]


def test_stock_ruler_with_a_pattern_beyond_it_stays_stock():
    nlp = spacy.load(settings.get("model"))
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "bases", "OP": "+"}]], {"POS": "NOUN"})
    stock.install(nlp)
    names = [type(p).__name__ for _, p in nlp.pipeline]
    assert "AttributeRuler" in names and "FastLemmatizer" in names
