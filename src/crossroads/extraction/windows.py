"""Long documents read in overlapping windows, their readings merged with exact offsets.

Why: spaCy refuses texts over ``nlp.max_length`` (E088), and parts of the readers cost more
than linear time in a document's length. A document longer than WINDOW_CHARS is read as
windows of about that size, cut at paragraph or sentence ends; each window after the first
starts OVERLAP_CHARS earlier, so the sentences at its start still have the context before
them. Every reading belongs to the one window that owns the position where its evidence
ends (the windows' owned parts tile the text), and its offsets are shifted back into the
whole document, so a merged Extraction is what one pass over the document would point at.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator

from crossroads import model

WINDOW_CHARS = 10_000
OVERLAP_CHARS = 1_500
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE = re.compile(r"[.!?…][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")


@dataclasses.dataclass(frozen=True)
class Window:
    """text[start:end] is read; readings that end in (owns_from, end] are kept."""

    start: int
    end: int
    owns_from: int


def _last_cut(text: str, lo: int, hi: int) -> int | None:
    """The last paragraph end, else sentence end, else space in text[lo:hi] (its end)."""
    for rx in (_PARAGRAPH, _SENTENCE, _SPACE):
        cut = None
        for m in rx.finditer(text, lo, hi):
            cut = m.end()
        if cut is not None and cut > lo:
            return cut
    return None


def _first_start(text: str, lo: int, hi: int) -> int:
    """The first paragraph or sentence start in text[lo:hi], else the first word, else lo."""
    for rx in (_PARAGRAPH, _SENTENCE, _SPACE):
        for m in rx.finditer(text, lo, hi):
            if m.end() < hi:
                return m.end()
            break
    return lo


def split(text: str, size: int = WINDOW_CHARS, overlap: int = OVERLAP_CHARS) -> list[Window]:
    """Windows that cover ``text``: one for a text of at most ``size`` characters."""
    if not isinstance(text, str) or len(text) <= size:  # (not text: the extractor reports it)
        return [Window(0, len(text) if isinstance(text, str) else 0, 0)]
    out: list[Window] = []
    start = owns_from = 0
    while True:
        if len(text) - start <= size:
            out.append(Window(start, len(text), owns_from))
            return out
        hi = start + size
        end = _last_cut(text, max(owns_from + 1, hi - size // 4), hi) or hi
        out.append(Window(start, end, owns_from))
        start = _first_start(text, max(end - overlap, owns_from + 1), end)
        owns_from = end


def _shift(x: model.Extraction, w: Window) -> model.Extraction:
    """The readings of one window that it owns, with offsets into the whole document."""

    def ev(e: model.Evidence) -> model.Evidence:
        return dataclasses.replace(e, start=e.start + w.start, end=e.end + w.start)

    def owned(end: int) -> bool:
        return w.owns_from < end + w.start <= w.end

    return model.Extraction(
        x.doc,
        entities=list(x.entities),
        mentions=[
            dataclasses.replace(m, start=m.start + w.start, end=m.end + w.start)
            for m in x.mentions
            if owned(m.end)
        ],
        relations=[
            dataclasses.replace(r, evidence=ev(r.evidence))
            for r in x.relations
            if owned(r.evidence.end)
        ],
        events=[
            dataclasses.replace(e, evidence=ev(e.evidence))
            for e in x.events
            if owned(e.evidence.end)
        ],
        quotes=[
            dataclasses.replace(q, evidence=ev(q.evidence))
            for q in x.quotes
            if owned(q.evidence.end)
        ],
    )


def _merge(doc: str, parts: list[model.Extraction]) -> model.Extraction:
    """One Extraction of the windows' owned readings; an entity named in several windows is
    one entity with its aliases gathered."""
    out = model.Extraction(doc)
    entities: dict[str, model.Entity] = {}
    for x in parts:
        out.mentions += x.mentions
        out.relations += x.relations
        out.events += x.events
        out.quotes += x.quotes
        for e in x.entities:
            old = entities.get(e.id)
            if old is None:
                entities[e.id] = e
            else:
                names = dict.fromkeys((*old.aliases, e.name, *e.aliases))
                entities[e.id] = dataclasses.replace(
                    old,
                    aliases=tuple(n for n in names if n != old.name),
                    data={**(e.data or {}), **(old.data or {})},
                )
    out.entities = list(entities.values())
    return out


Extract = Callable[[list[model.Document]], Iterable[model.Extraction]]


def run(
    docs: list[model.Document],
    extract: Extract,
    size: int = WINDOW_CHARS,
    overlap: int = OVERLAP_CHARS,
) -> Iterator[model.Extraction]:
    """Extractions of ``docs`` in order, long ones read window by window through ``extract``
    (which must yield one Extraction per document it is given, in order)."""
    plans = [split(d.text, size, overlap) for d in docs]
    parts = [
        d if len(ws) == 1 else dataclasses.replace(d, text=d.text[w.start : w.end])
        for d, ws in zip(docs, plans)
        for w in ws
    ]
    results = iter(extract(parts))
    for d, ws in zip(docs, plans):
        got = [next(results) for _ in ws]
        yield got[0] if len(ws) == 1 else _merge(d.id, [_shift(x, w) for x, w in zip(got, ws)])
