"""One request's documents: read in batches, without their text, and shared by every layer.

A page cites hundreds of sentences from hundreds of documents. Reading each document whole,
one query at a time (and again in the next layer) made a page thousands of queries and
megabytes of text; here documents come without text, many per query, and a cited sentence is
read as its span only.
"""

from __future__ import annotations

from collections.abc import Iterable

from crossroads.model import Document, Evidence
from crossroads.store.base import Store

Span = tuple[str, int, int]


class Documents:
    """Documents (title, date, source, links; ``text`` left empty) and evidence spans."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, Document | None] = {}
        self._spans: dict[Span, str] = {}
        self._texts: dict[str, str] = {}

    def load(self, doc_ids: Iterable[str]) -> None:
        """Read the documents not read yet, and the originals they duplicate, in batches."""
        wanted = [i for i in dict.fromkeys(doc_ids) if i and i not in self._docs]
        while wanted:
            found = self.store.documents_by_id(wanted, text=False)
            for i in wanted:
                self._docs[i] = found.get(i)
            wanted = [
                d.duplicate_of
                for d in found.values()
                if d.duplicate_of and d.duplicate_of not in self._docs
            ]

    def get(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            self.load([doc_id])
            if self._docs.get(doc_id) is None:  # an id prefix, as the reader's URLs allow
                self._docs[doc_id] = self.store.get_document(doc_id)
        return self._docs[doc_id]

    def load_spans(self, evidence: Iterable[Evidence | Span]) -> None:
        wanted = [s for s in dict.fromkeys(_span(e) for e in evidence) if s not in self._spans]
        if wanted:
            self.load(s[0] for s in wanted)
            self._spans.update(self.store.spans(wanted))
            for s in wanted:
                self._spans.setdefault(s, "")

    def span(self, doc_id: str, start: int, end: int) -> str:
        """The text between two offsets of a document ('' for an unknown document)."""
        key = (doc_id, int(start), int(end))
        if key in self._spans:
            return self._spans[key]
        # not fetched ahead: read the whole text once, as later spans of it are likely
        if doc_id not in self._texts:
            found = self.store.documents_by_id([doc_id])
            self._texts[doc_id] = found[doc_id].text if doc_id in found else ""
        return self._texts[doc_id][key[1] : key[2]]


def _span(e: Evidence | Span) -> Span:
    if isinstance(e, Evidence):
        return (e.doc, e.start, e.end)
    return (e[0], int(e[1]), int(e[2]))
