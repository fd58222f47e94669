"""The crossroads spaCy components; importing this package registers their factories.

Order in the pipeline (after spaCy's ner): pack matcher -> typer -> acronyms -> linker ->
dates. Each is a small ``Doc -> Doc`` callable registered under a versioned name.
"""
from __future__ import annotations

from crossroads.extraction.components.acronyms import AcronymReader
from crossroads.extraction.components.dates import DateNormaliser
from crossroads.extraction.components.linker import Linker
from crossroads.extraction.components.pack_matcher import PackMatcher
from crossroads.extraction.components.typer import Typer

PIPELINE = ("crossroads_pack_matcher_v1", "crossroads_typer_v1", "crossroads_acronyms_v1",
            "crossroads_linker_v1", "crossroads_dates_v1")

__all__ = ["PIPELINE", "AcronymReader", "DateNormaliser", "Linker", "PackMatcher", "Typer"]
