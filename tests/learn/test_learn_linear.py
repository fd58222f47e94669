"""The shipped model format: weights as data, loaded without unpickling, same answers."""

from __future__ import annotations

import numpy as np

from crossroads.learn.fit import fit
from crossroads.learn.linear import LinearModel


def _rows() -> tuple[list[dict[str, float]], list[str]]:
    rows: list[dict[str, float]] = []
    labels: list[str] = []
    for k in range(30):
        rows.append({"btw=member": 1, f"noise={k % 3}": 1})
        labels.append("member_of")
        rows.append({"btw=border": 1, f"noise={k % 4}": 1})
        labels.append("borders")
        rows.append({"btw=visit": 1, f"noise={k % 5}": 1})
        labels.append("none")
    return rows, labels


def test_learn_linear_model_learns_and_round_trips(tmp_path):
    model = fit(*_rows(), meta={"threshold": 0.4})
    probs = model.predict_proba([{"btw=member": 1}, {"btw=border": 1, "unseen": 1}, {}])
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert model.best(probs[0])[0] == "member_of"
    assert model.best(probs[1])[0] == "borders"  # an unknown feature is ignored
    path = tmp_path / "m.npz"
    model.save(path)
    again = LinearModel.load(path)
    assert again.classes == model.classes and again.meta == {"threshold": 0.4}
    assert np.allclose(again.predict_proba([{"btw=member": 1}]), probs[:1], atol=1e-6)


def test_learn_linear_fit_is_deterministic():
    a, b = fit(*_rows()), fit(*_rows())
    assert a.features == b.features
    assert np.array_equal(a.coef, b.coef)
