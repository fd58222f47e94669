"""A store seen through some of its documents, so the exports (written for a whole store
or one input file) can write exactly what a page shows: the documents a search found."""

from __future__ import annotations

from collections import Counter
from typing import Any

from crossroads.model import Document, Entity
from crossroads.store.base import Store


class DocumentView:
    """Everything of ``store`` as is, except that documents (and the entities the export
    walks) are only those of ``doc_ids``: facts, events and quotes follow from them."""

    def __init__(self, store: Store, doc_ids: list[str]) -> None:
        self._store = store
        self._ids = list(dict.fromkeys(doc_ids))

    def __getattr__(self, name: str) -> Any:  # the rest of Store's methods, as they are
        return getattr(self._store, name)

    def documents(
        self,
        source: str | None = None,
        parent: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Document]:
        docs = [
            d
            for d in map(self._store.get_document, self._ids)
            if d is not None
            and (source is None or d.source == source)
            and (parent is None or d.parent == parent)
        ]
        return docs[offset : offset + limit] if limit is not None else docs[offset:]

    def count_documents(self) -> int:
        return len(self.documents())

    def entities(
        self,
        type: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[tuple[Entity, int]]:
        if doc is not None:
            return self._store.entities(type=type, doc=doc, limit=limit, offset=offset)
        counts: Counter[str] = Counter()
        found: dict[str, Entity] = {}
        for d in self._ids:
            for ent, n in self._store.entities(type=type, doc=d):
                found[ent.id] = ent
                counts[ent.id] += n
        rows = [(found[i], n) for i, n in counts.most_common()]
        return rows[offset : offset + limit] if limit is not None else rows[offset:]
