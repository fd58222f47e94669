"""Relations, events and quotes as spaCy components, the last stages of the pipeline.

Each reads the processed Doc (entities linked, dates resolved) with its reader and puts what
it found on the Doc: ``doc._.relations``, ``doc._.events``, ``doc._.quotes``. The records
travel with the Doc through ``Doc.to_bytes`` (components/codec.py), so multi-process
``nlp.pipe`` returns them too. The reader is an attribute a caller may swap (the Extractor
puts the learned readers of crossroads.learn in place of the rules); ``None`` reads nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from crossroads.extraction import extensions
from crossroads.extraction.components import codec  # noqa: F401  (records through to_bytes)
from crossroads.extraction.events import read_events
from crossroads.extraction.patterns.sentence import _INDEX as MENTION_INDEX
from crossroads.extraction.quotes import read_quotes
from crossroads.extraction.relations import read_relations

Reader = Callable[[Doc], Iterable[Any]]

FIELDS = ("relations", "events", "quotes")
"""What the reading components fill, in pipeline order (the Extraction fields of the same name)."""


class Reading:
    """spaCy component: ``doc._.<field>`` = the reader's records for the doc, in its order."""

    def __init__(self, name: str, field: str, reader: Reader | None) -> None:
        self.name = name
        self.field = field
        self.reader = reader

    def __call__(self, doc: Doc) -> Doc:
        found = list(self.reader(doc)) if self.reader is not None else []
        # the readers' index of mentions holds Spans, which Doc.to_bytes cannot pack
        doc.user_data.pop(MENTION_INDEX, None)
        setattr(doc._, self.field, found)
        return doc


@Language.factory(
    "crossroads_relations_v1",
    requires=["doc.ents", "doc._.entities", "doc._.doc_id"],
    assigns=["doc._.relations"],
)
def make_relations(nlp: Language, name: str) -> Reading:
    extensions.register()
    return Reading(name, "relations", read_relations)


@Language.factory(
    "crossroads_events_v1",
    requires=["doc.ents", "doc._.entities", "doc._.published"],
    assigns=["doc._.events"],
)
def make_events(nlp: Language, name: str) -> Reading:
    extensions.register()
    return Reading(name, "events", read_events)


@Language.factory(
    "crossroads_quotes_v1",
    requires=["doc.ents", "doc._.entities", "doc._.published"],
    assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str) -> Reading:
    extensions.register()
    return Reading(name, "quotes", read_quotes)
