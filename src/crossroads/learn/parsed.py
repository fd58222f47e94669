"""Annotated documents run through the extraction pipeline once, for training and folds.

Entities are not learned here, so one parse serves every fold. ``cache`` (a folder) keeps
the parsed Docs between runs; a cache entry is keyed by the documents, the spaCy model and
the extraction code and pack data that parsed them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, DocBin

from crossroads.learn.annotated import Annotated
from crossroads.model import Document

if TYPE_CHECKING:  # only for annotations: the extractor loads the learned readers
    from crossroads.extraction.extractor import Extractor

__all__ = ["Parsed", "parse_all"]

log = logging.getLogger(__name__)


@dataclass
class Parsed:
    """One article of an annotated file with its processed Doc."""

    ann: Annotated
    doc: Document
    sdoc: Doc


@cache
def _code() -> str:
    """A digest of the extraction code and the pack data: a cache entry parsed by other code
    or another pack is stale."""
    import crossroads.extraction
    import crossroads.pack

    h = hashlib.sha1()
    for pkg in (crossroads.extraction, crossroads.pack):
        root = Path(next(iter(pkg.__path__)))
        for f in sorted(root.rglob("*")):
            if f.is_file() and f.suffix in (".py", ".toml", ".json", ".txt", ".csv"):
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()


def _key(extractor: Extractor, docs: list[Document]) -> str:
    h = hashlib.sha1(str(extractor.nlp.meta.get("name")).encode())
    h.update(str(extractor.nlp.pipe_names).encode())
    h.update(_code().encode())
    for d in docs:
        h.update(d.id.encode())
        h.update(str(d.published).encode())
    return h.hexdigest()[:16]


def parse_all(
    annotated: Iterable[Annotated], extractor: Extractor, cache: Path | None = None
) -> list[Parsed]:
    """Every article of ``annotated``, parsed by ``extractor`` (read from ``cache`` when there)."""
    items = [(a, d) for a in annotated for d in a.docs]
    docs = [d for _, d in items]
    path = Path(cache) / f"parsed-{_key(extractor, docs)}.spacy" if cache else None
    if path is not None and path.exists():
        sdocs = list(DocBin().from_disk(path).get_docs(extractor.nlp.vocab))
    else:
        sdocs = list(extractor.parse(docs))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=True, docs=sdocs).to_disk(path)
    return [Parsed(a, d, s) for (a, d), s in zip(items, sdocs, strict=True)]
