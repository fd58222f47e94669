"""msgpack codec for ``model.Entity``, so ``doc._.entities`` survives ``Doc.to_bytes``.

spaCy ships Docs between processes (``nlp.pipe(n_process=2)``) as bytes, with user data
packed by srsly's msgpack; its registries take encoders for types it does not know.
Importing this module (the linker does) registers ours.
"""
from __future__ import annotations

from typing import Any

import srsly  # type: ignore[import-untyped]

from crossroads.model import Entity

_TAG = "__crossroads_entity__"


@srsly.msgpack_encoders("crossroads.entity")
def encode_entity(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, Entity):
        return {_TAG: [obj.id, obj.type, obj.name, list(obj.aliases), obj.data]}
    return obj if chain is None else chain(obj)


@srsly.msgpack_decoders("crossroads.entity")
def decode_entity(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _TAG in obj:
        eid, type_, name, aliases, data = obj[_TAG]
        return Entity(eid, type_, name, tuple(aliases), dict(data or {}))
    return obj if chain is None else chain(obj)
