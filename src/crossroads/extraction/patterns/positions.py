"""holds_position from titles: "Russian Foreign Minister X", "X, the envoy of Y", "Y, led by X".

A title is a run of title words, capitalised words and mentions right before or after a
person's name. The employer is a country, organisation or armed group inside that run that
is not the portfolio ("special envoy *for Afghanistan*" works for Russia, not Afghanistan).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Token

from crossroads.extraction.patterns import lexicon
from crossroads.extraction.patterns.reading import BODIES, POSS, Reading
from crossroads.extraction.patterns.sentence import (
    Ment,
    Sentence,
    antecedent,
    main_subject,
    subject_mentions,
)

EMPLOYERS = ("Country", "Organization", "ArmedGroup")
_PORTFOLIO = {"for", "on", "to", "over"}
_JOIN = {"of", "for", "on", "'s", "-", "’s", "the", "to", "and", "over"}
_WHEN = {"then", "currently", "now", "also", "once", "still", "formerly", "has", "had", "later"}
"""Words between a person and a verb or title ("X, who then chaired", "X, now the envoy")."""
_COPULA = _WHEN | {
    "is",
    "was",
    "became",
    "becomes",
    "been",
    "served",
    "serves",
    "as",
    "who",
    "be",
    "being",
    "appointed",
    "named",
    "elected",
}
_LINKED = {"linked", "backed", "led", "affiliated", "based", "allied", "aligned", "sponsored"}
_STOP = {",", ";", "(", ")", ":", ".", "—", "–", '"', "“", "”"}


@cache
def _titles(*keys: str) -> frozenset[str]:
    """The words of these lists of the [titles] lexicon."""
    return frozenset(w for k in keys for w in lexicon("relations")["titles"][k])


def _title_ok(tok: Token, s: Sentence, heads: frozenset[str], mods: frozenset[str]) -> bool:
    w = tok.lower_
    return (
        w in heads
        or w in mods
        or w in _JOIN
        or s.at(tok.i) is not None
        or (tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ"))
        or tok.text == "Then"
    )


def _zone_left(s: Sentence, end: int) -> tuple[int, int]:
    """Token range of the title run that ends right before token ``end``."""
    heads, mods = _titles("heads"), _titles("modifiers")
    i = end - 1
    while i >= s.span.start:
        m = s.at(i)
        if m is not None:
            if m.type == "Person":
                break  # another person's title ends here
            i = m.start - 1
            continue
        tok = s.doc[i]
        if tok.is_space:
            i -= 1
            continue
        if tok.lower_ == "the" and i - 1 >= s.span.start and s.doc[i - 1].lower_ in ("of", "for"):
            i -= 1  # "head of the Political Scientists Association X"
            continue
        if (
            tok.text in _STOP
            or tok.lower_ in ("the", "a", "an")
            or not _title_ok(tok, s, heads, mods)
        ):
            break
        i -= 1
    start = i + 1
    while start < end and (s.doc[start].lower_ in _JOIN or s.doc[start].is_space):
        start += 1
    return start, end


_LEAD = {"the", "a", "an", "its", "their", "then", "former"}


def _zone_right(s: Sentence, begin: int, limit: int = 22) -> tuple[int, int]:
    heads, mods = _titles("heads", "apposition_only"), _titles("modifiers")
    i = begin
    while i < s.span.end and s.doc[i].lower_ in _LEAD:
        i += 1
    j = i
    while j < s.span.end and j - begin < limit:
        m = s.at(j)
        if m is not None:
            j = m.end
            continue
        tok = s.doc[j]
        if tok.is_space:
            j += 1
            continue
        if tok.text in _STOP or not (
            _title_ok(tok, s, heads, mods)
            or tok.lower_ in ("the", "a")
            or tok.pos_ == "ADJ"
            or tok.lower_ in ("most", "linked", "backed", "based")
            or _portfolio_words(s, j, heads)
        ):
            break
        j += 1
    while j > i and (s.doc[j - 1].lower_ in _JOIN | {"the", "a"} or s.doc[j - 1].is_space):
        j -= 1
    return i, j


def _head(tok: Token, heads: frozenset[str]) -> bool:
    """A title's head word, also in the plural a list of holders shares ("Presidents")."""
    w = tok.lower_
    return w in heads or (w.endswith("s") and w[:-1] in heads)


def _portfolio_words(s: Sentence, j: int, heads: frozenset[str]) -> bool:
    """Token ``j`` is one of a few lower-case words naming a portfolio before its title's head
    ("<state>'s ports and shipping minister"): nouns, adjectives and "and", a head within four
    words."""
    doc = s.doc
    for k in range(j, min(j + 5, s.span.end)):
        tok = doc[k]
        if _head(tok, heads):
            return True
        if tok.text in _STOP or tok.pos_ not in ("NOUN", "ADJ", "CCONJ") or s.at(k) is not None:
            return False
    return False


def _parse(
    s: Sentence, lo: int, hi: int, person: Ment, apposition: bool
) -> tuple[list[Ment], str] | None:
    """Employers and role text of a title run, or None when it holds no title word."""
    heads = _titles("heads", *(["apposition_only"] if apposition else []))
    doc = s.doc
    if not any(_head(doc[k], heads) and s.at(k) is None for k in range(lo, hi)):
        return None
    employers: list[Ment] = []
    portfolio = seen_head = False
    prev = ""
    k = lo
    role_toks: list[int] = []
    while k < hi:
        m = s.at(k)
        if m is not None and m is not person:
            modifier = (
                m.end + 1 < hi
                and doc[m.end].text == "-"
                and (
                    doc[m.end + 1].tag_ in ("VBN", "VBD", "JJ") or doc[m.end + 1].lower_ in _LINKED
                )
            )
            # "the leader of KIB's Syrian wing": a demonym after the title is no employer
            late_demonym = m.demonym and seen_head
            if m.type in EMPLOYERS and not portfolio and not modifier and not late_demonym:
                employers.append(m)
                if role_toks and prev in ("of", "'s"):
                    role_toks.pop()  # "President of Kyrgyzstan": drop "of"
            else:
                role_toks.extend(range(m.start, m.end))
            k = m.end
            prev = ""
            continue
        if _head(doc[k], heads):
            seen_head = True
        if doc[k].lower_ in _PORTFOLIO:
            portfolio = True  # "envoy for South and Central Asian Affairs": no employer
        elif doc[k].lower_ == "of":
            portfolio = False
        if not (doc[k].lower_ in ("'s", "’s") and not role_toks) and not doc[k].is_space:
            role_toks.append(k)
        prev = doc[k].lower_
        k += 1
    while role_toks and doc[role_toks[-1]].lower_ in _JOIN | {"the"}:
        role_toks.pop()
    while role_toks and doc[role_toks[0]].lower_ in _JOIN | {"the", "then", "former", "current"}:
        role_toks.pop(0)
    role = " ".join(
        doc[k].text[:-1] if doc[k].lower_ not in heads and _head(doc[k], heads) else doc[k].text
        for k in role_toks
    )  # (each holder of "Presidents A of X, B of Y" is a "President")
    role = role.replace(" - ", "-").replace(" 's", "'s")
    return employers, role


def _owner(s: Sentence, lo: int) -> list[Ment]:
    """ "al Qaeda and its leader X", "..., and its current chief, X", "the group's emir, X":
    the organisation or group a possessive before the title points to."""
    doc = s.doc
    k = lo - 1
    while k >= s.span.start and doc[k].is_space:
        k -= 1
    if k < s.span.start:
        return []
    if doc[k].lower_ in POSS and s.word(k - 1) in BODIES and s.word(k - 2) in ("the", "this"):
        got = antecedent(s, k - 2, EMPLOYERS[1:])  # "the group's emir"
        return [got] if got is not None else []
    if doc[k].lower_ not in ("its", "their"):
        return []
    # "The TTP pledged allegiance to the Taliban's leader ..., and its chief": the subject
    subj = [
        m
        for m in s.ments
        if m.end <= k
        and m.type in EMPLOYERS[1:]
        and (main_subject(doc, m) or m.start - s.span.start <= 1)
    ]  # "The X ...": what it is about
    got = antecedent(s, k, EMPLOYERS[1:])
    return (  # "al Qaeda and its leader" first
        s.left(k, EMPLOYERS[1:], limit=3)[-1:]
        or subj[-1:]
        or s.left(k, EMPLOYERS[1:], limit=8)[-1:]
        or ([got] if got is not None else [])
    )


_VERB_ROLE = {
    "chair": "chair",
    "head": "head",
    "lead": "leader",
    "command": "commander",
    "found": "founder",
    "co-found": "co-founder",
}
"""A person who chairs, heads or leads a body holds a post in it ("X, who chaired the CSTO")."""


def _verb_posts(s: Sentence, p: Ment) -> Iterator[Reading]:
    """ "X, who chaired the CSTO at the time, ...", "X heads the Ferghana Brigade"."""
    doc = s.doc
    k = p.end
    if k < s.span.end and doc[k].text == ",":
        k += 1
        if k < s.span.end and doc[k].lower_ == "who":
            k += 1
    while k < s.span.end and doc[k].lower_ in _WHEN:
        k += 1
    if k >= s.span.end or doc[k].lemma_.lower() not in _VERB_ROLE or doc[k].pos_ != "VERB":
        return
    j = k + 1
    while j < s.span.end and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    org = s.at(j)
    if org is not None and org.type in EMPLOYERS[1:] and org.id != p.id:
        yield Reading(p, "holds_position", org, k, {"role": _VERB_ROLE[doc[k].lemma_.lower()]})


def _fallback(s: Sentence, person: Ment, role: str) -> list[Ment]:
    """A state post with no state in the title: the one country the sentence names."""
    words = set(role.lower().split())
    if not words & _titles("national"):
        return []
    # "Iran was represented by speaker X": the country before "by"
    doc = s.doc
    for k in range(person.start - 1, max(s.span.start, person.start - 5) - 1, -1):
        if doc[k].lower_ == "by":
            for back in range(k - 1, max(s.span.start, k - 5) - 1, -1):
                m = s.at(back)
                if m and m.type == "Country":
                    return [m]
                if doc[back].text in (";", ","):
                    break
            break
    countries = {m.id: m for m in s.ments if m.type == "Country"}
    if len(countries) == 1:
        return list(countries.values())
    # several: the one the sentence is about (its subject), when the person acts in it too
    if doc[person.end - 1].dep_ not in ("nsubj", "nsubjpass", "conj", "appos"):
        return []
    subjects = {
        m.id: m
        for m in s.ments
        if m.type == "Country" and not m.demonym and doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")
    }
    return list(subjects.values()) if len(subjects) == 1 else []


def _plural_title(s: Sentence, lo: int, hi: int) -> bool:
    """The title run's head word is a plural ("Presidents", "Foreign Ministers")."""
    heads = _titles("heads")
    return any(s.doc[k].lower_ not in heads and _head(s.doc[k], heads) for k in range(lo, hi))


def _coordinated(s: Sentence, p: Ment) -> list[Ment]:
    """``p`` and the people listed right after it ("A, B and C")."""
    out, k = [p], p.end
    while k < s.span.end and len(out) < 12:
        if s.doc[k].text == ",":
            k += 1
        if k < s.span.end and s.doc[k].lower_ == "and":
            k += 1
        m = s.at(k)
        if m is None or m.type != "Person" or m.start != k:
            break
        out.append(m)
        k = m.end
    return out


def _of_employer(s: Sentence, k: int) -> Ment | None:
    """The employer in "of (the) <name>" starting at token ``k`` ("X of Azerbaijan")."""
    doc = s.doc
    if k >= s.span.end or doc[k].lower_ != "of":
        return None
    j = k + 1
    if j < s.span.end and doc[j].lower_ == "the":
        j += 1
    m = s.at(j)
    return m if m is not None and m.start == j and m.type in EMPLOYERS else None


def _listed_title(s: Sentence, p: Ment) -> str | None:
    """The title a list of "<name> of <state>" items shares ("Presidents A of X, B of Y and C
    of Z"): the role of its first item, for each later one."""
    doc = s.doc
    for _ in range(12):  # items of one list
        k = p.start - 1
        while k > s.span.start and doc[k].is_space:
            k -= 1
        if k <= s.span.start or doc[k].text not in (",", "and"):
            return None
        if doc[k].lower_ == "and" and doc[k - 1].text == ",":
            k -= 1
        emp = s.at(k - 1)
        if emp is None or emp.type not in EMPLOYERS:
            return None
        j = emp.start - 1
        if j > s.span.start and doc[j].lower_ == "the":
            j -= 1
        if doc[j].lower_ != "of":
            return None
        q = s.at(j - 1)
        if q is None or q.type != "Person" or q.end != j:
            return None
        lo, hi = _zone_left(s, q.start)
        got = _parse(s, lo, hi, q, apposition=False) if lo < hi else None
        if got:
            return got[1] if not got[0] else None
        p = q
    return None


def read_positions(s: Sentence) -> Iterator[Reading]:
    """holds_position readings of every person a sentence names with a title."""
    doc = s.doc
    for p in s.ments:
        if p.type != "Person":
            continue
        yield from _verb_posts(s, p)
        found: list[tuple[list[Ment], str]] = []
        lo, hi = _zone_left(s, p.start)
        got = _parse(s, lo, hi, p, apposition=False) if lo < hi else None
        after = _of_employer(s, p.end)
        if got and len(got[0]) > 1 and _plural_title(s, lo, hi):
            # "Presidents of X and Y A and B": each holder of the shared title in turn
            holders = _coordinated(s, p)
            if len(holders) == len(got[0]):
                for holder, e in zip(holders[1:], got[0][1:], strict=True):
                    yield Reading(holder, "holds_position", e, holder.start, {"role": got[1]})
                found.append((got[0][:1], got[1]))
        elif got:
            # "President X of Azerbaijan": the state after the name, when none is in the title
            found.append((got[0] or ([after] if after else _owner(s, lo)), got[1]))
        elif after is not None and (role := _listed_title(s, p)) is not None:
            found.append(([after], role))  # "Presidents A of X, [B] of Y"
        comma = lo - 1 if got else p.start - 1
        while comma > s.span.start and doc[comma].is_space:
            comma -= 1
        if (not got or not got[0]) and comma > s.span.start and doc[comma].text == ",":
            # "the Taliban's deputy leader, X" / "the chief of the General Staff, Army Gen. X"
            lo2, hi2 = _zone_left(s, comma)
            got2 = _parse(s, lo2, hi2, p, apposition=True) if lo2 < hi2 else None
            if got2 and (got2[0] or _owner(s, lo2)):
                found.append((got2[0] or _owner(s, lo2), got2[1]))
        # "X, the Russian special envoy for Afghanistan," / "X, who is the leader of Y"
        k = p.end
        while k < s.span.end and doc[k].is_space:
            k += 1
        if k < s.span.end and doc[k].text in (",", "("):
            k += 1
        comma = k > p.end
        cop = k
        while cop < s.span.end and (doc[cop].lower_ in _COPULA or doc[cop].is_space):
            cop += 1
        for _ in range(2):
            if not (comma or cop > k):
                break
            lo, hi = _zone_right(s, cop)
            got = _parse(s, lo, hi, p, apposition=True) if lo < hi else None
            if got:
                found.append(got)
            # "X, Iran's most powerful general, the commander of the Quds Force"
            if hi < s.span.end and doc[hi].text == "," and hi > lo:
                cop = k = hi + 1
                comma = True
            else:
                break
        for employers, role in found:
            if not employers:
                employers = _fallback(s, p, role)
            for e in employers:
                if e.id != p.id:
                    yield Reading(p, "holds_position", e, p.start, {"role": role} if role else {})
    # "the IJU, led by X"
    led = lexicon("relations")["titles"]["led_by"]
    for t in s.toks:
        if t.lower_ not in led:
            continue
        if t.i + 1 < s.span.end and doc[t.i + 1].lower_ == "by":
            person = s.at(t.i + 2)
            org = s.left(t.i, EMPLOYERS[1:], limit=3)
        else:
            # "X was founded in 2010 by Y": the passive's agent and subject
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            person = s.at(obj.i) if obj is not None else None
            org = [m for m in subject_mentions(s, t, EMPLOYERS[1:]) if m.end <= t.i]
        if person and person.type == "Person" and org:
            yield Reading(person, "holds_position", org[-1], t.i, {"role": led[t.lower_]})
