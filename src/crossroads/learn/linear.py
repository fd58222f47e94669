"""A trained linear classifier as plain data: feature names, one weight row per class.

Stored as one compressed ``.npz`` (weights as float32, names as strings) so reading needs
only numpy, loads in milliseconds and never unpickles code.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import NDArray

__all__ = ["LinearModel", "Meta", "thresholds_of"]

Meta = dict[str, float]
"""What a model was trained with and on: hyperparameters and counts, all numbers."""


def thresholds_of(meta: Meta) -> dict[str, float]:
    """The labels a model's meta gives a threshold of their own (``threshold:member_of``)."""
    return {k.split(":", 1)[1]: float(v) for k, v in meta.items() if k.startswith("threshold:")}


class LinearModel:
    """Multinomial logistic regression over sparse binary features."""

    def __init__(
        self,
        classes: list[str],
        features: list[str],
        coef: np.ndarray,
        intercept: np.ndarray,
        meta: Meta | None = None,
    ) -> None:
        self.classes = list(classes)
        self.index = {f: k for k, f in enumerate(features)}
        self.coef = np.asarray(coef, dtype=np.float32)  # (n_classes, n_features)
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.meta: Meta = dict(meta or {})

    @property
    def features(self) -> list[str]:
        return sorted(self.index, key=self.index.__getitem__)

    def predict_proba(self, rows: list[dict[str, float]]) -> NDArray[np.float64]:
        """Class probabilities, one row per feature dict (unknown features are ignored; a
        feature counts with its value, as in training)."""
        out = np.empty((len(rows), len(self.classes)), dtype=np.float64)
        for r, feats in enumerate(rows):
            known = [(self.index[f], v) for f, v in feats.items() if f in self.index and v]
            cols = [k for k, _ in known]
            vals = np.array([v for _, v in known], dtype=np.float64)
            z = self.intercept.astype(np.float64) + self.coef[:, cols] @ vals
            if len(self.classes) == 1:
                out[r] = 1.0
                continue
            if self.coef.shape[0] == 1:  # binary: one row scores the second class
                p = 1.0 / (1.0 + np.exp(-z[0]))
                out[r] = (1 - p, p)
                continue
            z -= z.max()
            e = np.exp(z)
            out[r] = e / e.sum()
        return out

    def best(self, probs: NDArray[np.float64]) -> tuple[str, float]:
        k = int(np.argmax(probs))
        return self.classes[k], float(probs[k])

    def save(self, path: Path) -> None:
        import json

        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            features=np.array(self.features),
            coef=self.coef,
            intercept=self.intercept,
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        import json

        with np.load(path, allow_pickle=False) as z:
            return cls(
                [str(c) for c in z["classes"]],
                [str(f) for f in z["features"]],
                z["coef"],
                z["intercept"],
                json.loads(str(z["meta"])),
            )
