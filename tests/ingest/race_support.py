"""Helpers for the concurrent-ingest test: made-up files and a small extractor.

The extractor stands in for spaCy (two spaCy pipelines on a small machine would take
minutes): it names every place word of a document as an entity, with an alias that
depends on the document, so that two writers race to insert and merge the same entities.
The store, the pipeline and the files are the real ones.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from crossroads.model import Entity, Extraction, Mention

PLACES = [f"Place{c}{d}" for c in "ABCDEF" for d in "12345"]  # 30 entity names


def write_files(folder: Path, n: int = 40, seed: int = 12) -> None:
    """n articles of made-up words, far apart (no near-duplicates), sharing place names."""
    rng = random.Random(seed)
    vocab = [
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        for _ in range(3000)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sentences = []
        for _ in range(12):
            words = [rng.choice(vocab) for _ in range(10)]
            words.insert(rng.randrange(10), rng.choice(PLACES))
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        (folder / f"brief-{i:02d}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")


class PlaceExtractor:
    """Entities and mentions of the place words in each document."""

    def extract_many(self, docs):
        for d in docs:
            found = list(re.finditer(r"Place[A-F][1-5]", d.text))
            tag = int(d.id[2:6], 16) % 3
            entities = [
                Entity(
                    f"e:place/{m.group().lower()}",
                    "Place",
                    m.group(),
                    aliases=(f"{m.group()} district {tag}",),
                )
                for m in found
            ]
            mentions = [
                Mention(f"e:place/{m.group().lower()}", d.id, m.start(), m.end(), m.group())
                for m in found
            ]
            yield Extraction(d.id, entities=entities, mentions=mentions)


def ingest(url: str, folder: str, barrier=None) -> dict:
    """One ingest run of ``folder`` into the store at ``url`` (in its own process)."""
    from crossroads.ingest.pipeline import Ingest
    from crossroads.store import open_store

    with open_store(url) as store:
        runner = Ingest(store, PlaceExtractor, max_bytes=1 << 20, batch_files=4)
        if barrier is not None:
            barrier.wait(timeout=60)
        return runner.run([folder]).as_dict()


def snapshot(url: str) -> dict:
    """What a user could see of the store, independent of write order."""
    from crossroads.store import open_store

    with open_store(url) as store:
        docs = sorted((d.id, d.text) for d in store.documents())
        ents = sorted(
            (e.id, e.type, e.name, tuple(sorted(e.aliases)), n) for e, n in store.entities()
        )
        mentions = sorted((m.doc, m.entity, m.start, m.end) for m in store.mentions())
        by_alias = {
            a: [e.id for e in store.find_entities(a)]
            for a in ("PlaceA1 district 0", "PlaceF5 district 2", "placec3")
        }
    return {"documents": docs, "entities": ents, "mentions": mentions, "names": by_alias}
