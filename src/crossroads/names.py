"""Whether two spellings name the same person ("Haibatullah Akhunzada", "Hibatullah Akhundzada").

Names from Pashto, Dari, Russian or Arabic reach English in several transliterations. Two
person names match when, after folding and dropping titles ("Mullah", "Dr."), they have the
same number of parts and every part pair is close by Jaro-Winkler (rigour's implementation,
the one followthemoney's matchers use) within a small edit budget. A part is never matched
on its first letters alone, so "Jalaluddin Qaderi" and "Nasiruddin Qaderi" stay two people.

``SAME_PERSON`` was measured with benchmarks/bench_names.py on the pack's person names and
their listed spellings plus made-up near misses: at 0.88, 64 of 99 spelling pairs match
(the rest are nicknames, dropped or added name parts and heavier transliterations, e.g.
"Japarov"/"Zhaparov") and 2 of 3,789 pairs of different people do, both made-up names a
letter apart ("Abdullaev"/"Abdulaev") that no spelling rule could tell apart. At 0.85 a
third pair of people ("Ruhullah"/"Nurullah Sharifzada") would merge; at 0.90 the issue's
own example ("Haibatullah"/"Hibatullah Akhundzada", 0.883) would not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import remove_person_prefixes
from rigour.text.distance import jaro_winkler, levenshtein

from crossroads.model import fold

__all__ = [
    "HONORIFICS",
    "SAME_PERSON",
    "PersonIndex",
    "name_parts",
    "person_similarity",
    "same_person",
]

SAME_PERSON = 0.88
"""Lowest Jaro-Winkler similarity of the least alike part pair for one person."""

HONORIFICS = frozenset(
    "mullah mulla maulvi mawlawi maulana mawlana mufti sheikh shaikh haji hajji qari".split()
)
"""The region's religious honorifics before a name, none of them also a given name ("Amir",
"Hafiz" and "Sayed" are both, so they stay). The typer's titles hold them too."""
_TITLES = HONORIFICS | frozenset("dr mr mrs ms prof general gen colonel".split())
"""Titles before a name in the region's reporting."""


@lru_cache(maxsize=8192)
def name_parts(name: str) -> tuple[str, ...]:
    """The folded parts of a person's name without leading titles: 'Mullah Abdul-Ghani
    Baradar' -> ('abdul', 'ghani', 'baradar')."""
    words = re.sub(r"[^\w\s]", " ", fold(remove_person_prefixes(name))).split()
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return tuple(words)


def _part_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 4:
        return 0.0  # "Ali"/"Ari": too short to tell a variant from another name
    if levenshtein(a, b) > max(1, min(len(a), len(b)) // 3):
        return 0.0  # more edits than a transliteration makes
    return jaro_winkler(a, b)


def person_similarity(a: str, b: str) -> float:
    """0..1: the similarity of the least alike pair of parts, in order; 0 when the names
    have a different number of parts or only one."""
    pa, pb = name_parts(a), name_parts(b)
    if len(pa) != len(pb) or len(pa) < 2:
        return 0.0
    return min(_part_similarity(x, y) for x, y in zip(pa, pb))


def same_person(a: str, b: str, threshold: float = SAME_PERSON) -> bool:
    """Whether two full names are spellings of one person's name."""
    return person_similarity(a, b) >= threshold


class PersonIndex:
    """Known person names (a pack's names and spellings) to look a new spelling up in."""

    def __init__(self) -> None:
        self._by_size: dict[int, list[tuple[str, str]]] = {}

    def add(self, name: str, key: str) -> None:
        parts = name_parts(name)
        if len(parts) >= 2:
            self._by_size.setdefault(len(parts), []).append((name, key))

    def find(self, name: str, threshold: float = SAME_PERSON) -> str | None:
        """The key of the one person ``name`` is a spelling of; None when there is none, or
        when two different persons come equally close."""
        best: dict[str, float] = {}
        for known, key in self._by_size.get(len(name_parts(name)), []):
            score = person_similarity(name, known)
            if score >= threshold and score > best.get(key, 0.0):
                best[key] = score
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]
