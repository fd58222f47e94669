"""The model's own attribute ruler and lemmatizer, run with the same output at less cost.

Why: the two stock components cost as much as the parser (about a fifth of spaCy's time on
our texts), most of it spent outside their tables: the ruler runs spaCy's generic Matcher
over every token for its ~180 one- and two-token patterns, and the lemmatizer makes a Token
object per token to look its lemma up in a cache. Here the ruler finds the very same matches
through an index of its patterns by tag and word, and hands them to the stock component's
own ``set_annotations``; the lemmatizer reads its cache by (orth, POS, morph) off one array,
asking the stock component only for the forms it has not seen. Patterns these stand-ins do
not understand leave the stock component in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
from spacy.errors import Errors
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["install"]

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
"""Token attributes the ruler's patterns may test: their column in the token array."""
_ARRAY: list[int | str] = list(_COLUMNS)


class _Test:
    """One attribute test of one token, as the Matcher reads it: a value or ``IN`` (the
    value is among these), ``NOT_IN``, or ``REGEX`` (searched in the attribute's string)."""

    __slots__ = ("col", "negate", "regex", "seen", "values")

    def __init__(self, col: int, negate: bool, values: frozenset[int], regex: Any) -> None:
        self.col, self.negate, self.values, self.regex = col, negate, values, regex
        self.seen: dict[int, bool] = {}
        """REGEX: its verdict on each string met so far."""

    def __call__(self, row: list[int], strings: Any) -> bool:
        v = row[self.col]
        if self.regex is None:
            return (v in self.values) is not self.negate
        got = self.seen.get(v)
        if got is None:
            got = self.seen[v] = bool(self.regex.search(strings[v]))
        return got


def _test(attr: str, spec: object) -> _Test | None:
    """The test of ``{attr: spec}``, or None when the Matcher would read it otherwise."""
    if attr not in _COLUMNS:
        return None
    col = _COLUMNS[attr]
    op, v = next(iter(spec.items())) if isinstance(spec, dict) and len(spec) == 1 else ("", spec)
    if op == "REGEX":
        if attr == "IS_SPACE" or not isinstance(v, str):
            return None
        return _Test(col, False, frozenset(), re.compile(v))
    values = v if op in ("IN", "NOT_IN") else [v] if op == "" else None
    if not isinstance(values, list):
        return None
    out = []
    for x in values:
        if attr == "IS_SPACE" and isinstance(x, bool):
            out.append(int(x))
        elif attr != "IS_SPACE" and isinstance(x, str):
            out.append(get_string_id(x))
        else:
            return None
    return _Test(col, op == "NOT_IN", frozenset(out), None)


_Pattern = tuple[int, int, tuple[tuple[_Test, ...], ...]]
"""(rule index, match id, the tests of each token)."""
MEMO_ROWS = 100_000
"""Distinct tokens (tag, word, label, space) whose one-token matches the ruler remembers."""


def _compile(ruler: Any) -> list[_Pattern] | None:
    """The ruler's patterns as attribute tests, or None when one is beyond them (an
    operator such as ``OP``, another attribute or predicate)."""
    out: list[_Pattern] = []
    for k, rule in enumerate(ruler.patterns):
        key = get_string_id(str(k))
        for pattern in rule["patterns"]:
            if not pattern or not isinstance(pattern, list):
                return None
            tokens = []
            for spec in pattern:
                if not isinstance(spec, dict) or not spec:
                    return None
                tests = [_test(attr, v) for attr, v in spec.items()]
                if any(t is None for t in tests):
                    return None
                tokens.append(tuple(t for t in tests if t is not None))
            out.append((k, key, tuple(tokens)))
    return out


MEMO_ROWS = 100_000
"""Distinct tokens (tag, word, label, space) whose one-token matches the ruler remembers."""


class _Index:
    """Patterns filed under the values their first token may have (of its tag, else its
    word, else its dependency label), so a token is tested only against what may match it."""

    def __init__(self) -> None:
        self.by: tuple[dict[int, list[_Pattern]], ...] = ({}, {}, {})
        self.always: list[_Pattern] = []

    def add(self, p: _Pattern) -> None:
        first = {t.col: t for t in p[2][0] if t.regex is None and not t.negate}
        col = next((c for c in (0, 1, 2) if c in first), None)
        if col is None:
            self.always.append(p)
            return
        for v in first[col].values:
            self.by[col].setdefault(v, []).append(p)

    def get(self, row: list[int]) -> list[_Pattern]:
        tag, word, dep = self.by
        return [*tag.get(row[0], ()), *word.get(row[1], ()), *dep.get(row[2], ()), *self.always]

    def __bool__(self) -> bool:
        return bool(self.always) or any(self.by)


class FastRuler:
    """spaCy component: the stock attribute ruler's matches, found by index."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stock: Any = None
        self._one = _Index()
        """Patterns of one token."""
        self._longer = _Index()
        self._memo: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        """A token's attributes -> the (rule, match id) of the one-token patterns that match
        it, which read nothing else."""

    def wrap(self, stock: Any, patterns: list[_Pattern]) -> None:
        """Stand in for ``stock``, with its patterns compiled by ``_compile``."""
        self.stock = stock
        for p in patterns:
            (self._one if len(p[2]) == 1 else self._longer).add(p)

    def get_error_handler(self) -> Callable[..., Any]:
        handler: Callable[..., Any] = self.stock.get_error_handler()
        return handler

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (rule, match id, start, end), sorted."""
        rows = doc.to_array(_ARRAY).tolist() if len(doc) else []
        n = len(rows)
        found: set[tuple[int, int, int, int]] = set()
        strings = doc.vocab.strings
        memo = self._memo
        if len(memo) > MEMO_ROWS:
            memo.clear()
        for i, row in enumerate(rows):
            sig = tuple(row)
            ones = memo.get(sig)
            if ones is None:
                ones = memo[sig] = [
                    (k, key)
                    for k, key, tokens in self._one.get(row)
                    if all(test(row, strings) for test in tokens[0])
                ]
            for k, key in ones:
                found.add((k, key, i, i + 1))
            if self._longer:
                for k, key, tokens in self._longer.get(row):
                    if i + len(tokens) <= n and all(
                        test(rows[i + j], strings)
                        for j, tests in enumerate(tokens)
                        for test in tests
                    ):
                        found.add((k, key, i, i + len(tokens)))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        self.stock.set_annotations(doc, self.match(doc))
        return doc


class FastLemmatizer:
    """spaCy component: the stock rule lemmatizer, its cache read off one array."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stock: Any = None
        self._seen: dict[tuple[int, int, int], int] = {}
        """(orth, POS, morph) -> the lemma's hash: the stock lemma depends on nothing else,
        and the stock cache leaves out base forms (most nouns), which it works out anew."""

    def wrap(self, stock: Any) -> None:
        self.stock = stock

    def get_error_handler(self) -> Callable[..., Any]:
        handler: Callable[..., Any] = self.stock.get_error_handler()
        return handler

    def __call__(self, doc: Doc) -> Doc:
        stock = self.stock
        if not stock._validated:
            stock._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        rows = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])
        lemmas = rows[:, 3].copy()
        cache, add, seen = stock.cache, doc.vocab.strings.add, self._seen
        overwrite = stock.overwrite
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            got = seen.get(key)
            if got is None:
                forms = cache.get(key)
                if forms is None:  # the stock way (which caches all but base forms)
                    forms = stock.lemmatize(doc[i])
                got = add(forms[0])
                if pos:  # (no POS: the stock lemmatizer warns each time)
                    seen[key] = got
            lemmas[i] = got
            changed = True
        if changed:
            values: Any = lemmas.astype(np.uint64)
            doc.from_array(["LEMMA"], values)
        return doc


@Language.factory("crossroads_attribute_ruler_v1")
def make_ruler(nlp: Language, name: str) -> FastRuler:
    return FastRuler(name)


@Language.factory("crossroads_lemmatizer_v1")
def make_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer(name)


def install(nlp: Language) -> None:
    """Put the stand-ins in place of the model's attribute ruler and rule lemmatizer, under
    the same names, where they can give the same output (else leave the stock ones)."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    for name in nlp.pipe_names:
        stock = nlp.get_pipe(name)
        if type(stock) is AttributeRuler:
            patterns = _compile(stock)
            if patterns is not None:
                ruler: Any = nlp.replace_pipe(name, "crossroads_attribute_ruler_v1")
                ruler.wrap(stock, patterns)
        elif (
            isinstance(stock, Lemmatizer)
            and stock.mode == "rule"
            and type(stock).__call__ is Lemmatizer.__call__
            and type(stock).rule_lemmatize is Lemmatizer.rule_lemmatize
        ):
            lemmatizer: Any = nlp.replace_pipe(name, "crossroads_lemmatizer_v1")
            lemmatizer.wrap(stock)
