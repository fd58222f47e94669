"""Custom attributes that extraction stages read and write on spaCy objects.

A processed Doc carries:
- ``doc.ents``: entity mentions; ``label_`` is a crossroads type (model.ENTITY_TYPES),
  ``kb_id_`` the entity id ('e:country/tj').
- ``doc.spans["demonyms"]``: adjective mentions of countries ("Russian envoy"), ``kb_id_`` set.
- ``doc.spans["dates"]``: date expressions, each with ``span._.iso`` (ISO at its precision).
- ``doc._.doc_id`` / ``doc._.published``: the stored document's id and ISO publication date.
- ``doc._.entities``: {entity id: model.Entity} for every entity the doc mentions.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span


def register() -> None:
    """Idempotent: safe to call from every module and every worker process."""
    for name, default in (("doc_id", None), ("published", None), ("entities", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("iso"):
        Span.set_extension("iso", default=None)


register()
