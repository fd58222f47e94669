"""Membership: member_of and part_of ("A and B are members of C"); party_to has no rule of its
own (the learned model reads it alone, as cross-validation found the rule added nothing)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from crossroads.extraction.patterns.reading import (
    ORGS,
    POSS,
    STATE,
    Reading,
    lex_of,
    pairs,
)
from crossroads.extraction.patterns.sentence import (
    Ment,
    Sentence,
    modifier,
    subject_mentions,
)

_WISH = {
    "plan",
    "want",
    "seek",
    "consider",
    "hope",
    "intend",
    "aim",
    "try",
    "apply",
    "expect",
    "wish",
    "prepare",
    "decide",
    "ask",
    "invite",
    "urge",
}
"""Verbs before "to join" that make the membership a wish, not a fact."""


def member_of(s: Sentence) -> Iterator[Reading]:
    lex = lex_of("member_of")
    doc = s.doc
    for t in s.toks:
        w = t.lower_
        if t.lemma_ == "belong" and t.pos_ == "VERB":
            yield from _belongs(s, t)
        elif w in lex["triggers"] or t.lemma_ in ("member", "join", "membership"):
            subj = s.left(
                t.i,
                ("Country", "Organization"),
                limit=10,
                stop={".", ";", "while", "whereas", "but"},
            )
            # "the Russia-led alliance": leadership, not membership
            subj = [m for m in subj if not modifier(doc, m)]
            obj = s.right(t.i + 1, ORGS, limit=8, stop={";", "("})
            if not subj:
                continue
            if t.lemma_ == "join" and t.pos_ == "VERB":
                obj = s.right(t.i + 1, ORGS, limit=4)
                if t.dep_ == "xcomp" and t.head.lemma_.lower() in _WISH:
                    continue  # "plans to join", "applied to join": not a member yet
                if not obj and t.dep_ == "relcl":
                    obj = _relative_head(s, t)  # "the OTS, which Hungary joined in 2018"
            if (
                not obj
                and w in ("members", "member")
                and t.i + 1 < s.span.end
                and doc[t.i + 1].lower_ != "of"
            ):
                # "The focus of the SCO is ...; India and Pakistan also became members"
                obj = s.left(subj[0].start, ORGS, limit=30)[-1:]
            yield from pairs(subj, obj, "member_of", t.i)
        elif t.lemma_ in lex["leave"] and t.pos_ == "VERB":
            # "Uzbekistan left the CSTO in 2012": a membership that ended
            org = s.right(t.i + 1, ORGS, limit=4)
            subj = subject_mentions(s, t, ("Country", "Organization")) or s.left(
                t.i, ("Country", "Organization"), limit=6
            )
            year = re.search(r"\b(?:in|since)\s+(1[89]\d\d|20\d\d)\b", s.span.text)
            for r in pairs(subj, org[:1], "member_of", t.i):
                r.end = year.group(1) if year else None
                if r.end:
                    yield r
        elif w in lex["include"]:
            org = s.left(t.i, ORGS, limit=6, stop={";"})
            members = s.right(t.i + 1, STATE, limit=6)
            if org and members and doc[t.i].pos_ in ("VERB", "AUX"):
                yield from pairs(members, org[-1:], "member_of", t.i)


def _relative_head(s: Sentence, verb: Token) -> list[Ment]:
    """ "the alliance, which A and B joined": the organisation the relative clause hangs on."""
    head = s.at(verb.head.i)
    if head is not None and head.type in ORGS:
        return [head]
    # "a member of the OTS, which A joined": the parser may hang the clause on "member"
    which = next((c for c in verb.subtree if c.lower_ == "which"), None)
    return s.left(which.i, ORGS, limit=2)[-1:] if which is not None else []


def _belongs(s: Sentence, t: Token) -> Iterator[Reading]:
    """ "A belongs to the OTS"; "the OTS, which A, B and C also belong to"."""
    if t.dep_ == "relcl" and any(c.lower_ == "which" for c in t.subtree):
        org = _relative_head(s, t)
        members = s.left(t.i, ("Country", "Organization"), limit=10, stop={";", "("})
        members = [m for m in members if org and m.start > org[0].end]
    else:
        prep = next((c for c in t.children if c.lower_ == "to"), None)
        org = s.right(prep.i + 1, ORGS, limit=4) if prep is not None else []
        members = subject_mentions(s, t, ("Country", "Organization"))
    yield from pairs(members, org, "member_of", t.i)  # "does not belong": marked negated


def part_of(s: Sentence) -> Iterator[Reading]:
    nouns = set(lex_of("part_of")["nouns"])
    doc = s.doc
    kinds = ("Initiative", "Organization")
    for t in s.toks:
        if t.lower_ not in nouns:
            continue
        nxt = doc[t.i + 1].lower_ if t.i + 1 < s.span.end else ""
        if nxt != "of" and not (t.lower_ in ("flagship", "project") and nxt in ("of", "under")):
            continue
        whole = s.right(t.i + 2, kinds, limit=3)
        piece = s.left(t.i, kinds, limit=8, stop={";", ".", "while", "whereas", "but", "which"})
        yield from pairs(piece, whole[:1], "part_of", t.i)
    # "the IRGC's elite Quds Force": an organisation's own unit
    for m in s.ments:
        if m.type in kinds and m.end < s.span.end and doc[m.end].lower_ in POSS:
            k = m.end + 1
            while k < s.span.end and k - m.end <= 3 and s.at(k) is None and doc[k].pos_ == "ADJ":
                k += 1
            unit = s.at(k)
            if unit and unit.type == m.type and unit.id != m.id:
                yield Reading(unit, "part_of", m, m.end)
    # "Of the BRI's six corridors, three ..., including CPEC"
    for t in s.toks:
        if t.lower_ == "including" or (
            t.lower_ == "such" and t.i + 1 < s.span.end and doc[t.i + 1].lower_ == "as"
        ):
            parts = s.right(t.i + 1, ("Initiative",), limit=6)
            for m in s.ments:
                if (
                    m.type == "Initiative"
                    and m.start < t.i
                    and m.end < s.span.end
                    and doc[m.end].lower_ in POSS
                    and any(doc[k].lower_ in nouns for k in range(m.end + 1, min(m.end + 4, t.i)))
                ):
                    yield from pairs(parts, [m], "part_of", t.i)
