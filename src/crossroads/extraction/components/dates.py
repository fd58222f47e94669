"""Gives each date expression in ``doc.spans["dates"]`` its ISO value (``span._.iso``)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from crossroads.extraction import extensions  # noqa: F401  (registers span._.iso)
from crossroads.extraction.dates import resolve


class DateNormaliser:
    """spaCy component: ``span._.iso`` for every date span, resolved against ``doc._.published``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        for span in doc.spans.get("dates", []):
            span._.iso = resolve(span.text, published)
        return doc


@Language.factory("crossroads_dates_v1")
def make_date_normaliser(nlp: Language, name: str) -> DateNormaliser:
    return DateNormaliser(nlp, name)
