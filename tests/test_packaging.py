"""A plain `pip install` must carry every data file the code reads (lexicons, pack data,
templates): an editable install hides a missing package-data glob, this test does not."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "crossroads"
NOT_SHIPPED = ("web/frontend/",)  # npm manifests: the build copies their output to static/vendor


def test_packaging_every_data_file_matches_a_package_data_glob():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["crossroads"]
    shipped = {p for g in globs for p in PACKAGE.glob(g) if p.is_file()}
    data = [
        p
        for p in PACKAGE.rglob("*")
        if p.is_file()
        and p.suffix not in (".py", ".pyc")
        and "node_modules" not in p.parts
        and "static/vendor" not in p.as_posix()
        and not p.relative_to(PACKAGE).as_posix().startswith(NOT_SHIPPED)
    ]
    missing = sorted(str(p.relative_to(PACKAGE)) for p in data if p not in shipped)
    assert not missing, f"not in any package-data glob of pyproject.toml: {missing}"
