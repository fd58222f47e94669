"""A pair the text names in several sentences: each sentence is another chance that the text
states the relation, so the pair's reading pools them (noisy-or) on its likeliest sentence."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from crossroads.learn.relations import pooled

CLASSES = ["located_in", "member_of", "none"]
NONE = CLASSES.index("none")


def cand(a: str, b: str) -> SimpleNamespace:
    return SimpleNamespace(a=SimpleNamespace(id=a), b=SimpleNamespace(id=b))


def test_pooled_a_pair_restated_gets_the_chance_that_one_sentence_states_it():
    cands = [cand("e:depot", "e:oblast"), cand("e:depot", "e:oblast"), cand("e:depot", "e:x")]
    probs = np.array([[0.4, 0.0, 0.6], [0.3, 0.1, 0.6], [0.45, 0.0, 0.55]])
    got = pooled(cands, probs, NONE)  # type: ignore[arg-type]
    # credited once, to the sentence that states it most likely: 1 - 0.6 * 0.7
    assert got.keys() == {0} and np.isclose(got[0], 0.58)


def test_pooled_a_pair_named_once_or_read_otherwise_is_left_as_it_is():
    cands = [cand("e:a", "e:b"), cand("e:c", "e:d"), cand("e:c", "e:d")]
    probs = np.array([[0.5, 0.0, 0.5], [0.1, 0.3, 0.6], [0.35, 0.05, 0.6]])
    got = pooled(cands, probs, NONE)  # type: ignore[arg-type]
    assert 0 not in got  # one sentence: its own probability stands
    # each sentence credits only the predicate it reads likeliest
    assert np.isclose(got[2], 1 - 0.9 * 0.65) and np.isclose(got[1], 1 - 0.7 * 0.95)
