"""What a figure in a sentence measures: the noun it counts or sizes.

Two figures compete only for the same measure. A sentence about a border may give the
length of a power line along it ("a 45 km power line along the border"); that figure
is the line's, not the border's, and must not be set against a border of 150 km.
"""

from __future__ import annotations

import re

__all__ = ["MEASURED", "measure", "measures_relation"]

MEASURED = {
    "borders": frozenset({"border", "frontier", "boundary", "borderline"}),
}
"""Per predicate, the nouns a figure of the relation itself is attached to."""

_NUMBER = re.compile(r"\d[\d,.]*")
_UNITS = frozenset(
    """km kms kilometre kilometres kilometer kilometers mile miles metre metres
meter meters m ft feet sq square cubic hectare hectares acre acres ton tons tonne tonnes
thousand million billion trillion mn bn long wide deep high strong sized size odd""".split()
)
_FILLERS = frozenset(
    """of the its their his her a an some about around nearly almost over
more than least at roughly approximately estimated""".split()
)
_BEFORE = _FILLERS | frozenset(
    """length lengths total is are was were runs run stretches
stretch stretching extends extend extending spans span measures measuring with""".split()
)
"""Words between a noun and the figure said of it ("a line with a total length of 45 km")."""
_STOPS = frozenset(
    """along across in on at from to between with into near inside outside
through by for and or but which that who is are was were has have had""".split()
)
_WORD = re.compile(r"[A-Za-z]+|[^\sA-Za-z]")


def _digits(value: object) -> str | None:
    m = _NUMBER.search(str(value))
    if not m:
        return None
    text = m.group().rstrip(".,")
    whole = text.split(".")[0] if text.count(".") == 1 and "," not in text else text
    return whole.replace(",", "") or None


def _noun(tokens: list[str], skip: frozenset[str]) -> str | None:
    for tok in tokens:
        low = tok.lower()
        if tok == "-" or low in skip:
            continue
        if not tok.isalpha() or low in _STOPS:
            return None
        return low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    return None


def measure(sentence: str, value: object) -> str | None:
    """The noun the figure ``value`` sizes in ``sentence``: the one right after it ("a 45 km
    power line"), else the one it is said of before it ("a line with a length of 45 km",
    "the border is 150 km long"); units and articles are skipped, plurals folded. None when
    the figure is not found or no noun is tied to it."""
    digits = _digits(value)
    if not digits:
        return None
    pattern = r"(?<![\d.,])" + r",?".join(re.escape(c) for c in digits) + r"(?:\.\d+)?(?![\d])"
    m = re.search(pattern, sentence)
    if not m:
        return None
    after = _noun(_WORD.findall(sentence[m.end() :])[:8], _UNITS | _FILLERS)
    if after is not None:
        return after
    return _noun(_WORD.findall(sentence[: m.start()])[::-1][:8], _BEFORE)


def measures_relation(predicate: str, sentence: str, value: object) -> bool:
    """Whether a figure read with a relation measures the relation itself: False only when
    the sentence ties it to another noun than the relation's own ("45 km power line")."""
    own = MEASURED.get(predicate)
    if own is None:
        return True
    noun = measure(sentence, value)
    return noun is None or noun in own
