"""What a user's search text asks for, and how each backend's full-text engine says it.

The syntax is the one analysts know from web search engines:

    "pakistani taliban"      a phrase
    taliban OR ttp           either word (OR in capitals)
    -wikipedia, NOT wiki     without a word
    talib*                   a word prefix

Anything else (brackets, ``:``, ``^``, ``&``...) is a separator, so no user text can break
the engine's own syntax. Parsing lives here, apart from the stores' search entry points, so
both backends read a query the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """Words that must appear together (one word, or a phrase); ``prefix`` for ``word*``."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """All of ``groups`` (each group: any of its terms), and none of ``excluded``."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    operators: bool = False
    """True when the user used a phrase, OR, NOT or a prefix: no any-word fallback then."""

    def __bool__(self) -> bool:
        return bool(self.groups)


def _term(text: str, quoted: bool) -> Term | None:
    words = tuple(_WORD.findall(text))
    if not words:
        return None
    prefix = not quoted and len(words) == 1 and text.rstrip().endswith("*")
    return Term(words, prefix)


def parse_query(text: str) -> Query:
    """The user's text as a Query; a query of exclusions only finds nothing (empty Query)."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    operators = False
    pending_or = pending_not = False
    for m in _TOKEN.finditer(text or ""):
        neg, quoted, bare = m.group(1), m.group(2), m.group(3)
        if bare in ("OR", "|"):
            pending_or = bool(groups)
            operators = True
            continue
        if bare == "NOT":
            pending_not = operators = True
            continue
        negated = pending_not or bool(neg)
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = True, bare[1:]
        term = _term(quoted if quoted is not None else bare, quoted is not None)
        if quoted is not None or negated or (term and term.prefix):
            operators = True
        if term is None:
            pending_or = pending_not = False
            continue
        if negated:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = pending_not = False
    return Query(tuple(tuple(g) for g in groups), tuple(excluded), operators)


def any_of(query: Query) -> Query:
    """The same query with its groups relaxed to 'any of them' (the fallback ranking)."""
    flat = tuple(t for g in query.groups for t in g)
    return Query((flat,) if flat else (), query.excluded, query.operators)


# -- SQLite FTS5 -----------------------------------------------------------------------------
def _fts5_term(t: Term) -> str:
    phrase = '"' + " ".join(t.words) + '"'
    return phrase + "*" if t.prefix else phrase


def to_fts5(query: Query) -> str:
    """An FTS5 MATCH expression (every word quoted, so no word is read as an operator)."""
    parts = []
    for g in query.groups:
        inner = " OR ".join(_fts5_term(t) for t in g)
        parts.append(f"({inner})" if len(g) > 1 else inner)
    out = " AND ".join(parts)
    if query.excluded:
        out = f"({out}) NOT (" + " OR ".join(_fts5_term(t) for t in query.excluded) + ")"
    return out


# -- PostgreSQL tsquery ----------------------------------------------------------------------
def to_tsquery_sql(query: Query, config: str) -> tuple[str, list[str]]:
    """A tsquery SQL expression with '?' placeholders and its parameters.

    Phrases go through phraseto_tsquery (the configuration stems and unaccents them); a
    prefix goes through to_tsquery as ``word:*``, its word being letters and digits only."""
    params: list[str] = []

    def term(t: Term) -> str:
        if t.prefix:
            params.append(t.words[0] + ":*")
            return f"to_tsquery('{config}', ?)"
        params.append(" ".join(t.words))
        return f"phraseto_tsquery('{config}', ?)"

    parts = ["(" + " || ".join(term(t) for t in g) + ")" for g in query.groups]
    sql = " && ".join(parts)
    for t in query.excluded:
        sql += f" && !!{term(t)}"
    return sql, params
