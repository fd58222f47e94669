"""A relation found by a rule before evidence, dates and negation are attached, and the
small helpers every predicate rule shares.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from crossroads.extraction.patterns import lexicon
from crossroads.extraction.patterns.sentence import Ment, Sentence

STATE = ("Country",)
ORGS = ("Organization",)
GROUPS = ("ArmedGroup",)
PLACES = ("Place", "Country")
THEY = {"they", "both", "their", "them"}
POSS = {"'s", "’s", "'", "’"}
HYPOTHETICAL = {"would", "could", "might", "if", "whether", "unless"}
BODIES = {
    "group",
    "movement",
    "organisation",
    "organization",
    "alliance",
    "bloc",
    "outfit",
    "network",
    "party",
    "militia",
}
"""Nouns by which "the group's emir", "the group's fighters" point back to the body named before."""
SITES = {
    "city",
    "town",
    "port",
    "region",
    "province",
    "district",
    "village",
    "valley",
    "airport",
    "base",
    "harbour",
    "harbor",
    "corridor",
    "route",
    "road",
    "railway",
    "field",
    "fields",
    "area",
    "basin",
    "deposit",
    "terminal",
    "station",
    "oblast",
}
"""Nouns of a place or site: "the port of X" is X; "the X gas field in Y" is still X."""


Qualifiers = dict[str, str | int]
"""place, role, resource, quantity (ids and words from the sentence), length_km."""


@dataclass
class Reading:
    """A relation found by a rule, before evidence and dates are attached."""

    subject: Ment
    predicate: str
    object: Ment | None
    at: int
    """Token index of the trigger (negation and dates are read around it)."""
    qualifiers: Qualifiers = field(default_factory=dict)
    start: str | None = None
    end: str | None = None
    negated: bool | None = None


def lex_of(name: str) -> dict[str, list[str]]:
    """The trigger words of one predicate in patterns/relations.toml."""
    words: dict[str, list[str]] = lexicon("relations")[name]
    return words


def words_of(s: Sentence) -> list[str]:
    return [t.lower_ for t in s.toks]


def pairs(
    subjects: list[Ment], objects: list[Ment], predicate: str, at: int, **quals: str | int
) -> Iterator[Reading]:
    """One reading per subject and object of two coordinated groups."""
    for a in subjects:
        for b in objects:
            if a.id != b.id:
                yield Reading(a, predicate, b, at, dict(quals))
