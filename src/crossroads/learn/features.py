"""Features of relation and event candidates, read off a processed Doc.

A relation candidate is an ordered pair of mentions in one sentence whose types the contract
allows for some predicate, or a pair the rules read (also across sentences, through "the
group" or "they"). An event candidate is a mention of an actor-type entity in a sentence.

Mentions are masked by their type ("<Country>"), so the model learns how relations are
stated, not which countries tend to be in them. The rules' readings and the pack's
knowledge are features, not answers: the model weighs them against the wording.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc, Token

from crossroads.extraction.patterns.sentence import Ment, Sentence, modifier
from crossroads.schema import load as load_schema

__all__ = [
    "PREDICATE_TYPES",
    "PairCandidate",
    "pair_features",
    "pairs",
    "reference",
]

PREDICATE_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    p.name: (p.subject, p.object) for p in load_schema().predicates.values() if p.object
}
"""Subject and object types of each predicate with an object (schema.toml)."""
SYMMETRIC = {p.name for p in load_schema().predicates.values() if p.symmetric}
_ALLOWED = {(s, o) for subj, obj in PREDICATE_TYPES.values() for s in subj for o in obj}
EVENT_ROLES = ("Country", "Organization", "ArmedGroup", "Person")
WINDOW = 14
"""Tokens between two mentions beyond which only the ends of the gap are features."""


def allowed(a: str, b: str) -> bool:
    return (a, b) in _ALLOWED


def predicates_for(a: str, b: str) -> list[str]:
    return list(_predicates_for(a, b))


@cache
def _predicates_for(a: str, b: str) -> tuple[str, ...]:
    return tuple(p for p, (subj, obj) in PREDICATE_TYPES.items() if a in subj and b in obj)


@dataclass
class PairCandidate:
    """An ordered (subject, object) pair in one sentence; ``a`` or ``b`` may be named in an
    earlier sentence when the rules read the pair through a reference."""

    sent: Sentence
    a: Ment
    b: Ment
    rules: frozenset[str] = frozenset()
    """Predicates the rules read for this pair in this sentence."""
    across: bool = False
    elsewhere: frozenset[str] = frozenset()
    """Predicates the rules read for this pair in other sentences of the document."""
    rank: tuple[int, int] = (9, 9)
    """How often the document names each entity, as a rank (0: the most named)."""
    anaphor: str = ""
    """The word standing for ``a`` or ``b`` here ("its", "the group") when it was named before."""
    named_at: int | None = None
    """Where that entity was named (a character offset), for the evidence to start there."""
    titled: tuple[str, ...] = ()
    """The title words before ``a`` ("foreign", "minister") when ``b`` is not named in this
    sentence: a post whose state or body only the rest of the document names."""
    shared: frozenset[str] = frozenset()
    """Predicates the rules read here for this pair and also for another mention between the
    two with ``b``: "<state> President A, Foreign Minister B" read past A for B. The rules'
    readings through a list were often wrong in the training gold, so the model weighs them
    apart (cross-validated relations 0.7171 -> 0.7195 over five draws)."""


_ACTORS = ("Organization", "Country", "ArmedGroup")
REFERENCES: dict[str, tuple[str, ...]] = {
    "he": ("Person",),
    "his": ("Person",),
    "him": ("Person",),
    "she": ("Person",),
    "her": ("Person",),
    "it": (*_ACTORS, "Initiative", "Facility"),
    "its": (*_ACTORS, "Initiative", "Facility"),
    "they": _ACTORS,
    "their": _ACTORS,
    "them": _ACTORS,
}
"""Pronouns and the entity types they can stand for."""
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "group": ("ArmedGroup", "Organization"),
    "movement": ("ArmedGroup",),
    "militants": ("ArmedGroup",),
    "outfit": ("ArmedGroup",),
    "network": ("ArmedGroup",),
    "organisation": ("Organization", "ArmedGroup"),
    "organization": ("Organization", "ArmedGroup"),
    "bloc": ("Organization",),
    "alliance": ("Organization",),
    "body": ("Organization",),
    "country": ("Country",),
    "state": ("Country",),
    "nation": ("Country",),
    "republic": ("Country",),
    "kingdom": ("Country",),
    "government": ("Country",),
    "capital": ("Place",),
    "city": ("Place",),
    "province": ("Place",),
    "region": ("Place",),
    "corridor": ("Initiative",),
    "project": ("Initiative", "Facility"),
    "initiative": ("Initiative",),
    "programme": ("Initiative",),
    "program": ("Initiative",),
    "pipeline": ("Facility", "Initiative"),
    "railway": ("Facility", "Initiative"),
    "line": ("Facility", "Initiative"),
    "port": ("Facility",),
    "base": ("Facility",),
    "president": ("Person",),
    "minister": ("Person",),
    "leader": ("Person",),
    "envoy": ("Person",),
    "spokesman": ("Person",),
    "spokesperson": ("Person",),
    "commander": ("Person",),
    "chief": ("Person",),
    "official": ("Person",),
}
"""Heads of "the X" descriptions that point back to a named entity, and the types they fit."""


def reference(t: Token) -> tuple[str, ...]:
    """The types a pronoun or a definite description ("the group") headed by ``t`` can
    stand for; empty when it is neither."""
    word = t.lower_
    if word in REFERENCES and t.pos_ == "PRON":
        return REFERENCES[word]
    if (
        word in DESCRIPTIONS
        and t.pos_ == "NOUN"
        and any(c.lower_ in ("the", "this") and c.dep_ == "det" for c in t.children)
    ):
        return DESCRIPTIONS[word]
    return ()


def pairs(s: Sentence) -> Iterator[PairCandidate]:
    """Ordered pairs of distinct entities whose types some predicate allows; for an entity
    named twice, the closest pair of mentions."""
    best: dict[tuple[str, str], tuple[int, Ment, Ment]] = {}
    for a in s.ments:
        for b in s.ments:
            if a.id == b.id or not allowed(a.type, b.type) or (a.demonym and b.demonym):
                continue
            gap = b.start - a.end if a.start < b.start else a.start - b.end
            key = (a.id, b.id)
            if key not in best or abs(gap) < abs(best[key][0]):
                best[key] = (gap, a, b)
    for _, a, b in best.values():
        yield PairCandidate(s, a, b)


def _covering(s: Sentence) -> dict[int, Ment]:
    """Token index -> the mention covering it, built once per sentence (``Sentence.at``
    scans every mention on every call)."""
    cover = s.__dict__.get("_cover")
    if cover is None:
        cover = {i: m for m in reversed(s.ments) for i in range(m.start, m.end)}
        s.__dict__["_cover"] = cover
    return cover


_TokenData = tuple[
    tuple[str, ...],
    tuple[bool, ...],
    tuple[bool, ...],
    tuple[int, ...],
    tuple[str, ...],
    tuple[bool, ...],
]
_tokens: list[tuple[Doc, _TokenData]] = []
"""The last doc and its tokens as plain data (word, is it space, is it a negation, its head,
its dependency label, is it a determiner or an adjective): reading spaCy tokens one by one for
every pair of a sentence cost most of the relation reading."""


def _token_data(doc: Doc) -> _TokenData:
    if not _tokens or _tokens[0][0] is not doc:
        words, space, neg, heads, deps, mods = [], [], [], [], [], []
        for t in doc:
            dep = t.dep_
            words.append("<num>" if t.like_num else t.lemma_.lower())
            space.append(t.is_space)
            neg.append(dep == "neg" or t.lower_ in ("not", "never", "no"))
            heads.append(t.head.i)
            deps.append(dep)
            mods.append(t.pos_ in ("DET", "ADJ"))
        data = (tuple(words), tuple(space), tuple(neg), tuple(heads), tuple(deps), tuple(mods))
        _tokens[:] = [(doc, data)]
    return _tokens[0][1]


def _masked(s: Sentence) -> list[str]:
    """The sentence's words, mentions masked by their type ("<Country>"), from its first
    token on; made once per sentence, which all its pairs read."""
    got: list[str] | None = s.__dict__.get("_masked")
    if got is None:
        cover = _covering(s)
        words = _token_data(s.doc)[0]
        got = [
            f"<{m.type}>" if (m := cover.get(i)) is not None else words[i]
            for i in range(s.span.start, s.span.end)
        ]
        s.__dict__["_masked"] = got
    return got


def _word_at(i: int, s: Sentence) -> str:
    start = s.span.start
    if start <= i < start + len(_masked(s)):
        return _masked(s)[i - start]
    m = _covering(s).get(i)
    if m is not None:
        return f"<{m.type}>"
    return _token_data(s.doc)[0][i]


def _words(s: Sentence, lo: int, hi: int, bare: bool = False) -> list[str]:
    """The words from ``lo`` to ``hi``, mentions masked (without determiners and adjectives
    outside mentions when ``bare``)."""
    _, space, _, _, _, mods = _token_data(s.doc)
    masked = _masked(s)
    start = s.span.start
    end = start + len(masked)
    out: list[str] = []
    for i in range(lo, hi):
        if space[i]:
            continue
        if bare and mods[i] and _covering(s).get(i) is None:
            continue
        w = masked[i - start] if start <= i < end else _word_at(i, s)
        if not out or out[-1] != w or not w.startswith("<"):
            out.append(w)
    return out


def _chain(i: int, heads: tuple[int, ...]) -> list[int]:
    """Token i and its heads up to the root (at most 40)."""
    out = [i]
    while heads[out[-1]] != out[-1] and len(out) < 40:
        out.append(heads[out[-1]])
    return out


def dep_path(s: Sentence, a: Ment, b: Ment) -> tuple[str, str]:
    """The dependency path between two mentions' heads: with the lemmas on it, and bare."""
    _, _, _, heads, deps, _ = _token_data(s.doc)
    ca = _chain(s.doc[a.start : a.end].root.i, heads)
    cb = _chain(s.doc[b.start : b.end].root.i, heads)
    ib = {t: k for k, t in enumerate(cb)}
    k_a = next((k for k, t in enumerate(ca) if t in ib), None)
    if k_a is None:
        return "path:none", "dpath:none"
    up, down = ca[: k_a + 1], cb[: ib[ca[k_a]]]
    if len(up) + len(down) > 7:
        return "path:long", "dpath:long"
    lex = (
        [f"{deps[t]}^" for t in up[:-1]]
        + [_word_at(up[-1], s)]
        + [f"{deps[t]}v" for t in reversed(down)]
    )
    mids = [_word_at(t, s) for t in up[1:-1]] + [_word_at(t, s) for t in reversed(down[1:])]
    bare = "_".join(x for x in lex if x.endswith(("^", "v")))
    return "path:" + "_".join(lex) + "|" + "_".join(mids), "dpath:" + bare


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-14" if n < 15 else "15+"


def _kind(eid: str) -> str:
    """The kind an entity id names ("e:country/kz" -> "country")."""
    return eid.partition("/")[0]


_HELD: list[tuple[set[tuple[str, str, str]], dict[tuple[str, str], set[str]]]] = []
"""The last pack's facts and their index (``_held``)."""


def _held(pack: set[tuple[str, str, str]]) -> dict[tuple[str, str], set[str]]:
    """(subject, predicate) -> the kinds of the objects the pack relates it to, built once per
    pack."""
    if not _HELD or _HELD[0][0] is not pack:
        index: dict[tuple[str, str], set[str]] = {}
        for s, p, o in pack:
            index.setdefault((s, p), set()).add(_kind(o))
        _HELD[:] = [(pack, index)]
    return _HELD[0][1]


def pair_features(c: PairCandidate, pack: set[tuple[str, str, str]]) -> dict[str, float]:
    """Sparse features of a pair candidate (all binary)."""
    s, a, b = c.sent, c.a, c.b
    ta = f"{a.type}{'~adj' if a.demonym else ''}"
    tb = f"{b.type}{'~adj' if b.demonym else ''}"
    types = f"{ta}>{tb}"
    first, second = (a, b) if a.start < b.start else (b, a)
    order = "ab" if first is a else "ba"
    f: dict[str, float] = {f"types={types}": 1, f"order={order}|{types}": 1}
    for p in c.rules:
        f[f"rule={p}"] = 1
        f[f"rule={p}|{order}"] = 1
    if c.rules:
        f["rule=any"] = 1
    for p in c.shared:
        f[f"rule-shared={p}"] = 1
    for p in c.elsewhere - c.rules:
        f[f"elsewhere={p}"] = 1
    # (how often the document names each entity is no feature of an ordinary pair: it read
    # the same cross-validated and cost first-seen relations a point, P 0.76 -> 0.79, on 144
    # real articles, by holding back the posts of people named once)
    held = _held(pack)
    for p in _predicates_for(a.type, b.type):
        if (a.id, p, b.id) in pack or (p in SYMMETRIC and (b.id, p, a.id) in pack):
            f[f"pack={p}"] = 1
        elif p not in SYMMETRIC and _kind(b.id) in held.get((a.id, p), ()):
            # the pack relates the subject so to another of the object's kind: a president
            # the pack knows is another state's is no post of the state he visits
            f[f"pack-other={p}"] = 1
    if c.titled:
        # "President X said ..." in an article about one state: the title's words and how
        # much the document names the candidate
        f[f"titled|{types}"] = 1
        for w in c.titled:
            f[f"titled={w}"] = 1
            f[f"titled={w}|{types}"] = 1
        f[f"titled-rank={min(c.rank[1], 3)}|{types}"] = 1
        return f
    if c.across:
        f["across"] = 1
        f[f"across|{types}"] = 1
        return f
    if c.anaphor:
        f[f"anaphor={c.anaphor}"] = 1
        f[f"anaphor|{types}"] = 1
    gap = _words(s, first.end, second.start)
    f[f"gap={_bucket(len(gap))}"] = 1
    if len(gap) > WINDOW:
        gap = gap[:6] + ["…"] + gap[-6:]
    for w in set(gap):
        f[f"btw={w}"] = 1
        f[f"btw={w}|{order}"] = 1
    for x, y in pairwise(gap):
        f[f"btw2={x}_{y}"] = 1
    # the words between without determiners and adjectives: "in the northern <Place>" reads
    # as "in <Place>" does
    core = _words(s, first.end, second.start, bare=True)
    if len(core) <= 3:
        f[f"core={'_'.join(core)}|{types}"] = 1
    if not gap:
        f[f"adjacent|{types}|{order}"] = 1
    for w in _words(s, max(s.span.start, first.start - 3), first.start)[-3:]:
        f[f"before={w}"] = 1
    for w in _words(s, second.end, min(s.span.end, second.end + 3))[:3]:
        f[f"after={w}"] = 1
    path, bare = dep_path(s, a, b)
    f[path] = 1
    f[bare] = 1
    f[f"{bare}|{types}"] = 1
    if any(a in g and b in g for g in s.groups):
        f["coordinated"] = 1
    if modifier(s.doc, first):
        f["first-led"] = 1
    if any(_token_data(s.doc)[2][first.end : second.start]):
        f["neg-between"] = 1
    return f
