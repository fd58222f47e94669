"""Quote speakers: "he said" after a quote naming other people is the person named before."""

from __future__ import annotations

import pytest
import rel_support

from crossroads.extraction.quotes import read_quotes

pytestmark = pytest.mark.slow
rel_nlp, rel_doc = rel_support.rel_nlp, rel_support.rel_doc  # session fixtures


def test_quotes_he_is_the_person_named_before_not_a_name_in_the_quote(rel_doc):
    doc = rel_doc(
        "Uzbek President Yusuf Khan Badri warned the Taliban on May 3 not to block "
        'the canal. "I warn the rulers of Afghanistan to give Pavel Orlovsky and the '
        'people of Badakhshan their water," he said during a visit to the province.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/yusuf-khan-badri"]
