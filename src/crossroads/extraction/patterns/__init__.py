"""Trigger lexicons for relations, events and quotes, kept as data (TOML files beside this module).

Rules read words from here so a user can widen a lexicon without touching code.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["lexicon"]


@cache
def lexicon(name: str) -> dict[str, Any]:
    """The parsed ``NAME.toml`` of this folder (cached: read once per process)."""
    with open(Path(__file__).with_name(f"{name}.toml"), "rb") as f:
        return tomllib.load(f)
