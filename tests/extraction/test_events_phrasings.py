"""Events from phrasings met on a third held-out set, tested on sentences of our own."""
from __future__ import annotations

import pytest
import rel_support

from crossroads.extraction.events import read_events

pytestmark = pytest.mark.slow
rel_nlp, rel_doc = rel_support.rel_nlp, rel_support.rel_doc  # session fixtures


def test_events_both_sides_are_the_two_states_just_named(rel_doc):
    evs = read_events(rel_doc("Tajikistan accused Uzbekistan of shelling villages, and both "
                              "sides later agreed to a ceasefire."))
    agree = [e for e in evs if e.type == "AGREE"]
    assert agree and set(agree[0].actors) == {"e:country/tj", "e:country/uz"}
