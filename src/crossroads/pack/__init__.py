"""The region knowledge pack: reference entities, dated relations and rules, with sources."""

from __future__ import annotations

from crossroads.pack.loader import DEFAULT_PACK, Pack, holds_on, load_pack
from crossroads.pack.model import PackEntity, PackRelation, PackRule

__all__ = [
    "DEFAULT_PACK",
    "Pack",
    "PackEntity",
    "PackRelation",
    "PackRule",
    "holds_on",
    "load_pack",
]
