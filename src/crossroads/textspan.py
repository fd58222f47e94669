"""Cutting readable context out of stored text by offsets (for mentions without a parse)."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?…”\"])\s+(?=[“\"A-Z0-9])|\n\s*\n")


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """Offsets of the sentence holding text[start:end], at most ``limit`` characters wide."""
    left = 0
    # search one character past start: the boundary's lookahead must see the first letter
    for b in _BOUNDARY.finditer(text, 0, min(len(text), start + 1)):
        if b.end() > start:
            break
        left = b.end()
    after = _BOUNDARY.search(text, end)
    right = after.start() if after else len(text)
    if right - left > limit:
        left = max(left, start - limit // 2)
        right = min(right, end + limit // 2)
    return left, right
