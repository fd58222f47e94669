"""Custom attributes that extraction stages read and write on spaCy objects.

A processed Doc carries:
- ``doc.ents``: entity mentions; ``label_`` is a crossroads type (model.ENTITY_TYPES),
  ``kb_id_`` the entity id ('e:country/tj').
- ``doc.spans["demonyms"]``: adjective mentions of countries ("Russian envoy"), ``kb_id_`` set.
- ``doc.spans["dates"]``: date expressions, each with ``span._.iso`` (ISO at its precision).
- ``doc._.doc_id`` / ``doc._.published``: the stored document's id and ISO publication date.
- ``doc._.entities``: {entity id: model.Entity} for every entity the doc mentions.
- ``doc._.relations`` / ``doc._.events`` / ``doc._.quotes``: lists of model.Relation,
  model.Event and model.Quote the reading components found (None before they ran).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_DOC = ("doc_id", "published", "entities", "relations", "events", "quotes")


def register() -> None:
    """Idempotent: safe to call from every module and every worker process."""
    for name in _DOC:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("iso"):
        Span.set_extension("iso", default=None)


register()
