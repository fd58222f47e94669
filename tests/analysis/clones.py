"""Clone the hand-made world's documents with everything read from them (as the scale
benchmark does), so an entity's knowledge holds many readings of the same sentences."""

from __future__ import annotations

from dataclasses import replace

from crossroads.model import Document, Evidence, Extraction
from crossroads.store.base import Store


def clone_documents(store: Store, copies: int) -> list[Document]:
    """Add ``copies`` clones of each stored article (a line added at the end, so offsets
    hold; same entities); returns the clones."""
    originals = [d for d in store.documents() if d.kind == "article" and not d.duplicate_of]
    docs, xs = [], []
    for n in range(copies):
        for doc in originals:
            full = store.get_document(doc.id)
            assert full is not None
            new_id = f"{doc.id}-c{n}"

            def ev(e: Evidence, new_id: str = new_id) -> Evidence:
                return Evidence(new_id, e.start, e.end)

            mentions = store.mentions(doc=doc.id)
            ids = dict.fromkeys(m.entity for m in mentions)
            ents = [e for e in (store.get_entity(i) for i in ids) if e is not None]
            docs.append(
                replace(
                    full,
                    id=new_id,
                    text=full.text + f"\n\nCopy {n}.",
                    content_hash=f"{full.content_hash}-c{n}",
                    source=f"copies/{n}/{doc.source}",
                    parent=None,
                    meta={},
                )
            )
            xs.append(
                Extraction(
                    new_id,
                    ents,
                    [replace(m, doc=new_id) for m in mentions],
                    [replace(r, evidence=ev(r.evidence)) for r in store.relations(doc=doc.id)],
                    [replace(e, evidence=ev(e.evidence)) for e in store.events(doc=doc.id)],
                    [replace(q, evidence=ev(q.evidence)) for q in store.quotes(doc=doc.id)],
                )
            )
    store.add_documents(docs, xs)
    return docs
