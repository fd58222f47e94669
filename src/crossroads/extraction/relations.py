"""Read the thirteen relation predicates out of a processed Doc, sentence by sentence.

Each predicate is a small rule: a trigger word from ``patterns/relations.toml`` plus the
nearest coordinated group of mentions of the allowed types on each side. Groups make
"Tajikistan and Uzbekistan are members of the CSTO" two readings. Every reading carries
its sentence as evidence, dates ("since 2002"), negation and who asserts it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from crossroads.extraction.patterns import lexicon
from crossroads.extraction.patterns.positions import read_positions
from crossroads.extraction.patterns.sentence import (
    Ment,
    Sentence,
    attribution,
    named_ids,
    negated,
    sentences,
    start_end,
    subject_mentions,
)
from crossroads.extraction.quotes import read_quotes
from crossroads.model import Evidence, Relation

__all__ = ["read_relations"]

STATE = ("Country",)
_THEY = {"they", "both", "their", "them"}
ORGS = ("Organization",)
GROUPS = ("ArmedGroup",)
PLACES = ("Place", "Country")
STATIC = {"holds_position", "borders", "located_in", "part_of"}
"""Predicates stated in passing even in a supposition ("could move troops to A's border with B")."""
POSS = {"'s", "’s", "'", "’"}
HYPOTHETICAL = {"would", "could", "might", "if", "whether", "unless"}


@dataclass
class Reading:
    """A relation found by a rule, before evidence and dates are attached."""
    subject: Ment
    predicate: str
    object: Ment | None
    at: int
    """Token index of the trigger (negation and dates are read around it)."""
    qualifiers: dict = field(default_factory=dict)
    start: str | None = None
    end: str | None = None
    negated: bool | None = None


def _lex(name: str) -> dict:
    return lexicon("relations")[name]


def _words(s: Sentence) -> list[str]:
    return [t.lower_ for t in s.span]


def _pairs(subjects: list[Ment], objects: list[Ment], predicate: str, at: int,
           **quals) -> Iterator[Reading]:
    for a in subjects:
        for b in objects:
            if a.id != b.id:
                yield Reading(a, predicate, b, at, dict(quals))


def member_of(s: Sentence) -> Iterator[Reading]:
    lex = _lex("member_of")
    doc = s.doc
    for t in s.span:
        w = t.lower_
        if w in lex["triggers"] or t.lemma_ in ("member", "join", "membership"):
            subj = s.left(t.i, ("Country", "Organization"), limit=10,
                          stop={".", ";", "while", "whereas", "but"})
            obj = s.right(t.i + 1, ORGS, limit=8, stop={";", "("})
            if subj and subj[-1].type == "Organization" and subj[-1].end == t.i and not obj:
                # "their status as Security Council members": the organisation is the object
                obj = subj[-1:]
                subj = [m for m in subject_mentions(s, t, STATE)] or (
                    s.pair if any(x.lower_ in _THEY for x in doc[s.span.start:t.i]) else [])
            if not subj:
                # "the SCO member states Kazakhstan and Kyrgyzstan": organisation before
                before = s.left(t.i, ORGS, limit=2)
                after = s.right(t.i + 1, STATE, limit=3)
                if before and after:
                    yield from _pairs(after, before, "member_of", t.i)
                continue
            if t.lemma_ == "join" and t.pos_ == "VERB":
                obj = s.right(t.i + 1, ORGS, limit=4)
            if not obj and w in ("members", "member") and t.i + 1 < s.span.end \
                    and doc[t.i + 1].lower_ != "of":
                # "The focus of the SCO is ...; India and Pakistan also became members"
                obj = s.left(subj[0].start, ORGS, limit=30)[-1:]
            yield from _pairs(subj, obj, "member_of", t.i)
        elif t.lemma_ in lex["leave"] and t.pos_ == "VERB":
            # "Uzbekistan left the CSTO in 2012": a membership that ended
            org = s.right(t.i + 1, ORGS, limit=4)
            subj = subject_mentions(s, t, ("Country", "Organization")) or \
                s.left(t.i, ("Country", "Organization"), limit=6)
            year = re.search(r"\b(?:in|since)\s+(1[89]\d\d|20\d\d)\b", s.span.text)
            for r in _pairs(subj, org[:1], "member_of", t.i):
                r.end = year.group(1) if year else None
                if r.end:
                    yield r
        elif w in lex["negators"]:
            obj = s.right(t.i + 1, ORGS, limit=6)
            subj = s.left(t.i, ("Country", "Organization"), limit=6)
            for r in _pairs(subj, obj, "member_of", t.i):
                r.negated = True
                yield r
        elif w in lex["include"]:
            org = s.left(t.i, ORGS, limit=6, stop={";"})
            members = s.right(t.i + 1, STATE, limit=6)
            if org and members and doc[t.i].pos_ in ("VERB", "AUX"):
                yield from _pairs(members, org[-1:], "member_of", t.i)


def listed_members(s: Sentence) -> Iterator[Reading]:
    """"the BRICS group (Brazil, Russia, India, China and South Africa)": a member list."""
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
                yield from _pairs(members, [m], "member_of", m.start)


def borders(s: Sentence) -> Iterator[Reading]:
    trig = _lex("borders")["triggers"]
    doc = s.doc
    text = s.span.text
    km = re.search(r"(\d[\d,.]*)\s*(?:-\s*)?(km|kilomet(?:er|re)s?)\b", text)
    quals = {"length_km": int(float(km.group(1).replace(",", "")))} if km else {}
    for t in s.span:
        if t.lower_ not in trig:
            continue
        left = s.left(t.i, PLACES, limit=6, stop={".", ";"})
        if t.pos_ == "VERB" or s.at(t.i + 1) is not None:
            # "Turkmenistan, which is not a member of the CSTO, borders Afghanistan"
            left = [m for m in subject_mentions(s, t, PLACES) if not m.demonym] or left
        right = []
        nxt = doc[t.i + 1].lower_ if t.i + 1 < s.span.end else ""
        direct = s.at(t.i + 1) is not None and t.lower_ in ("borders", "bordered", "bordering")
        if direct and t.pos_ != "VERB":
            left = [m for m in s.left(t.i, PLACES, limit=20, stop={".", ";"})
                    if not m.demonym] or left
        if nxt in ("with", "between", "of", "along", "to") or t.pos_ == "VERB" or direct:
            right = s.right(t.i + 1, PLACES, limit=4, stop={".", ";", "("})
        if right and right[0].demonym:
            later = s.right(right[-1].end, PLACES, limit=4, stop={".", ";", ","})
            if later and not later[0].demonym:
                right = later
        if nxt == "between" and len(right) >= 2:
            first, *rest = right
            yield from _pairs([first], rest, "borders", t.i, **quals)
            continue
        # "India-Pakistan border": a hyphenated pair just before the trigger
        if left and not right:
            g = left
            if len(g) == 1:
                m = g[0]
                prev = s.at(m.start - 2) if m.start >= 2 and doc[m.start - 1].text in "-–" else None
                if prev and prev.type in PLACES:
                    yield from _pairs([prev], [m], "borders", t.i, **quals)
            continue
        if not left and not right and len(s.pair) == 2 and any(
                doc[k].lower_ == "their" for k in range(max(s.span.start, t.i - 5), t.i)):
            yield from _pairs(s.pair[:1], s.pair[1:], "borders", t.i, **quals)  # "their border"
            continue
        if left and right:
            # "Pakistan's borders with Afghanistan": possessive owner is the subject
            yield from _pairs(left[-1:] if doc[left[-1].end].lower_ in POSS else left, right,
                              "borders", t.i, **quals)


def located_in(s: Sentence) -> Iterator[Reading]:
    lex = _lex("located_in")
    doc = s.doc
    inner = ("Place", "Facility")
    for m in s.ments:
        if m.type not in inner or m.demonym:
            continue
        j = m.end
        # "X in Y", "X province of Y", "X, Y" (a city and its country)
        k = j
        while k < s.span.end and k - j < 5 and (doc[k].lower_ in lex["place_nouns"]
                                                or doc[k].lower_ in lex["verbs"]
                                                or doc[k].lower_ in ("is", "was", "are", "a",
                                                                     "an", "the") or doc[k].is_space):
            k += 1
        if k < s.span.end and doc[k].lower_ in ("in", "of", "near") and \
                not (doc[k].lower_ == "of" and k == j):
            y = s.at(k + 1) or (s.at(k + 2) if k + 2 < s.span.end and doc[k + 1].lower_ == "the"
                                else None)
            if y and y.type in PLACES and y.id != m.id and not y.demonym:
                yield Reading(m, "located_in", y, k)
        elif k == j and j + 1 < s.span.end and doc[j].text == ",":
            y = s.at(j + 1)
            after = doc[y.end].lower_ if y and y.end < s.span.end else ""
            before = doc[m.start - 1].lower_ if m.start > s.span.start else ""
            if y and y.type == "Country" and not y.demonym and after not in (",", "and", "or") \
                    and doc[y.end - 1].dep_ not in ("nsubj", "nsubjpass") \
                    and before not in ("and", "or") and not (y.end < s.span.end and doc[y.end].lower_ in POSS):
                yield Reading(m, "located_in", y, j)
        # "Kunduz, the capital of Kunduz province" / "Dushanbe, Tajikistan's capital"
        if j + 2 < s.span.end and doc[j].text == ",":
            k = j + 1
            if doc[k].lower_ in ("the", "a"):
                k += 1
            if doc[k].lower_ in lex["place_nouns"] and k + 1 < s.span.end \
                    and doc[k + 1].lower_ in ("of", "in"):
                y = s.at(k + 2) or (s.at(k + 3) if k + 3 < s.span.end and doc[k + 2].lower_ == "the"
                                    else None)
                if y and y.type in PLACES and y.id != m.id and not y.demonym:
                    yield Reading(m, "located_in", y, k)
            y = s.at(j + 1)
            if y and y.type in PLACES and not y.demonym and y.end + 1 < s.span.end \
                    and doc[y.end].lower_ in POSS and doc[y.end + 1].lower_ in lex["place_nouns"]:
                yield Reading(m, "located_in", y, j)
        # "China's far-western Xinjiang region", "the Afghan province of Faryab"
        for back in range(m.start - 1, max(s.span.start, m.start - 6) - 1, -1):
            tok = doc[back]
            owner = s.at(back)
            if owner and owner is not m:
                between = doc[owner.end:m.start]
                words = [t.lower_ for t in between]
                ok = owner.type in PLACES and (
                    (words[:1] and words[0] in POSS and all(t.pos_ in ("ADJ", "ADV", "NOUN", "PUNCT", "PART", "PROPN")
                                                 for t in between)) or
                    (owner.demonym and (not words or (
                        any(w in lex["place_nouns"] for w in words)
                        and all(w in lex["place_nouns"] or w in ("of", "the", "-") or t.pos_ == "ADJ"
                                for w, t in zip(words, between))))))
                if ok and "," not in words:
                    group = s.group_of(m) if owner.demonym else [m]
                    for g in group:
                        if g.type in inner:
                            yield Reading(g, "located_in", owner, back)
                break
            if tok.lower_ in (",", ";", "(", ")", "and", "in", "by"):
                break


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
        if t.pos_ in ("VERB", "AUX") or t.text in (";", ".", ")") or \
                t.lower_ in ("which", "where", "while", "but", "who", "that", "against", "with"):
            break
        k += 1
    if any(t.lower_ == "between" for t in doc[i:out[0].start]) if out else False:
        return out[:1]  # "along the border between A, B and C": A's side
    return out


def operates_in(s: Sentence) -> Iterator[Reading]:
    lex = _lex("operates_in")
    doc = s.doc
    actors = ("ArmedGroup", "Organization")
    for t in s.span:
        if t.lower_ not in lex["preps"]:
            continue
        where = _places_after(s, t.i + 1)
        if not where:
            continue
        window = [x for x in doc[max(s.span.start, t.i - 6):t.i]]
        trig = [x for x in window if (x.lower_ in lex["triggers"] or x.lemma_ in lex["triggers"])
                and s.at(x.i) is None]
        if any(x.lower_ in ("banned", "designated", "outlawed", "listed") for x in window[-2:]):
            continue
        who = s.left(t.i, actors, limit=14, stop={";", ".", "against", "while", "whereas"})
        subj = [m for m in subject_mentions(s, t, GROUPS) if m not in who]
        if not who and not subj:
            continue
        if subj and trig:
            for a in subj:
                for w in where:
                    yield Reading(a, "operates_in", w, trig[-1].i)
        if not who:
            continue
        if who[0].type == "Organization" and not trig:
            continue
        if not trig and not (who[-1].end == t.i or (who[-1].end + 1 == t.i and doc[who[-1].end].text == "(")):
            continue
        if t.lower_ in ("from", "to", "into") and not trig:
            continue
        if t.lower_ in ("from", "into", "to") and not any(
                x.lower_ in ("operate", "operates", "operating", "operated", "attacks", "operations")
                for x in trig):
            continue
        # "fleeing Syria", "heading to Libya": movement, not operating
        if any(x.lemma_ in ("flee", "head", "leave", "send", "withdraw", "expel") for x in window):
            continue
        for a in who:
            for w in where:
                if a.id != w.id:
                    yield Reading(a, "operates_in", w, trig[-1].i if trig else t.i)


def affiliated_with(s: Sentence) -> Iterator[Reading]:
    trig = set(_lex("affiliated_with")["triggers"])
    doc = s.doc
    for t in s.span:
        if t.lower_ not in trig:
            continue
        left = s.left(t.i, GROUPS, limit=14, stop={";", "."})
        right = s.right(t.i + 1, GROUPS, limit=6, stop={";", "."})
        if left and right:
            yield from _pairs(left, right, "affiliated_with", t.i)
        elif len(right) >= 2 and doc[t.i + 1].lower_ in ("between", "of"):
            yield from _pairs(right[:1], right[1:], "affiliated_with", t.i)


def pledged(s: Sentence) -> Iterator[Reading]:
    trig = set(_lex("pledged_allegiance_to")["triggers"])
    doc = s.doc
    actors = ("ArmedGroup", "Person")
    for t in s.span:
        if t.lower_ not in trig:
            continue
        if t.lower_ in ("oath", "loyalty") and not any(x.lower_ in ("allegiance", "loyalty", "swore", "pledged", "sworn")
                                                       for x in doc[max(0, t.i - 3):t.i + 3]):
            continue
        who = subject_mentions(s, t, actors) or s.left(t.i, actors, limit=10, stop={";"})
        to = s.right(t.i + 1, actors, limit=5, stop={";", "."})
        yield from _pairs(who, to, "pledged_allegiance_to", t.i)


def designated(s: Sentence) -> Iterator[Reading]:
    lex = _lex("designated_terrorist_by")
    doc = s.doc
    words = _words(s)
    terror = any(any(w.startswith(x) for x in lex["terror"]) for w in words)
    by_types = ("Country", "Organization")
    for t in s.span:
        w = t.lower_
        if w not in lex["verbs"]:
            continue
        if w not in lex["bans"] and not terror:
            continue
        nxt = doc[t.i + 1].lower_ if t.i + 1 < s.span.end else ""
        passive = t.tag_ == "VBN" or nxt in ("by", "in") or w in ("banned", "designated",
                                                                 "listed", "blacklisted")
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
            grp = s.right(t.i + 1, GROUPS, limit=4)
            if who and grp:
                groups, by = grp, who
        if w in lex["bans"] and not by:
            continue
        yield from _pairs(groups, by, "designated_terrorist_by", t.i)


def hosts(s: Sentence) -> Iterator[Reading]:
    lex = _lex("hosts_military_presence")
    doc = s.doc
    mil = set(lex["military"])
    for t in s.span:
        if t.lower_ not in mil:
            continue
        # foreign force: a country right before ("US troops", "America's military base")
        foreign = None
        for back in range(t.i - 1, max(s.span.start, t.i - 4) - 1, -1):
            m = s.at(back)
            if m:
                if m.type == "Country":
                    foreign = m
                break
            if doc[back].lower_ in (",", ";", "(", "in", "of", "the", "a", "to"):
                break
        if foreign is None and any(doc[k].lower_ in ("its", "their") for k in range(max(s.span.start, t.i - 3), t.i)):
            # "Russia, which keeps its military base in Tajikistan"
            owners = subject_mentions(s, t, STATE)
            foreign = owners[0] if len(owners) == 1 else None
        if foreign is None:
            continue
        # host: after "in"/"at"/"on" within a few words
        host = place = None
        for k in range(t.i + 1, min(s.span.end, t.i + 6)):
            if doc[k].lower_ in ("in", "at", "on"):
                m = s.at(k + 1) or (s.at(k + 2) if k + 2 < s.span.end and doc[k + 1].lower_ == "the" else None)
                if m and m.type == "Country" and m.demonym and s.at(m.end) is not None \
                        and s.at(m.end).type in ("Place", "Facility"):
                    host, place = m, s.at(m.end)
                elif m and m.type == "Country" and not m.demonym and \
                        doc[m.end - 1].dep_ not in ("compound", "amod", "nmod", "npadvmod"):
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
        quals = {"place": place.id} if place else {}
        if any(x.lower_ in HYPOTHETICAL for x in doc[max(s.span.start, t.i - 8):t.i]):
            continue
        yield Reading(host, "hosts_military_presence", foreign, t.i, quals)
    for t in s.span:
        if t.lower_ in lex["host_verbs"] and t.lemma_ == "host":
            host = [m for m in s.left(t.i, STATE, limit=5, stop={","}) if not m.demonym]
            foreign = s.right(t.i + 1, STATE, limit=3)
            if host and foreign and any(x.lower_ in mil for x in doc[t.i:min(s.span.end, t.i + 6)]):
                place = next((m for m in s.ments if m.type in ("Facility", "Place")
                              and t.i < m.start <= t.i + 10), None)
                yield from _pairs(host, foreign, "hosts_military_presence", t.i,
                                  **({"place": place.id} if place else {}))


def party_to(s: Sentence) -> Iterator[Reading]:
    lex = _lex("party_to")
    doc = s.doc
    deals = [m for m in s.ments if m.type == "Agreement"]
    if not deals:
        return
    actors = ("Country", "Organization", "ArmedGroup", "Person")
    for t in s.span:
        w = t.lower_
        if w == "between":
            deal = s.left(t.i, ("Agreement",), limit=4)
            parties = s.right(t.i + 1, actors, limit=4)
            parties = [p for p in parties if not p.demonym] or parties
            yield from _pairs(parties, deal, "party_to", t.i)
        elif w in lex["verbs"]:
            parties = s.left(t.i, actors, limit=8, stop={";", "."})
            if not parties and any(x.lower_ in _THEY for x in doc[max(s.span.start, t.i - 4):t.i]):
                parties = s.pair  # "In 2001, they signed a treaty"
            if t.tag_ == "VBN" or w in ("signing",):
                by = []
                for k in range(t.i + 1, min(s.span.end, t.i + 10)):
                    if doc[k].lower_ in ("by", "between"):
                        by = s.right(k + 1, actors, limit=3)
                        break
                parties = by or parties
            with_ = []
            for k in range(t.i + 1, min(s.span.end, t.i + 12)):
                if doc[k].lower_ == "with":
                    with_ = s.right(k + 1, actors, limit=3)
                    break
            near = [d for d in deals if abs(d.start - t.i) <= 25]
            for d in near:
                for p in parties + with_:
                    if p.type in actors and p.id != d.id:
                        yield Reading(p, "party_to", d, t.i)


def part_of(s: Sentence) -> Iterator[Reading]:
    nouns = set(_lex("part_of")["nouns"])
    doc = s.doc
    kinds = ("Initiative", "Organization")
    for t in s.span:
        if t.lower_ not in nouns:
            continue
        nxt = doc[t.i + 1].lower_ if t.i + 1 < s.span.end else ""
        if nxt != "of" and not (t.lower_ in ("flagship", "project") and nxt in ("of", "under")):
            continue
        whole = s.right(t.i + 2, kinds, limit=3)
        piece = s.left(t.i, kinds, limit=8, stop={";", ".", "while", "whereas", "but", "which"})
        yield from _pairs(piece, whole[:1], "part_of", t.i)
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
    for t in s.span:
        if t.lower_ == "including" or (t.lower_ == "such" and t.i + 1 < s.span.end
                                       and doc[t.i + 1].lower_ == "as"):
            parts = s.right(t.i + 1, ("Initiative",), limit=6)
            for m in s.ments:
                if m.type == "Initiative" and m.start < t.i and m.end < s.span.end \
                        and doc[m.end].lower_ in POSS and any(
                            doc[k].lower_ in nouns for k in range(m.end + 1, min(m.end + 4, t.i))):
                    yield from _pairs(parts, [m], "part_of", t.i)


def connects(s: Sentence) -> Iterator[Reading]:
    trig = set(_lex("connects")["triggers"])
    links = ("Initiative", "Facility")
    ends = ("Place", "Country", "Facility")
    for t in s.span:
        if t.lower_ not in trig:
            continue
        what = s.left(t.i, ("Initiative",), limit=14, stop={";", "."}) or \
            s.left(t.i, links, limit=6, stop={";", ".", ","})
        if not what:
            continue
        to = []
        for m in s.ments:
            if m.start > t.i and m.start - t.i <= 14 and m.type in ends and not m.demonym:
                to.append(m)
        for w in what[-1:]:
            for m in to:
                if m.id != w.id:
                    yield Reading(w, "connects", m, t.i)


def has_resource(s: Sentence) -> Iterator[Reading]:
    lex = _lex("has_resource")
    doc = s.doc
    text = s.span.text
    low = text.lower()
    base = s.span.start_char
    if not any(w in _words(s) for w in lex["triggers"]):
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
        tok = next((t for t in s.span if t.idx >= char), None)
        if tok is None:
            continue
        owner = max((m for m in owners if doc[m.start].idx < char), key=lambda m: m.start,
                    default=None)
        if owner is None:
            continue
        quals = {"resource": res}
        # the nearest "30 billion barrels" before or after the resource word
        q = None
        for mq in re.finditer(rf"(\d[\d,.]*\s*(?:million|billion|trillion|thousand)?\s*(?:{unit})(?:\s+(?:feet|meters|metres))?)",
                              low):
            if abs(mq.start() - pos) < 60:
                q = text[mq.start():mq.end()]
                break
        if q:
            quals["quantity"] = q
        elif not any(doc[k].lower_ in lex["triggers"] for k in range(owner.end, min(tok.i + 2, s.span.end))):
            continue
        yield Reading(owner, "has_resource", None, tok.i, quals)


RULES = (member_of, listed_members, borders, located_in, operates_in, affiliated_with, pledged, designated,
         hosts, party_to, part_of, connects, has_resource, read_positions)


def _hypothetical(s: Sentence, at: int) -> bool:
    """A relation under "would", "could", "if" is a supposition, not a statement."""
    if any(t.lower_ in HYPOTHETICAL for t in s.doc[max(s.span.start, at - 12):at]):
        return True
    tok = s.doc[at]
    for t in (tok, tok.head, tok.head.head):
        if any(c.lower_ in HYPOTHETICAL and c.dep_ in ("aux", "mark") for c in t.children):
            return True
    return False


def read_relations(doc: Doc) -> list[Relation]:
    """Every relation reading of the doc, one per (subject, predicate, object) and sentence."""
    out: list[Relation] = []
    named = named_ids(doc)
    # a statement inside a quotation is the speaker's
    quoted = [(q.evidence.start, q.evidence.end, q.speaker, q.text) for q in read_quotes(doc)]
    pair: list[Ment] = []
    pair_at = 0
    for s in sentences(doc):
        s.pair = pair
        since = pair_at
        groups = [g for g in s.groups if len({m.id for m in g if m.type == "Country"}) >= 2]
        if groups:
            pair = [m for m in groups[-1] if m.type == "Country" and not m.demonym]
            pair_at = s.span.start_char
        if not s.ments and not s.pair:
            continue
        seen: set[tuple] = set()
        said_by = attribution(s) or next(
            (who for a, b, who, text in quoted if a <= s.span.start_char < b
             and s.span.text[:40].strip("“”\" ") in text), None)
        for rule in RULES:
            for r in rule(s):
                if r.object is not None and r.object.id == r.subject.id:
                    continue
                if r.subject.id not in named or (r.object is not None and r.object.id not in named):
                    continue
                if r.predicate not in STATIC and _hypothetical(s, r.at):
                    continue
                key = (r.subject.id, r.predicate, r.object.id if r.object else
                       r.qualifiers.get("resource"))
                if key in seen:
                    continue
                seen.add(key)
                start, end = start_end(s.span, r.at,
                                       since_only=r.predicate == "holds_position")
                neg = r.negated if r.negated is not None else negated(doc[r.at])
                who = said_by if said_by not in (r.subject.id, r.object.id if r.object else None) else None
                if r.end:
                    start, end = None, r.end
                evidence = s.evidence()
                here = {m.id for m in s.ments if not m.demonym}
                if r.subject.id not in here and (r.object is None or r.object.id not in here):
                    # read through "they"/"their": the evidence starts where the pair is named
                    evidence = Evidence(evidence.doc, min(since, evidence.start), evidence.end)
                out.append(Relation(subject=r.subject.id, predicate=r.predicate,
                                    object=r.object.id if r.object else None,
                                    evidence=evidence, start=r.start or start, end=end,
                                    negated=bool(neg), attributed_to=who,
                                    qualifiers=r.qualifiers))
    return out
