"""Pages that carry several articles, cut into one run of units per article.

Two general cues mark where one article ends and the next begins: an end-of-teaser
control on its own line ("Continue Reading", "Read more") and a repeated article head
(title, perhaps its standfirst, author, then a "Published"/"Posted on" marker). A run counts as an article only
when it holds running prose; runs of teasers and page furniture are dropped.
"""

from __future__ import annotations

from itertools import pairwise

from crossroads.ingest.boilerplate import END, PUBLISHED, TEXT, Unit, cut_tail, is_body, words
from crossroads.ingest.metadata import is_caption, is_dek, is_title_like

MIN_WORDS = 60
"""Fewest words of prose an article must have to stand as a document of its own."""


def _prose_words(units: list[Unit]) -> int:
    return sum(words(u.text) for u in units if u.label == TEXT)


def _has_body(units: list[Unit]) -> bool:
    return any(u.label == TEXT and is_body(u.text) for u in units)


def _head_starts(units: list[Unit]) -> list[int]:
    """Where each article head begins: the title before 'author / Published' markers."""
    starts = []
    for p, u in enumerate(units):
        if u.label != PUBLISHED or (p and units[p - 1].label == PUBLISHED):
            continue
        texts = [i for i in range(p - 1, max(-1, p - 7), -1) if units[i].label == TEXT][:4]
        if len(texts) < 2:
            continue
        start, above = texts[1], texts[2:]  # the title, above the author line
        if above and is_caption(units[start].text):
            start, above = above[0], above[1:]  # the title, above its photo's caption
        if above and is_title_like(units[above[0]].text) and is_dek(units, above[0], start):
            start, above = above[0], above[1:]  # the title, above its standfirst
        if above and words(units[above[0]].text) <= 3 and above[0] == start - 1:
            start = above[0]  # a section label just above the title
        starts.append(start)
    return starts


def _has_head(units: list[Unit]) -> bool:
    return any(u.label == PUBLISHED for u in units[:10]) and bool(_head_starts(units[:10]))


def split_articles(units: list[Unit]) -> list[list[Unit]]:
    """The runs of units that are articles, in page order (one run for a plain article page)."""
    runs: list[list[Unit]] = [[]]
    for u in units:
        if u.label == END:
            runs.append([])
        else:
            runs[-1].append(u)
    pieces: list[list[Unit]] = []
    for run in runs:
        cuts = [0] + [s for s in _head_starts(run) if s > 0] + [len(run)]
        parts = [run[a:b] for a, b in pairwise(cuts) if b > a]
        for part in parts:
            if pieces and not _has_head(part) and _has_body(pieces[-1]):
                if _has_body(part):  # the same article going on after a "Read more"
                    pieces[-1] = pieces[-1] + part
                continue  # headless furniture after an article: teasers, lists
            pieces.append(part)
    out = []
    for piece in pieces:
        piece = cut_tail(piece)
        if _has_body(piece) and _prose_words(piece) >= MIN_WORDS:
            out.append(piece)
    return out
