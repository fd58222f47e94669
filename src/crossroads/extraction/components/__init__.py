"""The crossroads spaCy components; importing this package registers their factories.

Before spaCy's parser: paragraphs (a blank line ends a sentence). After spaCy's ner: pack
matcher -> typer -> acronyms -> linker -> entity review -> dates -> relations -> events ->
quotes. Each is a small ``Doc -> Doc`` callable registered
under a versioned name; the last three are the readings (components/readings.py), whose
reader can be swapped.
"""

from __future__ import annotations

from crossroads.extraction.components.acronyms import AcronymReader
from crossroads.extraction.components.dates import DateNormaliser
from crossroads.extraction.components.linker import Linker
from crossroads.extraction.components.pack_matcher import PackMatcher
from crossroads.extraction.components.readings import Reading
from crossroads.extraction.components.review import EntityReview
from crossroads.extraction.components.typer import Typer

REVIEW = "crossroads_entity_review_v1"
"""The learned entity review (off while ``crossroads train`` parses its articles)."""
ENTITY_PIPELINE = (
    "crossroads_pack_matcher_v1",
    "crossroads_typer_v1",
    "crossroads_acronyms_v1",
    "crossroads_linker_v1",
    REVIEW,
    "crossroads_dates_v1",
)
"""The stages that find, type and link entities and resolve dates."""
READINGS = ("crossroads_relations_v1", "crossroads_events_v1", "crossroads_quotes_v1")
"""The stages that read relations, events and quotes from what the entity stages found."""
PIPELINE = ENTITY_PIPELINE + READINGS

__all__ = [
    "ENTITY_PIPELINE",
    "PIPELINE",
    "READINGS",
    "REVIEW",
    "AcronymReader",
    "DateNormaliser",
    "EntityReview",
    "Linker",
    "PackMatcher",
    "Reading",
    "Typer",
]
