"""Membership and agreements: member_of, party_to, part_of ("A and B are members of C")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from crossroads.extraction.patterns.reading import (
    ORGS,
    POSS,
    STATE,
    THEY,
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
            if subj and subj[-1].type == "Organization" and subj[-1].end == t.i and not obj:
                # "their status as Security Council members": the organisation is the object
                obj = subj[-1:]
                subj = [m for m in subject_mentions(s, t, STATE)] or (
                    s.pair if any(x.lower_ in THEY for x in doc[s.span.start : t.i]) else []
                )
            if not subj:
                # "the SCO member states Kazakhstan and Kyrgyzstan": organisation before
                before = s.left(t.i, ORGS, limit=2)
                after = s.right(t.i + 1, STATE, limit=3)
                if before and after:
                    yield from pairs(after, before, "member_of", t.i)
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
            yield from pairs(subj, obj + _and_of(s, obj), "member_of", t.i)
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


def _and_of(s: Sentence, obj: list[Ment]) -> list[Ment]:
    """ "a member of NATO and of the OTS": the organisations of a second coordinated 'of'."""
    if not obj:
        return []
    k = obj[-1].end
    doc = s.doc
    if k + 1 < s.span.end and doc[k].lower_ == ",":
        k += 1
    if k + 2 < s.span.end and doc[k].lower_ == "and" and doc[k + 1].lower_ == "of":
        return s.right(k + 2, ORGS, limit=3)
    return []


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


def listed_members(s: Sentence) -> Iterator[Reading]:
    """ "the XYZ bloc (Armenia, Georgia, Moldova and Ukraine)": a member list in brackets."""
    doc = s.doc
    for m in s.ments:
        if m.type != "Organization":
            continue
        k = m.end
        while k < s.span.end and k - m.end < 2 and doc[k].lower_ in ("group", "bloc", "alliance"):
            k += 1
        if k < s.span.end and doc[k].text == "(":
            members = s.right(k + 1, STATE, limit=1)
            if len(members) >= 2:
                yield from pairs(members, [m], "member_of", m.start)


_PARTIES = ("Country", "Organization", "ArmedGroup", "Person")


def party_to(s: Sentence) -> Iterator[Reading]:
    """The parties of an agreement the sentence names: "A and B signed the X Accord", "the X
    Treaty between A and B", "the accord signed by A", "A concluded the X with B"."""
    deals = [m for m in s.ments if m.type == "Agreement"]
    verbs = lex_of("party_to")["verbs"] if deals else ()
    for t in s.toks:
        if t.lower_ == "between" and deals:
            parties = [p for p in s.right(t.i + 1, _PARTIES, limit=4) if not p.demonym]
            yield from pairs(parties, s.left(t.i, ("Agreement",), limit=4), "party_to", t.i)
        elif t.lower_ in verbs:
            they = any(x.lower_ in THEY for x in s.doc[max(s.span.start, t.i - 4) : t.i])
            parties = s.left(t.i, _PARTIES, limit=8, stop={";", "."}) or (s.pair if they else [])
            after = {k.lower_: k.i for k in reversed(s.doc[t.i + 1 : min(s.span.end, t.i + 12)])}
            if "by" in after and (t.tag_ == "VBN" or t.lower_ == "signing"):
                parties = s.right(after["by"] + 1, _PARTIES, limit=3) or parties
            if "with" in after:
                parties = parties + s.right(after["with"] + 1, _PARTIES, limit=3)
            near = [d for d in deals if abs(d.start - t.i) <= 25]
            yield from (
                Reading(p, "party_to", d, t.i) for d in near for p in parties if p.id != d.id
            )


def part_of(s: Sentence) -> Iterator[Reading]:
    nouns = set(lex_of("part_of")["nouns"])
    doc = s.doc
    kinds = ("Initiative", "Organization")
    for t in s.toks:
        if t.lower_ not in nouns:
            continue
        nxt = s.word(t.i + 1)
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
