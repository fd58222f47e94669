"""The learned entity review as a pipeline stage, after linking and before the readings: the
shipped model (learn/entities.py) retypes or drops the entities the pack does not hold.

Without a model file, or with ``CROSSROADS_LEARNED=0``, the rules' entities stand as they are.
``crossroads train`` parses its articles with this stage switched off and reviews them with
models that did not see them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from crossroads import settings
from crossroads.extraction.components.linker import Linker

if TYPE_CHECKING:
    from crossroads.learn.linear import LinearModel
    from crossroads.pack import Pack


class EntityReview:
    """spaCy component: ``doc.ents`` and ``doc._.entities`` after the learned review."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.known: frozenset[str] = frozenset()
        self._model: LinearModel | None = None
        self._loaded = False
        self.nlp = nlp
        self._linker: Linker | None = None

    def set_pack(self, pack: Pack) -> None:
        self.known = frozenset(pack.entities)

    def model(self) -> LinearModel | None:
        """The shipped review model, read on first use (None: no review)."""
        if not self._loaded:  # learn/ imports the typer: read lazily, no import cycle
            from crossroads.learn.entities import ENTITIES
            from crossroads.learn.reader import MODELS, load_model

            use = settings.get("learned") not in ("0", "false", "no")
            folder = str(settings.get("models") or MODELS)
            self._model = load_model(folder, ENTITIES) if use else None
            self._loaded = True
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        if (model := self.model()) is not None:
            from crossroads.learn.entities import THRESHOLD, review

            # a name retyped or newly kept may be the short form of another ("<Body>" beside
            # "<Body> of <Region>", once both are organisations): the pipeline's linker links again
            changed = review(doc, model, self.known, float(model.meta.get("threshold", THRESHOLD)))
            if changed and (linker := self.linker()) is not None:
                linker(doc, again=True)
        return doc

    def linker(self) -> Linker | None:
        """The pipeline's own linker, found on first use (the pipeline is whole by then)."""
        if self._linker is None:
            self._linker = next((p for _, p in self.nlp.pipeline if isinstance(p, Linker)), None)
        return self._linker


@Language.factory("crossroads_entity_review_v1")
def make_entity_review(nlp: Language, name: str) -> EntityReview:
    return EntityReview(nlp, name)
