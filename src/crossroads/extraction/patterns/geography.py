"""Geography and basing: borders, located_in, connects, has_resource, hosts_military_presence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from crossroads.extraction.patterns.reading import (
    PLACES,
    POSS,
    SITES,
    STATE,
    Qualifiers,
    Reading,
    lex_of,
    pairs,
    words_of,
)
from crossroads.extraction.patterns.sentence import (
    Ment,
    Sentence,
    subject_mentions,
)


def borders(s: Sentence) -> Iterator[Reading]:
    trig = lex_of("borders")["triggers"]
    doc = s.doc
    text = s.span.text
    km = re.search(r"(\d[\d,.]*)\s*(?:-\s*)?(km|kilomet(?:er|re)s?)\b", text)
    quals = {"length_km": int(float(km.group(1).replace(",", "")))} if km else {}
    for t in s.toks:
        if t.lower_ not in trig:
            continue
        left = s.left(t.i, PLACES, limit=6, stop={".", ";"})
        if t.pos_ == "VERB" or s.at(t.i + 1) is not None:
            # "Turkmenistan, which is not a member of the CSTO, borders Afghanistan"
            left = [m for m in subject_mentions(s, t, PLACES) if not m.demonym] or left
        right = []
        nxt = s.word(t.i + 1)
        direct = s.at(t.i + 1) is not None and t.lower_ in ("borders", "bordered", "bordering")
        if direct and t.pos_ != "VERB":
            left = [
                m for m in s.left(t.i, PLACES, limit=20, stop={".", ";"}) if not m.demonym
            ] or left
        if nxt in ("with", "between", "of", "along", "to") or t.pos_ == "VERB" or direct:
            right = s.right(t.i + 1, PLACES, limit=4, stop={".", ";", "("})
        if right and right[0].demonym:
            later = s.right(right[-1].end, PLACES, limit=4, stop={".", ";", ","})
            if later and not later[0].demonym:
                right = later
        if nxt == "between" and len(right) >= 2:
            first, *rest = right
            yield from pairs([first], rest, "borders", t.i, **quals)
            continue
        # "India-Pakistan border": a hyphenated pair just before the trigger
        if left and not right:
            g = left
            if len(g) == 1:
                m = g[0]
                prev = s.at(m.start - 2) if m.start >= 2 and doc[m.start - 1].text in "-–" else None
                if prev and prev.type in PLACES:
                    yield from pairs([prev], [m], "borders", t.i, **quals)
            continue
        near = [doc[k] for k in range(max(s.span.start, t.i - 8), t.i)]
        if (
            not left
            and not right
            and len(s.pair) == 2
            and (
                any(x.lower_ == "their" for x in near[-5:])
                or (
                    any(x.lower_ in ("two", "both") for x in near)
                    and any(x.lemma_ == "share" for x in near)
                )
            )
        ):
            # "their border", "the two countries share a border of 900 km"
            yield from pairs(s.pair[:1], s.pair[1:], "borders", t.i, **quals)  # "their border"
            continue
        if left and right:
            # "Pakistan's borders with Afghanistan": possessive owner is the subject
            owner = left[-1:] if doc[left[-1].end].lower_ in POSS else left
            yield from pairs(owner, right, "borders", t.i, **quals)


def _listed_on(s: Sentence, y: Ment) -> bool:
    """A state after a city is one of a list, not the city's country: "and" or "or" after it,
    a possessive, or a comma and another place ("A, Uzbekistan, Tajikistan and ..."). A comma
    and anything else closes "Samarkand, Uzbekistan, on Friday"."""
    after = s.word(y.end)
    if after in ("and", "or", *POSS):
        return True
    if after != ",":
        return False
    k = y.end + 1
    if s.word(k) in ("and", "or"):
        k += 1
    nxt = s.at(k)
    return nxt is not None and nxt.start == k and nxt.type in PLACES


def located_in(s: Sentence) -> Iterator[Reading]:
    lex = lex_of("located_in")
    doc = s.doc
    inner = ("Place", "Facility")
    skip = {*lex["place_nouns"], *lex["verbs"], "is", "was", "are", "a", "an", "the"}
    for m in s.ments:
        if m.type not in inner or m.demonym:
            continue
        j = m.end
        # "X in Y", "X province of Y", "X, Y" (a city and its country)
        k = j
        while k < s.span.end and k - j < 5 and (doc[k].lower_ in skip or doc[k].is_space):
            k += 1
        if s.word(k) in ("in", "near") or (s.word(k) == "of" and k > j):
            y = s.at_the(k + 1)
            if y and y.type in PLACES and y.id != m.id and not y.demonym:
                yield Reading(m, "located_in", y, k)
        elif k == j and s.word(j) in (",", "("):
            y = s.at(j + 1)
            if (
                y
                and y.type == "Country"
                and not y.demonym
                and (
                    s.word(y.end) == ")"
                    if s.word(j) == "("
                    else not _listed_on(s, y)
                    and doc[y.end - 1].dep_ not in ("nsubj", "nsubjpass")
                    and s.word(m.start - 1) not in ("and", "or")
                )
            ):
                yield Reading(m, "located_in", y, j)  # "X, Y", "X (Y)"
        # "Kunduz, the capital of Kunduz province" / "Dushanbe, Tajikistan's capital"
        if j + 2 < s.span.end and doc[j].text == ",":
            k = j + 1
            if doc[k].lower_ in ("the", "a"):
                k += 1
            if doc[k].lower_ in lex["place_nouns"] and s.word(k + 1) in ("of", "in"):
                y = s.at_the(k + 2)
                if y and y.type in PLACES and y.id != m.id and not y.demonym:
                    yield Reading(m, "located_in", y, k)
            y = s.at(j + 1)
            if (
                y
                and y.type in PLACES
                and not y.demonym
                and s.word(y.end) in POSS
                and s.word(y.end + 1) in lex["place_nouns"]
            ):
                yield Reading(m, "located_in", y, j)
        # "China's far-western Xinjiang region", "the Afghan province of Faryab"
        for back in range(m.start - 1, max(s.span.start, m.start - 6) - 1, -1):
            tok = doc[back]
            owner = s.at(back)
            if owner and owner is not m:
                between = doc[owner.end : m.start]
                words = [t.lower_ for t in between]
                ok = owner.type in PLACES and (
                    (
                        words[:1]
                        and words[0] in POSS
                        and all(
                            t.pos_ in ("ADJ", "ADV", "NOUN", "PUNCT", "PART", "PROPN")
                            or (t.lower_ == "of" and t.i == m.start - 1)  # "city of X"
                            for t in between
                        )
                    )
                    or (
                        owner.demonym
                        and (
                            not words
                            or (
                                any(w in lex["place_nouns"] for w in words)
                                and all(
                                    w in lex["place_nouns"]
                                    or w in ("of", "the", "-")
                                    or t.pos_ == "ADJ"
                                    for w, t in zip(words, between)
                                )
                            )
                        )
                    )
                )
                if ok and "," not in words:
                    group = s.group_of(m) if owner.demonym else [m]
                    for g in group:
                        if g.type in inner:
                            yield Reading(g, "located_in", owner, back)
                break
            if tok.lower_ in (",", ";", "(", ")", "and", "in", "by"):
                break


def hosts(s: Sentence) -> Iterator[Reading]:
    lex = lex_of("hosts_military_presence")
    doc = s.doc
    mil = set(lex["military"])
    for t in s.toks:
        if t.lower_ not in mil:
            continue
        # foreign force: a country right before ("US troops", "America's military base")
        foreign = None
        own = s.at(t.i)  # "its 201st military base": the trigger names the base itself
        own = own if own is not None and own.type == "Facility" else None
        first = own.start if own else t.i
        for back in range(first - 1, max(s.span.start, first - 4) - 1, -1):
            m = s.at(back)
            if m:
                if m.type == "Country":
                    foreign = m
                break
            if doc[back].lower_ in (",", ";", "(", "in", "of", "the", "a", "to"):
                break
        if foreign is None and any(
            doc[k].lower_ in ("its", "their") for k in range(max(s.span.start, first - 3), t.i)
        ):
            # "Russia, which keeps its military base in Tajikistan"
            owners = subject_mentions(s, t, STATE)
            foreign = owners[0] if len(owners) == 1 else None
        if foreign is None:
            continue
        # host: after "in"/"at"/"on" within a few words
        host = place = None
        for k in range(t.i + 1, min(s.span.end, t.i + 6)):
            if doc[k].lower_ in ("in", "at", "on"):
                m = s.at_the(k + 1)
                after = s.at(m.end) if m else None
                if (
                    m
                    and m.type == "Country"
                    and m.demonym
                    and after is not None
                    and after.type in ("Place", "Facility")
                ):
                    host, place = m, after
                elif (
                    m
                    and m.type == "Country"
                    and not m.demonym
                    and doc[m.end - 1].dep_ not in ("compound", "amod", "nmod", "npadvmod")
                ):
                    host = m
                elif m and m.type in ("Place", "Facility"):
                    place = m
                    # "at Manas airport in Kyrgyzstan", "in Khanabad, Uzbekistan"
                    k2 = m.end
                    if k2 < s.span.end and doc[k2].lower_ in (",", "in"):
                        m2 = s.at(k2 + 1)
                        if m2 and m2.type == "Country" and not m2.demonym:
                            host = m2
                break
            if doc[k].lower_ in (",", ";", "."):
                break
        if host is None or host.id == foreign.id:
            continue
        place = place or own
        quals: Qualifiers = {"place": place.id} if place else {}
        yield Reading(host, "hosts_military_presence", foreign, t.i, quals)
    yield from _used_bases(s, mil)
    for t in s.toks:
        if t.lower_ in lex["host_verbs"] and t.lemma_ == "host":
            hosts = [m for m in s.left(t.i, STATE, limit=5, stop={","}) if not m.demonym]
            foreigns = s.right(t.i + 1, STATE, limit=3)
            near = doc[t.i : min(s.span.end, t.i + 6)]
            if hosts and foreigns and any(x.lower_ in mil for x in near):
                at = [
                    m.id
                    for m in s.ments
                    if m.type in ("Facility", "Place") and 0 < m.start - t.i <= 10
                ]
                quals = {"place": at[0]} if at else {}
                yield from pairs(hosts, foreigns, "hosts_military_presence", t.i, **quals)


_AVOID = {"avoid", "bypass", "circumvent", "skirt", "without", "instead", "except"}
"""Words after a link word that put the next place outside the link."""


def _qualifies(s: Sentence, prev: Ment, m: Ment) -> bool:
    """Whether ``m`` only locates ``prev`` ("Kashgar in Xinjiang", "Osh, Kyrgyzstan",
    "the X gas field in Y")."""
    doc = s.doc
    between = [x.lower_ for x in doc[prev.end : m.start]]
    while between and between[0] in SITES | {"gas", "oil"}:
        between = between[1:]
    if between in (["in"], ["in", "the"]):
        return m.type in ("Place", "Country")
    # "Osh, Kyrgyzstan": a country after a town; "A, B and C" stays a list
    after = doc[m.end].lower_ if m.end < s.span.end else ""
    return (
        between == [","]
        and m.type == "Country"
        and prev.type != "Country"
        and after not in (",", "and", "or")
    )


_USE = {
    "use",
    "keep",
    "maintain",
    "operate",
    "lease",
    "rent",
    "run",
    "have",
    "retain",
    "hold",
    "station",
    "deploy",
    "occupy",
}
"""Verbs by which a state has a base named after them ("X used the Y air base in Z")."""


def _used_bases(s: Sentence, mil: set[str]) -> Iterator[Reading]:
    """ "The US used the A air base in B from 2001 to 2014 and the C base in D until 2005":
    B hosts the US at A (with its own dates), D hosts the US at C."""
    doc = s.doc
    bases = [m for m in s.ments if m.type == "Facility" and doc[m.end - 1].lower_ in mil]
    for n, m in enumerate(bases):
        host = None
        k = m.end
        if k + 1 < s.span.end and doc[k].lower_ in ("in", ",", "near"):
            host = s.at(k + 1)
        if host is None or host.type != "Country" or host.demonym:
            continue
        v = doc[m.end - 1]
        for _ in range(4):  # up through "and the C base" to the verb
            if v.pos_ == "VERB" or v.head.i == v.i:
                break
            v = v.head
        if v.lemma_.lower() not in _USE:
            continue
        users = [u for u in subject_mentions(s, v, STATE) if not u.demonym and u.id != host.id]
        if len(users) != 1:
            continue
        # the dates of this base's own stretch of the sentence
        stop = bases[n + 1].start if n + 1 < len(bases) else s.span.end
        text = doc[host.end : stop].text
        r = Reading(host, "hosts_military_presence", users[0], m.start, {"place": m.id})
        if rng := re.search(r"\bfrom\s+(\d{4})\s*(?:to|until|till|-|–)\s*(\d{4})", text):
            r.start, r.end = rng.group(1), rng.group(2)
        elif until := re.search(r"\b(?:until|till|to)\s+(\d{4})", text):
            r.end = until.group(1)
        elif since := re.search(r"\b(?:since|from)\s+(\d{4})", text):
            r.start = since.group(1)
        yield r


_KINDS = {
    "line": ("railway", "rail", "pipeline", "line"),
    "railway": ("railway", "rail", "line"),
    "railroad": ("railway", "rail", "railroad"),
    "pipeline": ("pipeline", "gas", "oil"),
    "corridor": ("corridor",),
    "road": ("road", "highway"),
    "highway": ("road", "highway"),
    "route": ("route", "corridor", "road"),
    "link": (),
    "project": (),
    "canal": ("canal",),
    "tunnel": ("tunnel",),
    "bridge": ("bridge",),
    "cable": ("cable", "line"),
}
"""Nouns by which "the line", "the pipeline" points back to a named project, and the words
that name its kind (a "line" is a railway or a pipeline)."""


def _the_project(s: Sentence, t: Token) -> list[Ment]:
    """ "The 760-km line would link A with B": the last named project of that kind."""
    v, subj = t, None
    for _ in range(3):  # "the pipeline is meant to carry": the governing verb's subject
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or v.dep_ not in ("xcomp", "conj") or v.head.i == v.i:
            break
        v = v.head
    if (
        subj is None
        or subj.lower_ not in _KINDS
        or not any(c.lower_ in ("the", "this", "that") for c in subj.children)
    ):
        return []
    kinds = _KINDS[subj.lower_]
    links = ("Initiative", "Facility")
    found = [m for key, m in s.last.items() if key in links]
    found += [m for m in s.ments if m.type in links and m.end <= subj.i]
    fits = [m for m in found if any(k in m.text.lower() for k in kinds)]
    pick = max(fits or found, key=lambda m: m.start, default=None)
    return [pick] if pick is not None else []


_CARRY = {"carry", "transport", "ship", "pump", "deliver", "export", "bring", "move", "supply"}
"""Verbs by which a pipeline or line "carries gas from A to B": it connects A and B."""


def connects(s: Sentence) -> Iterator[Reading]:
    trig = set(lex_of("connects")["triggers"])
    links = ("Initiative", "Facility")
    ends = ("Place", "Country", "Facility")
    for t in s.toks:
        carry = (
            t.pos_ == "VERB"
            and t.lemma_.lower() in _CARRY
            and any(c.dep_ == "prep" and c.lower_ in ("from", "to") for c in t.children)
        )
        if t.lower_ not in trig and not carry:
            continue
        # the clause's subject, not a name inside its apposition ("X, a flagship of Y, links")
        what = subject_mentions(s, t, links) if t.pos_ == "VERB" else []
        if not what and t.pos_ == "VERB":
            what = _the_project(s, t)
        if not what and carry:
            continue  # "Turkmenistan exports gas to China": a state, no line
        what = (
            what
            or s.left(t.i, ("Initiative",), limit=14, stop={";", "."})
            or s.left(t.i, links, limit=6, stop={";", ".", ","})
        )
        if not what:
            continue
        to: list[Ment] = []
        for m in s.ments:
            if (
                m.start > t.i
                and m.start - t.i <= (20 if carry else 14)
                and m.type in ends
                and not m.demonym
            ):
                between = s.doc[t.i + 1 : m.start]
                if any(x.lemma_.lower() in _AVOID or x.lower_ in _AVOID for x in between):
                    break  # "a route that avoids X": X is what the link goes around
                if to and _qualifies(s, to[-1], m):
                    continue  # "Kashgar in Xinjiang": where the end lies, not another end
                to.append(m)
        for w in what[-1:]:
            for m in to:
                if m.id != w.id:
                    yield Reading(w, "connects", m, t.i)


def has_resource(s: Sentence) -> Iterator[Reading]:
    lex = lex_of("has_resource")
    doc = s.doc
    text = s.span.text
    low = text.lower()
    base = s.span.start_char
    words = set(words_of(s))
    if not any(w in words for w in lex["triggers"]):
        return
    owners = [m for m in s.ments if m.type in ("Country", "Place") and not m.demonym]
    if not owners:
        return
    found: list[tuple[int, str]] = []
    for res in sorted(lex["resources"], key=len, reverse=True):
        for mt in re.finditer(rf"\b{re.escape(res)}\b", low):
            if any(a <= mt.start() < a + len(r) for a, r in found):
                continue
            found.append((mt.start(), res))
    unit = "|".join(re.escape(u) for u in lex["units"])
    for pos, res in sorted(found):
        char = base + pos
        tok = next((t for t in s.toks if t.idx >= char), None)
        if tok is None:
            continue
        owner = max(
            (m for m in owners if doc[m.start].idx < char), key=lambda m: m.start, default=None
        )
        if owner is None:
            continue
        quals: Qualifiers = {"resource": res}
        # the nearest "30 billion barrels" before or after the resource word
        q = None
        for mq in re.finditer(
            rf"(\d[\d,.]*\s*(?:million|billion|trillion|thousand)?\s*(?:{unit})(?:\s+(?:feet|meters|metres))?)",
            low,
        ):
            if abs(mq.start() - pos) < 60:
                q = text[mq.start() : mq.end()]
                break
        if q:
            quals["quantity"] = q
        elif not any(
            doc[k].lower_ in lex["triggers"] for k in range(owner.end, min(tok.i + 2, s.span.end))
        ):
            continue
        yield Reading(owner, "has_resource", None, tok.i, quals)
