"""Armed groups: operates_in, affiliated_with, pledged_allegiance_to, designated_terrorist_by."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from crossroads.extraction.patterns.reading import (
    BODIES,
    GROUPS,
    PLACES,
    Reading,
    lex_of,
    pairs,
    words_of,
)
from crossroads.extraction.patterns.sentence import (
    CLAUSE_BREAKS,
    Ment,
    Sentence,
    antecedent,
    clause_start,
    subject_mentions,
)


def _referred(s: Sentence, tok: Token) -> list[Ment]:
    """ "the group's fighters operate", "its fighters operate": the last named armed group."""
    v = tok
    for _ in range(3):
        if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
            break
        v = v.head
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for _ in range(2):
        if subj is not None or v.dep_ != "conj":
            break
        v = v.head  # "the group is allied with A and operates in B": the first verb's subject
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or any(s.at(x.i) is not None for x in subj.subtree):
        return []
    words = [x for x in subj.subtree]
    back = any(x.lower_ == "its" for x in words) or any(
        x.lower_ in BODIES and any(c.lower_ in ("the", "this") for c in x.children) for x in words
    )
    got = antecedent(s, subj.left_edge.i, GROUPS) if back else None
    return [got] if got is not None else []


def _object_back(s: Sentence, verb: Token) -> list[Ment]:
    """ "X banned the group", "X outlawed it": the object points back to the armed group."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or s.at(obj.i) is not None:
        return []
    back = obj.lower_ == "it" or (
        obj.lower_ in BODIES and any(c.lower_ in ("the", "this") for c in obj.children)
    )
    got = antecedent(s, verb.i, GROUPS) if back else None
    return [got] if got is not None else []


_FAR = {"across", "opposite", "over", "beyond", "away", "miles", "kilometres", "kilometers", "km"}
"""Words before "from X" that put X on the far side, not where a group operates."""


def _places_after(s: Sentence, i: int, limit: int = 9) -> list[Ment]:
    """Places right after a preposition: "in the northern Afghan provinces of A, B and C"."""
    doc = s.doc
    out: list[Ment] = []
    k = i
    while k < min(s.span.end, i + limit):
        m = s.at(k)
        if m is not None:
            if m.type in PLACES:
                out.extend(g for g in s.group_of(m) if g.type in PLACES and g not in out)
            k = max(m.end, max((g.end for g in s.group_of(m)), default=m.end))
            continue
        t = doc[k]
        if t.lower_ == "between" and out:
            break
        if t.lower_ == "from" and any(doc[j].lower_ in _FAR for j in range(max(i - 1, k - 4), k)):
            break  # "across the river from X", "a few miles from X": X is the far side
        if (
            t.pos_ in ("VERB", "AUX")
            or t.text in (";", ".", ")")
            or t.lower_
            in (
                "which",
                "where",
                "while",
                "but",
                "who",
                "that",
                "against",
                "with",
                "near",
                "outside",
                "beyond",
                "bordering",
            )
        ):
            break  # "in A, near the B border": B is next door, not where the group is
        k += 1
    if any(t.lower_ == "between" for t in doc[i : out[0].start]) if out else False:
        return out[:1]  # "along the border between A, B and C": A's side
    return out


_BESIDE = {"alongside", "with", "against", "beside", "than"}
_UNDER = {"auspices", "banner", "umbrella", "flag", "protection", "patronage"}


def _companion(doc: Doc, m: Ment) -> bool:
    """A mention that is the object of "alongside", "with", "against": a companion or foe."""
    tok = doc[m.end - 1]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _UNDER:
        return True  # "A fights under the banner of group B in X" (made-up phrasing)
    return tok.dep_ == "pobj" and tok.head.lower_ in _BESIDE


def operates_in(s: Sentence) -> Iterator[Reading]:
    lex = lex_of("operates_in")
    doc = s.doc
    actors = ("ArmedGroup", "Organization")
    for t in s.toks:
        if t.lower_ not in lex["preps"]:
            continue
        where = _places_after(s, t.i + 1)
        if not where:
            continue
        window = [x for x in doc[max(s.span.start, t.i - 6) : t.i]]
        trig = [
            x
            for x in window
            if (x.lower_ in lex["triggers"] or x.lemma_ in lex["triggers"]) and s.at(x.i) is None
        ]
        if any(x.lower_ in ("banned", "designated", "outlawed", "listed") for x in window[-2:]):
            continue
        who = s.left(t.i, actors, limit=14, stop={";", ".", "against", "while", "whereas"})
        if who and _companion(doc, who[0]):
            who = []  # "fights alongside the Taliban in X": the Taliban is no subject here
            verb = next((x for x in t.ancestors if x.pos_ == "VERB"), None)
            if not trig and verb is not None and verb.lower_ in lex["triggers"]:
                trig = [verb]  # "A fight under the auspices of B in X": the verb A does
        subj = [m for m in subject_mentions(s, t, GROUPS) if m not in who]
        if not who and not subj:
            subj = _referred(s, t)
        if not who and not subj:
            continue
        if subj and trig:
            yield from pairs(subj, where, "operates_in", trig[-1].i)
        if not who:
            continue
        if who[0].type == "Organization" and not trig:
            continue
        if not trig and not (
            who[-1].end == t.i or (who[-1].end + 1 == t.i and doc[who[-1].end].text == "(")
        ):
            continue
        if t.lower_ in ("from", "into", "to") and not any(
            x.lower_ in ("operate", "operates", "operating", "operated", "attacks", "operations")
            for x in trig
        ):
            continue
        yield from pairs(who, where, "operates_in", trig[-1].i if trig else t.i)


def affiliated_with(s: Sentence) -> Iterator[Reading]:
    trig = set(lex_of("affiliated_with")["triggers"])
    for t in s.toks:
        if t.lower_ not in trig:
            continue
        left = s.left(t.i, GROUPS, limit=14, stop={";", "."})
        right = s.right(t.i + 1, GROUPS, limit=6, stop={";", "."})
        # "the group is aligned with A and fights alongside B": the subject, not A
        subj = subject_mentions(s, t, GROUPS) or _referred(s, t)
        if subj and all(m.end <= t.i and m not in right for m in subj):
            left = subj  # not "Al Qaeda-affiliated groups A and B": those are no subject
        if left and right:
            yield from pairs(left, right, "affiliated_with", t.i)


def pledged(s: Sentence) -> Iterator[Reading]:
    trig = set(lex_of("pledged_allegiance_to")["triggers"])
    doc = s.doc
    actors = ("ArmedGroup", "Person")
    for t in s.toks:
        if t.lower_ not in trig:
            continue
        if t.lower_ in ("oath", "loyalty") and not any(
            x.lower_ in ("allegiance", "loyalty", "swore", "pledged", "sworn")
            for x in doc[max(0, t.i - 3) : t.i + 3]
        ):
            continue
        # "A pledged allegiance to B, while C swore allegiance to D": each clause its subject
        lo = clause_start(s, t.i)
        who = [m for m in subject_mentions(s, t, actors) if m.start >= lo] or s.left(
            t.i, actors, limit=10, stop={";"} | CLAUSE_BREAKS
        )
        to = s.right(t.i + 1, actors, limit=5, stop={";", "."})
        yield from pairs(who, to, "pledged_allegiance_to", t.i)


def designated(s: Sentence) -> Iterator[Reading]:
    lex = lex_of("designated_terrorist_by")
    doc = s.doc
    words = words_of(s)
    terror = any(any(w.startswith(x) for x in lex["terror"]) for w in words)
    by_types = ("Country", "Organization")
    for t in s.toks:
        w = t.lower_
        if w not in lex["verbs"]:
            continue
        if w not in lex["bans"] and not terror:
            continue
        nxt = s.word(t.i + 1)
        passive = (
            t.tag_ == "VBN"
            or nxt in ("by", "in")
            or w in ("banned", "designated", "listed", "blacklisted")
        )
        groups = s.left(t.i, GROUPS, limit=12, stop={";"})
        by = []
        if passive:
            for k in range(t.i + 1, min(s.span.end, t.i + 12)):
                if doc[k].lower_ in ("by", "in"):
                    by = s.right(k + 1, by_types, limit=3)
                    if by:
                        break
        if not groups or not by:
            # active voice: "the State Department designated KIB a terrorist group"
            who = s.left(t.i, by_types, limit=6, stop={";", ","})
            grp = s.right(t.i + 1, GROUPS, limit=4) or _object_back(s, t)
            if who and grp:
                groups, by = grp, who
        if w in lex["bans"] and not by:
            continue
        yield from pairs(groups, by, "designated_terrorist_by", t.i)
