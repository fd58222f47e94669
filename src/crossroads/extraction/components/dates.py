"""Gives each date expression in ``doc.spans["dates"]`` its ISO value (``span._.iso``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from crossroads.extraction import extensions  # noqa: F401  (registers span._.iso)
from crossroads.extraction.dates import resolve

_TAIL_STARTS = {
    "last",
    "this",
    "next",
    "past",
    "previous",
    "earlier",
    "later",
    "on",
    "in",
    "since",
    "yesterday",
    "today",
}
"""Words that may open the date part of a span NER stretched over a noun before it."""


class DateNormaliser:
    """spaCy component: ``span._.iso`` for every date span, resolved against ``doc._.published``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        spans = list(doc.spans.get("dates", []))
        for span in spans:
            span._.iso = resolve(span.text, published)
            # "an interview last month": NER took in the noun; the date is the tail
            for k in range(1, min(len(span), 4)):
                if span._.iso is not None:
                    break
                if span[k].lower_ in _TAIL_STARTS:
                    span._.iso = resolve(span[k:].text, published)
        # "the very next day (December 26)": the bracketed date dates the phrase before it
        by_start = {s.start: s for s in spans}
        for span in spans:
            inner = by_start.get(span.end + 1)
            if (
                span._.iso is None
                and inner is not None
                and doc[span.end].text == "("
                and inner.end < len(doc)
                and doc[inner.end].text == ")"
            ):
                span._.iso = inner._.iso
        return doc


@Language.factory("crossroads_dates_v1")
def make_date_normaliser(nlp: Language, name: str) -> DateNormaliser:
    return DateNormaliser(nlp, name)
