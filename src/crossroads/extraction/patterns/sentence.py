"""What the relation, event and quote readers need to know about one sentence.

A sentence's mentions are its ``doc.ents`` plus the demonyms ("Russian envoy") of
``doc.spans["demonyms"]``, which count as mentions of the country. Coordinated mentions
("Tajikistan and Uzbekistan") form one group, so a rule that finds one finds all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc, Span, Token

from crossroads.extraction import extensions  # noqa: F401  (registers doc._ attributes)
from crossroads.extraction.patterns import lexicon
from crossroads.model import TYPE_PREFIX, Evidence

_AND = {"and", "or", "&", "nor", "plus"}
_COORD = _AND | {",", "as", "well", "both", "the", "also", "either", "neither", "its", "their"}

"""Words allowed between two coordinated mentions; a run needs an ``_AND`` or a comma."""
_TYPES = {f"e:{v}": k for k, v in TYPE_PREFIX.items()}
_NEG = {"not", "n't", "never", "no", "neither", "nor", "none"}


@dataclass(frozen=True)
class Ment:
    """One mention inside a sentence: token offsets into the doc, entity id and type."""

    id: str
    type: str
    start: int
    end: int
    text: str
    demonym: bool = False


@dataclass
class Sentence:
    """A sentence with its mentions sorted by position and their coordination groups."""

    span: Span
    ments: list[Ment]
    groups: list[list[Ment]] = field(default_factory=list)
    pair: list[Ment] = field(default_factory=list)
    """The last coordinated pair of states named before this sentence ("they", "the two")."""
    last: dict[str, Ment] = field(default_factory=dict)
    """The last mention of each entity type named before this sentence ("the group", "its")."""

    @property
    def doc(self) -> Doc:
        return self.span.doc

    def evidence(self) -> Evidence:
        return Evidence(self.doc._.doc_id or "", self.span.start_char, self.span.end_char)

    def at(self, i: int) -> Ment | None:
        """The mention covering token i, if any."""
        for m in self.ments:
            if m.start <= i < m.end:
                return m
        return None

    def at_the(self, i: int) -> Ment | None:
        """The mention covering token i, or the next one if token i is "the"."""
        return self.at(i) or (self.at(i + 1) if self.word(i) == "the" else None)

    def word(self, i: int) -> str:
        """Token i in lower case; "" outside the sentence."""
        return self.doc[i].lower_ if self.span.start <= i < self.span.end else ""

    def group_of(self, m: Ment) -> list[Ment]:
        for g in self.groups:
            if m in g:
                return g
        return [m]

    def left(
        self, i: int, types: tuple[str, ...], limit: int = 12, stop: set[str] | None = None
    ) -> list[Ment]:
        """The nearest coordinated group of allowed types ending before token i."""
        lo = max(self.span.start, i - limit)
        near = [(m, m.end, i) for m in sorted(self.ments, key=lambda m: -m.end) if lo <= m.end <= i]
        return self._nearest(near, types, stop)

    def right(
        self, i: int, types: tuple[str, ...], limit: int = 12, stop: set[str] | None = None
    ) -> list[Ment]:
        """The nearest coordinated group of allowed types starting at or after token i."""
        hi = min(self.span.end, i + limit)
        return self._nearest(
            [(m, i, m.start) for m in self.ments if i <= m.start <= hi], types, stop
        )

    def _nearest(
        self, near: list[tuple[Ment, int, int]], types: tuple[str, ...], stop: set[str] | None
    ) -> list[Ment]:
        """The group of the first mention of ``types`` in ``near`` (mention, gap start, gap end),
        none if a ``stop`` word lies in the gap before it."""
        for m, a, b in near:
            if stop and any(t.lower_ in stop for t in self.doc[a:b]):
                return []
            if m.type in types:
                return [g for g in self.group_of(m) if g.type in types]
        return []

    @cached_property
    def toks(self) -> tuple[Token, ...]:
        """The sentence's tokens, made once: iterating the span makes new Token objects on
        every pass, and every relation rule passes over every sentence."""
        return tuple(self.span)


def main_subject(doc: Doc, m: Ment) -> bool:
    """Whether a mention is the subject of its sentence's main verb (or in apposition to it)."""
    tok = doc[m.end - 1]
    if tok.dep_ == "appos":
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"


def remember(last: dict[str, Ment], s: Sentence) -> dict[str, Ment]:
    """``last`` updated with the mentions a sentence names (adjectives and "X-led" aside);
    ``"subject:TYPE"`` keys keep the last main-clause subject of each type."""
    out = dict(last)
    for m in s.ments:
        if not m.demonym and not modifier(s.doc, m):
            out[m.type] = m
            if main_subject(s.doc, m):
                out[f"subject:{m.type}"] = m
    return out


def last_two_states(
    before: list[Ment], s: Sentence | None = None, i: int | None = None
) -> list[Ment]:
    """ "the two countries", "both sides" when no pair was coordinated: the last two distinct
    states named (``before`` in text order, then this sentence's mentions ahead of token i)."""
    seq = list(before)
    if s is not None and i is not None:
        seq += [m for m in s.ments if m.end <= i]
    out: list[Ment] = []
    for m in reversed(seq):
        if m.type == "Country" and not m.demonym and m.id not in {x.id for x in out}:
            out.append(m)
            if len(out) == 2:
                return out[::-1]
    return []


def antecedent(s: Sentence, i: int, types: tuple[str, ...]) -> Ment | None:
    """What "the group", "its", "the alliance" before token i points back to: the main
    subject of those types earlier in the sentence or the sentences before (what the text
    is about), else the last such mention named."""
    here = [
        m
        for m in s.ments
        if m.end <= i and m.type in types and not m.demonym and not modifier(s.doc, m)
    ]
    subj = [m for m in here if main_subject(s.doc, m)]
    if subj:
        return subj[-1]
    before = [m for t, m in s.last.items() if t.startswith("subject:") and t[8:] in types]
    if before:
        return max(before, key=lambda m: m.start)
    if here:
        return here[-1]
    earlier = [m for t, m in s.last.items() if t in types]
    return max(earlier, key=lambda m: m.start) if earlier else None


def subject_mentions(s: Sentence, tok: Token, types: tuple[str, ...]) -> list[Ment]:
    """Mentions naming the subject of the verb that governs ``tok``.

    "The group's emir, X, who knows Y, claims allegiance to Z": X (the apposition), not Y
    (a relative clause) and not a '-linked' modifier.
    """
    v = tok
    for _ in range(6):
        if v.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            break
        if v.head.i == v.i:
            return []
        v = v.head
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return []
    if subj.lower_ in ("which", "who", "that") and v.dep_ == "relcl":
        subj = v.head  # "Russia, which keeps its base": the antecedent
    doc = s.doc
    skip = [c for c in subj.subtree if c.dep_ in ("relcl", "acl", "prep") and c.i != subj.i]

    def ok(m: Ment) -> bool:
        if m.type not in types or any(c.left_edge.i <= m.start <= c.right_edge.i for c in skip):
            return False
        return not (
            m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].tag_ == "VBN"
        )

    head = s.at(subj.i)
    if head is not None and ok(head):
        return [g for g in s.group_of(head) if ok(g)]
    for c in subj.children:
        if c.dep_ == "appos":
            got = [m for m in s.ments if c.left_edge.i <= m.start <= c.right_edge.i and ok(m)]
            if got:
                return got
    return [m for m in s.ments if subj.left_edge.i <= m.start <= subj.right_edge.i and ok(m)]


CLAUSE_BREAKS = {"while", "whereas", ";", "but", "although", "though"}
"""Words that open a clause with a subject of its own ("A did X, while B did Y")."""


def clause_start(s: Sentence, i: int) -> int:
    """First token of the clause holding token i: just after the last clause break before it."""
    for k in range(i - 1, s.span.start - 1, -1):
        if s.doc[k].lower_ in CLAUSE_BREAKS:
            return k + 1
    return s.span.start


def clause_span(s: Sentence, i: int) -> Span:
    """The clause holding token i, between the clause breaks around it (whole sentence if none):
    "A joined in 2015, while B joined in 2019" dates each joining by its own clause."""
    doc = s.doc
    # ", which ..." after the trigger is a clause of its own ("A joined the CSTO, which
    # was founded in 1992": 1992 dates the founding, not A's joining)
    end = next(
        (
            k
            for k in range(i + 1, s.span.end)
            if doc[k].lower_ in CLAUSE_BREAKS
            or (doc[k].lower_ == "which" and doc[k - 1].text == ",")
        ),
        s.span.end,
    )
    return s.doc[clause_start(s, i) : end]


def modifier(doc: Doc, m: Ment) -> bool:
    """ "Russia-led", "Iran-backed": a name glued to a participle modifies the next noun."""
    return (
        m.end + 1 < len(doc)
        and doc[m.end].text in ("-", "–")
        and (doc[m.end + 1].tag_ == "VBN" or doc[m.end + 1].lower_.endswith("ed"))
    )


def title_before(doc: Doc, m: Ment, lo: int, taken: Container[int]) -> tuple[list[str], int]:
    """The capitalised title words right before a name ("Foreign Minister X": "minister",
    "foreign", nearest first), at most four and none before ``lo`` or in ``taken``, with the
    index of the token where they stop."""
    words, i = [], m.start - 1
    while (
        i >= max(lo, m.start - 4)
        and i not in taken
        and doc[i].is_title
        and doc[i].is_alpha
        and not doc[i].is_stop
    ):
        words.append(doc[i].lower_)
        i -= 1
    return words, i


def mentions(span: Span) -> list[Ment]:
    """Entity and demonym mentions of a span, by position; demonyms inside names are dropped."""
    doc = span.doc
    ents, demonyms = _mention_index(doc)
    out: list[Ment] = []
    for e in _within(ents, span):
        out.append(Ment(e.kb_id_, e.label_, e.start, e.end, e.text))
    taken = {i for m in out for i in range(m.start, m.end)}
    known = doc._.entities or {}
    for d in _within(demonyms, span):
        if not taken & set(range(d.start, d.end)):
            ent = known.get(d.kb_id_)
            type_ = ent.type if ent is not None else _TYPES.get(d.kb_id_.split("/")[0], "Country")
            out.append(Ment(d.kb_id_, type_, d.start, d.end, d.text, demonym=True))
    out.sort(key=lambda m: (m.start, m.end))
    return out


_INDEX = "crossroads.mention_index"


def _mention_index(doc: Doc) -> tuple[tuple[list[int], list[Span]], tuple[list[int], list[Span]]]:
    """The doc's linked entities and demonyms sorted by start, built once per doc: reading
    doc.ents walks every token, so doing it per sentence made extraction quadratic. The
    readers call this after the pipeline has set the ents."""
    cached = doc.user_data.get(_INDEX)
    if cached is None:
        ents = sorted((e for e in doc.ents if e.kb_id_), key=lambda e: (e.start, e.end))
        dems = sorted(
            (d for d in doc.spans.get("demonyms", ()) if d.kb_id_),
            key=lambda d: (d.start, d.end),
        )
        cached = doc.user_data[_INDEX] = (
            ([e.start for e in ents], ents),
            ([d.start for d in dems], dems),
        )
    return cached


def _within(index: tuple[list[int], list[Span]], span: Span) -> Iterator[Span]:
    """The indexed spans that lie inside ``span``, in order."""
    starts, spans = index
    for i in range(bisect_left(starts, span.start), len(starts)):
        if starts[i] >= span.end:
            break
        if spans[i].end <= span.end:
            yield spans[i]


def coordination(doc: Doc, ments: list[Ment]) -> list[list[Ment]]:
    """Runs of mentions joined by commas and 'and'/'or' ("Iran, Turkey and China").

    Commas alone do not make a list ("According to the UN, the group ..."): a run needs an
    'and', 'or' or 'nor' somewhere, else it falls apart into single mentions.
    """
    runs: list[tuple[list[Ment], bool]] = []
    for m in ments:
        if runs:
            group, has_and = runs[-1]
            prev = group[-1]
            between = [t for t in doc[prev.end : m.start] if not t.is_space]
            words = {t.lower_ for t in between}
            if (
                prev.end <= m.start
                and 0 < len(between) <= 4
                and words <= _COORD
                and words & (_AND | {","})
                and prev.demonym == m.demonym
            ):
                group.append(m)
                runs[-1] = (group, has_and or bool(words & _AND))
                continue
        runs.append(([m], False))
    groups: list[list[Ment]] = []
    for group, has_and in runs:
        if not has_and and len(group) > 1:
            # "China, Russia and four other states": the list goes on past the last name
            k = group[-1].end
            while k < len(doc) and doc[k].is_space:
                k += 1
            has_and = k < len(doc) and doc[k].lower_ in ("and", "or")
        groups.extend([group] if has_and else [[m] for m in group])
    return groups


_last: dict[str, tuple[Doc, Any]] = {}
"""The last doc's sentences (with mentions and groups), text and named ids: the six readings of
a doc (rules and learned, of relations, events and quotes) each ask for them, and finding
mentions and coordination cost more than any single reader. The doc is held, so ``is`` cannot
match a new doc at a freed one's address; the readers run after the entity stages, which no
longer change the doc."""


def _once(doc: Doc, key: str, make: Callable[[], Any]) -> Any:
    got = _last.get(key)
    if got is None or got[0] is not doc:
        got = _last[key] = (doc, make())
    return got[1]


def sentences(doc: Doc) -> list[Sentence]:
    """The doc's sentences with their mentions (none for a doc that was never parsed); new
    Sentence objects on each call, as readers set their ``last`` and ``pair``."""
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return []
    out = []
    for span, ments, groups, toks in _once(
        doc, "sentences", lambda: list(map(_skeleton, doc.sents))
    ):
        s = Sentence(span, list(ments), [list(g) for g in groups])
        s.__dict__["toks"] = toks  # (cached_property's slot)
        out.append(s)
    return out


def _skeleton(span: Span) -> tuple[Span, list[Ment], list[list[Ment]], tuple[Token, ...]]:
    ments = mentions(span)
    return span, ments, coordination(span.doc, ments), tuple(span)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc: spaCy joins every token's text on each access,
    which the date readers did per event."""
    text: str = _once(doc, "text", lambda: doc.text)
    return text


def named_ids(doc: Doc) -> set[str]:
    """Ids of entities the doc names at least once (an adjective alone is no stored mention);
    read off doc.ents once per doc (as ``sentences``), a new set on each call."""
    return set(_once(doc, "named", lambda: frozenset(e.kb_id_ for e in doc.ents if e.kb_id_)))


_FOCUS = frozenset({"just", "only", "merely", "simply", "solely", "least"})
"""Words after which "not" widens a claim instead of denying it ("is not just a pipeline
linking A with B but ...", "not only signed but ratified", "not least")."""


def _focus(neg: Token) -> bool:
    return neg.i + 1 < len(neg.doc) and neg.doc[neg.i + 1].lower_ in _FOCUS


def negated(tok: Token) -> bool:
    """True when the token, its head or its head's head carries a negation ("is not", "no"),
    or "no longer" / "refuses to" govern it."""
    doc = tok.doc
    if any(
        doc[k].lower_ == "no" and doc[k + 1].lower_ == "longer"
        for k in range(max(tok.sent.start, tok.i - 5), tok.i - 1)
    ):
        return True
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("refuse", "decline", "reject"):
        return True
    for t in (tok, tok.head, tok.head.head):
        if any(
            (c.dep_ == "neg" or (c.lower_ in _NEG and c.dep_ in ("det", "advmod", "neg")))
            and not _focus(c)
            for c in t.children
        ):
            return True
        if t.dep_ not in (
            "xcomp",
            "ccomp",
            "acomp",
            "attr",
            "prep",
            "pobj",
            "dobj",
            "amod",
            "compound",
            "acl",
            "pcomp",
            "advcl",
            "auxpass",
            "aux",
        ):
            break
    return False


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_RE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|"
    rf"{_MONTH}\s+\d{{4}}|(?:in|since|by|during|of|until)\s+(?:1[89]\d\d|20\d\d))\b"
)


@dataclass(frozen=True)
class DateRef:
    """A date the sentence states: token offsets and its ISO value."""

    start: int
    end: int
    iso: str


def dates_in(span: Span) -> list[DateRef]:
    """Date expressions inside a span: doc.spans['dates'], else explicit dates in the text."""
    doc = span.doc
    out = [
        DateRef(d.start, d.end, d._.iso)
        for d in doc.spans.get("dates", [])
        if d.start >= span.start and d.end <= span.end and d._.iso
    ]
    if out:
        return out
    from crossroads.extraction.dates import resolve

    for m in _DATE_RE.finditer(span.text):
        text = re.sub(r"^(?:in|since|by|during|of|until)\s+", "", m.group(0))
        iso = resolve(text, doc._.published)
        lead = len(m.group(0)) - len(text)
        sub = doc.char_span(
            span.start_char + m.start() + lead, span.start_char + m.end(), alignment_mode="expand"
        )
        if iso and sub is not None:
            out.append(DateRef(sub.start, sub.end, iso))
    return out


_RANGE = re.compile(
    r"\b(?:(?:from|between)\s+(\d{4})\s*(?:to|and|until|till|-|–)\s*(\d{4})|"
    r"\((\d{4})\s*[-–]\s*(\d{2}|\d{4})\))"
)
_SINCE = re.compile(r"\b(?:since|from|in|starting in|as of)\s+(?:early\s+|late\s+|mid-?)?(\d{4})\b")
_UNTIL = re.compile(r"\b(?:until|till|to|ended in|left in)\s+(\d{4})\b")


def start_end(
    span: Span, lo: int | None = None, since_only: bool = False
) -> tuple[str | None, str | None]:
    """'since 2002' -> ('2002', None); 'from 2002 to 2013' -> ('2002', '2013'); 'in 2014'.

    ``since_only``: only "since"/"from" dates (a post held "since 2019", not a visit's date).
    """
    start = end = None
    for d in dates_in(span):
        if lo is not None and d.end < lo - 25:
            continue
        prev = span.doc[d.start - 1].lower_ if d.start > 0 else ""
        if prev in {"to", "until", "till", "through", "–", "-"} and start:
            end = end or d.iso
        elif prev in {"since", "from", "starting"} or (
            not since_only and prev in {"in", "after", "early", "late", "mid", "mid-"}
        ):
            start = start or d.iso
    text = span.text
    if m := _RANGE.search(text):
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return a, (a[:2] + b if len(b) == 2 else b)
    if start is None and (m := _SINCE.search(text)):
        word = m.group(0).split()[0].lower()
        if not since_only or word in ("since", "from"):
            start = m.group(1)
    if end is None and start and (m := _UNTIL.search(text)) and m.group(1) > start:
        end = m.group(1)
    return start, end


def attribution(s: Sentence, named: set[str] | None = None) -> str | None:
    """Who the sentence puts a statement in the mouth of: "according to X", "X claimed".

    ``named``: only these entity ids count (an adjective-only country is no stored entity).
    """
    got = _attribution(s)
    return got if named is None or got in named else None


def _attribution(s: Sentence) -> str | None:
    say = lexicon("relations")["attribution"]["say"]
    doc = s.doc
    for t in s.toks:
        if t.lower_ == "according" and t.i + 1 < s.span.end and doc[t.i + 1].lower_ == "to":
            g = s.right(t.i + 2, ("Country", "Organization", "ArmedGroup", "Person"), limit=4)
            if g:
                return g[0].id
    for t in s.toks:
        if t.lower_ in say and t.pos_ == "VERB" and t.dep_ == "ROOT":
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    for m in s.ments:
                        if c.left_edge.i <= m.start and m.end <= c.right_edge.i + 1:
                            return m.id
    return None
