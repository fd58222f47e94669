"""msgpack codec for the records on a Doc (``doc._.entities``, ``doc._.relations``,
``doc._.events``, ``doc._.quotes``), so they survive ``Doc.to_bytes``.

spaCy ships Docs between processes (``nlp.pipe(n_process=2)``) as bytes, with user data
packed by srsly's msgpack; its registries take encoders for types it does not know.
Importing this module (the linker and the reading components do) registers ours.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import srsly  # type: ignore[import-untyped]

from crossroads.model import Entity, Event, Evidence, Quote, Relation

_TAG = "__crossroads__"
_TYPES: dict[str, type] = {
    "entity": Entity,
    "relation": Relation,
    "event": Event,
    "quote": Quote,
    "evidence": Evidence,
}
_NAMES = {cls: name for name, cls in _TYPES.items()}
_TUPLES = {
    name: {f.name for f in fields(cls) if str(f.type).startswith("tuple")}
    for name, cls in _TYPES.items()
}
"""Fields msgpack turns into lists, turned back into tuples on the way in."""


@srsly.msgpack_encoders("crossroads.records")  # type: ignore[untyped-decorator]
def encode_record(obj: Any, chain: Any = None) -> Any:
    name = _NAMES.get(type(obj))
    if name is not None:
        return {_TAG: name, "f": [getattr(obj, f.name) for f in fields(obj)]}
    return obj if chain is None else chain(obj)


@srsly.msgpack_decoders("crossroads.records")  # type: ignore[untyped-decorator]
def decode_record(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and isinstance(name := obj.get(_TAG), str) and name in _TYPES:
        cls = _TYPES[name]
        values = {f.name: v for f, v in zip(fields(cls), obj["f"], strict=True)}
        for key in _TUPLES[name]:
            values[key] = tuple(values[key])
        return cls(**values)
    return obj if chain is None else chain(obj)
