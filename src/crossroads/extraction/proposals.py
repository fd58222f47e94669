"""Names NER did not mark, proposed to the learned entity review, which keeps the few that
name something and drops the rest.

spaCy's small English model misses names it has not seen in a context it does not know: a
minister after a long title, a village in a list, a city in a dateline, a station in a
hyphenated chain. What it still does is tag them as proper nouns, so every run of capitalised
proper nouns that no entity covers is a candidate, and so is every NER span the typer found no
type for ("<name>" read as a work of art). Most candidates are no entities (a headline's
words, a page's furniture); the review (learn/entities.py) learns from the annotated articles
which are, and of which type. Without a review model no candidate is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from crossroads.extraction.links import joined

__all__ = [
    "MAX_TOKENS",
    "NUMBERED",
    "PART",
    "PROPOSALS",
    "TAIL",
    "TRIMMED",
    "find_proposals",
]

PROPOSALS = "proposals"
"""The span group of candidate names, each labelled with the rules' guess of its type."""
TRIMMED, PART, NUMBERED, TAIL = "trimmed", "part", "numbered", "tail"
"""The marks (``kb_id``) of a candidate that is another reading of a longer run."""
MAX_TOKENS = 8
"""A longer run of capitalised words is a headline, not a name."""
_JOINERS = frozenset({"of", "for", "the", "al", "ul", "ud", "de"})
"""Lower-case words inside a name between two capitalised ones ("Hall of the People")."""


def _proper(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.text[:1].isupper() and any(c.isalpha() for c in t.text)


def _runs(doc: Doc, taken: set[int]) -> Iterable[tuple[int, int]]:
    """Maximal runs of capitalised proper nouns outside ``taken`` within one sentence, joined
    by glued hyphens and by lower-case joiners that have a proper noun on each side."""
    i, n = 0, len(doc)
    while i < n:
        if i in taken or not _proper(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n and j not in taken and not doc[j].is_sent_start:
            t = doc[j]
            if _proper(t):
                j += 1
                continue
            k = j
            while k < n and k not in taken and (joined(doc, k) or doc[k].lower_ in _JOINERS):
                k += 1
            if k > j and k < n and k not in taken and _proper(doc[k]):
                j = k
                continue
            break
        if j - i <= MAX_TOKENS:
            yield i, j
        i = j


def find_proposals(
    doc: Doc,
    names: Iterable[Span],
    others: Iterable[Span],
    unused: Iterable[Span],
    guess: Callable[[Span], str | None],
) -> list[Span]:
    """Candidate names outside the ``names`` found (entities, links) and ``others`` (dates,
    demonyms): the ``unused`` NER spans the typer gave no type, then runs of capitalised
    proper nouns, each labelled ``guess(span)``; a span ``guess`` finds no name (None) is no
    candidate, nor is a run right before or after a name found (a piece of a longer name the
    rules cut, "<place> River", is no name alone; a person's name there measured no better:
    relations 0.715 -> 0.709, and the two joined as one candidate cost entities 0.9191 ->
    0.9169 over five fold draws). Each run's other readings (``_alternatives``) are
    candidates too."""
    named = {i for e in names for i in range(e.start, e.end)}
    covered = named | {i for e in others for i in range(e.start, e.end)}
    out: list[Span] = []
    for s in unused:
        if len(s) <= MAX_TOKENS and not any(i in covered for i in range(s.start, s.end)):
            covered.update(range(s.start, s.end))
            if (kind := guess(s)) is not None:
                out.append(Span(doc, s.start, s.end, label=kind))
    for start, end in _runs(doc, covered):
        if start - 1 in named or end in named:
            continue
        for a, b, alt in [(start, end, ""), *_alternatives(doc, start, end)]:
            if (kind := guess(doc[a:b])) is not None:
                out.append(Span(doc, a, b, label=kind, kb_id=alt))
    return sorted(out, key=lambda s: s.start)


def _alternatives(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """Other readings of a run, marked for the review, which keeps the likeliest of those
    that overlap: without a sentence's capitalised first word ("NEAR <village>"), with the
    number after it ("<Name> Order 13224"), each part of a hyphenated chain
    ("<town>-<pass>-<town>"), and the last two or three words of a run with a lower-case
    joiner in it ("<Title> of <Body> <Given> <Surname>": a name after a post)."""
    out = []
    if any(doc[i].lower_ in _JOINERS for i in range(start + 1, end - 2)):
        out += [
            (end - n, end, TAIL)
            for n in (2, 3)
            if end - n - 2 >= start
            and all(_proper(t) for t in doc[end - n : end])
            and _proper(doc[end - n - 1])
        ]
    if end - start >= 2 and doc[start].is_sent_start and _proper(doc[start + 1]):
        out.append((start + 1, end, TRIMMED))
    if end < len(doc) and doc[end].is_digit and end - start < MAX_TOKENS:
        out.append((start, end + 1, NUMBERED))
    hyphens = [i for i in range(start + 1, end - 1) if joined(doc, i)]
    if hyphens:
        edges = [start - 1, *hyphens, end]
        out += [(a + 1, b, PART) for a, b in pairwise(edges) if _proper(doc[a + 1])]
    return out
