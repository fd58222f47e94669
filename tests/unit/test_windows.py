"""Long documents read in windows: the merged readings are those of one pass, offsets exact."""

from __future__ import annotations

import itertools
import random
import re

from crossroads.extraction.windows import run, split
from crossroads.model import Document, Entity, Evidence, Extraction, Mention, Relation

NAMES = ["Osh", "Termez", "Khujand", "Naryn", "Karakol", "Kulob"]


def _text(n: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    out, size = [], 0
    while size < n:
        s = (
            f"The road from {rng.choice(NAMES)} to {rng.choice(NAMES)} was "
            f"{rng.choice(['closed', 'repaired', 'widened'])} in {rng.choice(['May', 'June'])}."
        )
        out.append(s + ("\n\n" if rng.random() < 0.2 else " "))
        size += len(s) + 1
    return "".join(out).strip()


def _read(docs: list[Document]):
    """A reader of place names and 'road from A to B' sentences, offsets into what it is given."""
    for d in docs:
        ments = [
            Mention(f"e:place/{m.group().lower()}", d.id, m.start(), m.end(), m.group())
            for m in re.finditer("|".join(NAMES), d.text)
        ]
        rels = [
            Relation(
                f"e:place/{m.group(1).lower()}",
                "road_to",
                f"e:place/{m.group(2).lower()}",
                Evidence(d.id, m.start(), m.end()),
            )
            for m in re.finditer(r"The road from (\w+) to (\w+)[^.]*\.", d.text)
        ]
        ents = [Entity(m.entity, "Place", m.text) for m in ments]
        yield Extraction(d.id, entities=ents, mentions=ments, relations=rels)


def test_windows_tile_the_text_and_overlap():
    text = _text(60_000)
    ws = split(text, size=5_000, overlap=800)
    assert len(ws) > 10 and ws[0].start == 0 and ws[-1].end == len(text)
    for a, b in itertools.pairwise(ws):
        assert b.owns_from == a.end  # owned parts tile the text
        assert a.end - 800 <= b.start < a.end  # and each window has context before
        assert text[a.end - 1] in ".\n " and b.end - b.start <= 5_000


def test_windows_merge_is_what_one_pass_reads():
    text = _text(60_000)
    doc = Document(id="d:long", source="x", text=text)
    [whole] = _read([doc])
    [merged] = run([doc], lambda parts: _read(parts), size=5_000, overlap=800)
    assert sorted((m.start, m.end, m.entity) for m in merged.mentions) == sorted(
        (m.start, m.end, m.entity) for m in whole.mentions
    )
    assert sorted(r.evidence.start for r in merged.relations) == sorted(
        r.evidence.start for r in whole.relations
    )
    for m in merged.mentions:
        assert text[m.start : m.end] == m.text
    assert {e.id for e in merged.entities} == {e.id for e in whole.entities}
    short = Document(id="d:short", source="x", text="The road from Osh to Naryn was closed.")
    out = list(run([short, doc, short], lambda parts: _read(parts), size=5_000))
    assert [x.doc for x in out] == ["d:short", "d:long", "d:short"]
    assert len(out[1].relations) == len(whole.relations)
