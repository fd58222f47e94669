"""The relation reader the extractor runs: the rules' readings weighed by the shipped model.

Without a model file (a user who removed it, or ``CROSSROADS_LEARNED=0``) the rules'
readings stand alone, as before there was a model.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from crossroads import settings
from crossroads.extraction.relations import read_relations as rule_relations
from crossroads.learn import relations as learned
from crossroads.learn.linear import LinearModel
from crossroads.model import Relation
from crossroads.pack import Pack

__all__ = ["MODELS", "RelationReader", "load_model"]

MODELS = Path(__file__).parent / "models"
"""Where the shipped model files live (``crossroads train`` rebuilds them)."""
RELATIONS = "relations.npz"


@cache
def load_model(folder: str, name: str) -> LinearModel | None:
    path = Path(folder) / name
    return LinearModel.load(path) if path.exists() else None


def pack_facts(pack: Pack) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) of every pack relation, a feature of a pair."""
    return {(r.subject, r.predicate, r.object) for r in pack.relations if r.object}


class RelationReader:
    """Callable Doc -> relations: the model's verdict on every candidate pair, plus the rules'
    ``has_resource`` readings (no object, so no pair to weigh)."""

    def __init__(self, pack: Pack, folder: Path | None = None) -> None:
        self.pack = pack_facts(pack)
        use = settings.get("learned") not in ("0", "false", "no")
        self.model = (
            load_model(str(folder or settings.get("models") or MODELS), RELATIONS) if use else None
        )

    def __call__(self, doc: Doc) -> list[Relation]:
        rules = rule_relations(doc)
        if self.model is None:
            return rules
        threshold = float(self.model.meta.get("threshold", 0.5))
        out = learned.decide(doc, rules, self.model, self.pack, threshold)
        return out + [r for r in rules if r.object is None]
