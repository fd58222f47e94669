"""Exports: each format is a module with ``write(store, fh, source=None, pack=None) -> int``.

- jsonl:   the facts export of docs/export.md (schema 1), what the scorer and other tools read
- ftm:     FollowTheMoney entities (Aleph/OpenAleph, OpenSanctions tools)
- csv:     events with ACLED-like columns
- graphml: the relation network (Gephi)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

FORMATS = {
    "jsonl": "crossroads.export.jsonl",
    "ftm": "crossroads.export.ftm",
    "csv": "crossroads.export.events_csv",
    "graphml": "crossroads.export.graphml",
}


def writer(fmt: str) -> Callable[..., int]:
    """The ``write`` function of an export format."""
    write: Callable[..., int] = importlib.import_module(FORMATS[fmt]).write
    return write
