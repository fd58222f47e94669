"""Which mentions of one document are the same thing, and what id each thing gets.

Rules, in order:
- a pack match keeps the pack id; an acronym the document defined takes its long form's id;
- a capital used as an actor ("Tashkent said", "Moscow's position") is its country;
- one body written two ways ("Uzbekistan's Foreign Ministry", "the Uzbek foreign ministry")
  is one; a body's last words ("the Foreign Ministry") are the longer body named so, the
  nearest one before it, and its name without "of ..." ("the Islamic Movement") the body
  named with it;
- a facility named with and without its head ("Qosh Tepa", "the Qosh Tepa canal") is one;
- a state or place the text misspells by a letter in one word ("Afganistan", "North
  Wazirastan") is the one it names right elsewhere;
- a person's short form ("Kabulov", "Abu Yusuf") is the full name it ends or starts, the
  nearest one before it; a one-letter slip in a surname ("Korybkov") still links;
- two spellings of one full name ("Haibatullah Akhunzada", "Hibatullah Akhundzada") are
  one person, the first one leading (crossroads.names decides), and so is a full name named
  later without its middle name ("Karim Aziz Nazarov", then "Karim Nazarov");
- the same name typed two ways by NER takes its most frequent type;
- everything else gets ``model.entity_id(type, name)``: the same name and type is one
  entity across documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from rigour.text.distance import levenshtein

from crossroads.model import entity_id, fold
from crossroads.names import same_person

__all__ = ["Mentioned", "core", "link", "near_miss"]

_BODIES = frozenset({"Organization"})  # not groups: "Taliban" is not "Pakistani Taliban"
_NAMED_OF = frozenset({"Organization", "ArmedGroup"})
"""Types whose name may drop its "of ..." ("the Islamic Movement" of Uzbekistan)."""
_WORKS = frozenset({"Facility", "Initiative"})
"""Types named by a place's name and a head word ("the Qosh Tepa canal")."""
_BARE = frozenset({"Place", "Person"})
_SPELT = frozenset({"Country", "Place"})
"""Types whose one-word names a text may misspell ("Kazakstan")."""


@cache
def _heads() -> frozenset[str]:
    """Head words of facilities and initiatives ("canal", "corridor")."""
    from crossroads.extraction.components import cues  # the components import this module

    return cues.FACILITY_HEADS | cues.INITIATIVE_SUFFIXES


@dataclass
class Mentioned:
    """One entity mention being linked (a doc.ents span, flattened)."""

    start: int
    end: int
    start_char: int
    text: str
    type: str
    kb_id: str = ""
    """Pack id, when the pack matched it."""
    government: str = ""
    """Country id when a capital is used for its government."""
    acronym_of: int | None = None
    """Start char of the long form, for an acronym the document defined."""
    words: list[str] = field(default_factory=list)
    target: int | None = None
    """Index of the mention this one is a short form of."""
    id: str = ""


def near_miss(a: str, b: str) -> bool:
    """Edit distance at most one, or two neighbouring letters swapped, for names of six
    letters or more ("Korybkov"/"Korybko", "Kazkahstan"/"Kazakhstan")."""
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        off = [k for k in range(len(a)) if a[k] != b[k]]
        if (
            len(off) == 2
            and off[1] == off[0] + 1
            and a[off[0]] == b[off[1]]
            and a[off[1]] == b[off[0]]
        ):
            return True
    return levenshtein(a, b, max_edits=1) <= 1


def _slip(a: list[str], b: list[str]) -> bool:
    """Two names of as many words that differ by one word's slip ("North Wazirastan")."""
    if len(a) != len(b) or a == b:
        return False
    off = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(off) == 1 and near_miss(*off[0])


def core(text: str) -> tuple[str, ...]:
    """The capitalised words a facility's name starts with, before its head or any word in
    lower case ("Mes Aynak copper mine" -> "mes aynak")."""
    out = []
    for w in text.split():
        if not w[:1].isupper() or fold(w) in _heads():
            break
        out.append(fold(w))
    return tuple(out)


def _works(mentions: list[Mentioned]) -> None:
    """One facility written with and without its head ("Qosh Tepa", "the Qosh Tepa canal"):
    each form is the first one named with the head."""
    cores = [core(m.text) for m in mentions]
    first: dict[tuple[str, ...], int] = {}
    for i, m in enumerate(mentions):
        if m.type in _WORKS and not m.kb_id and cores[i] and len(cores[i]) < len(m.text.split()):
            first.setdefault(cores[i], i)
    for i, m in enumerate(mentions):
        # (NER often calls the bare name a person or a place: "Dogharoun")
        j = first.get(cores[i]) if m.type in _WORKS | _BARE and not m.kb_id else None
        if j is not None and j != i and m.target is None and fold(m.text) != fold(mentions[j].text):
            m.target = j


def _nearest_before(js: list[int], m: Mentioned, mentions: list[Mentioned]) -> int:
    """Of the mentions ``js`` that ``m`` may stand for, the nearest one before it, else the
    first."""
    before = [j for j in js if mentions[j].start < m.start]
    return before[-1] if before else js[0]


def _same_person(a: list[str], b: list[str]) -> bool:
    """Two full names of one person, spelled alike ("Sergey"/"Sergei", "Akhunzada"/
    "Akhundzada"): crossroads.names, with its measured threshold."""
    return same_person(" ".join(a), " ".join(b))


def _middle_dropped(full: list[str], short: list[str]) -> bool:
    """A full name named first and the same name later without a middle name ("Karim Aziz
    Nazarov", then "Karim Nazarov"): first and last words alike, the later one's words in
    the first in order. Named the other way round they are two people ("Ahmad Massoud", then
    his father "Ahmad Shah Massoud")."""
    if len(short) < 2 or len(full) <= len(short) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full[1:-1])
    return all(w in rest for w in short[1:-1])


def _short_of(short: list[str], full: list[str]) -> bool:
    n = len(short)
    if n >= len(full):
        return False
    if full[-n:] == short or full[:n] == short:
        return True
    return n == 1 and near_miss(short[0], full[-1])


def link(mentions: list[Mentioned]) -> None:
    """Give every mention an ``id`` (and a final ``type``), in place."""
    for m in mentions:
        m.words = m.words or fold(m.text).replace("-", " ").split()
    by_start = {m.start_char: i for i, m in enumerate(mentions)}
    persons = [i for i, m in enumerate(mentions) if m.type == "Person" and len(m.words) >= 2]
    # full names of one person ("Sergey Lavrov", "Sergei Lavrov"): the first one leads
    for k, i in enumerate(persons):
        if mentions[i].kb_id:
            continue
        for j in persons[:k]:
            if mentions[j].target is None and (
                _same_person(mentions[j].words, mentions[i].words)
                or _middle_dropped(mentions[j].words, mentions[i].words)
            ):
                mentions[i].target = j
                break
    _works(mentions)
    # a state or place the text misspells ("Afganistan"): the one named right elsewhere
    right = [i for i, m in enumerate(mentions) if m.kb_id and m.type in _SPELT]
    for m in mentions:
        if m.type in _SPELT and not m.kb_id and m.target is None:
            slips = [j for j in right if _slip(m.words, mentions[j].words)]
            if slips:
                m.target = slips[0]
    # one body written two ways ("Uzbekistan's Foreign Ministry", "the Uzbek foreign
    # ministry"): the same words once the state is named (see the linker), the first leads
    bodies: dict[tuple[str, ...], int] = {}
    for i, m in enumerate(mentions):
        if m.type not in _BODIES or m.kb_id or m.target is not None:
            continue
        j = bodies.setdefault(tuple(m.words), i)
        if j != i and fold(m.text) != fold(mentions[j].text):
            m.target = j
    # the last word of a full name, and the first (family names come first in Chinese)
    surnames = {mentions[i].words[k] for i in persons for k in (0, -1)}
    for i, m in enumerate(mentions):
        if m.government or m.target is not None:
            continue
        if m.kb_id:
            # a pack surname ("Bush") in a document that gives another full name for it
            if m.type != "Person" or len(m.words) != 1:
                continue
            own = [
                j for j in persons if not mentions[j].kb_id and mentions[j].words[-1] == m.words[0]
            ]
            if not own:
                continue
            m.kb_id = ""
        if m.acronym_of is not None and m.acronym_of in by_start and by_start[m.acronym_of] != i:
            m.target = by_start[m.acronym_of]
            continue
        # "the Duma" after "the State Duma", "the Foreign Ministry" after "the Uzbek Foreign
        # Ministry": a body's last words, when that is all it says; the nearest one before
        n = len(m.words)
        if m.type in _BODIES and n >= 1:
            longer = [
                j
                for j, o in enumerate(mentions)
                if o.type in _BODIES
                and len(o.words) > n
                and o.words[-n:] == m.words
                and o.target is None
            ]
            if longer:
                m.target = _nearest_before(longer, m, mentions)
                continue
        # "the Islamic Movement" after "the Islamic Movement of Uzbekistan": a body's name
        # without its "of ..."; "the Chinese Embassy" after "the Chinese Embassy in <city>":
        # a mission's without its host
        if m.type in _NAMED_OF:
            fuller = [
                j
                for j, o in enumerate(mentions)
                if o.type in _NAMED_OF
                and len(o.words) > n + 1
                and o.words[:n] == m.words
                and (o.words[n] == "of" or (o.words[n] in ("in", "to") and o.type in _BODIES))
                and o.target is None
            ]
            if fuller:
                m.target = _nearest_before(fuller, m, mentions)
                continue
        # a short form: typed Person, or a lone word that is a known surname
        if m.type != "Person" and not (len(m.words) == 1 and m.words[0] in surnames):
            continue
        fulls = [
            j
            for j in persons
            if j != i and _short_of(m.words, mentions[j].words) and mentions[j].target is None
        ]
        if fulls:
            before = [j for j in fulls if mentions[j].start < m.start]
            m.target = before[-1] if before else fulls[0]
    # the same unlinked name typed two ways: its most frequent type
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        if not m.kb_id and not m.government and m.target is None:
            # NER's PERSON is the surest of its labels for a name it also mislabels elsewhere
            votes.setdefault(" ".join(m.words), Counter())[m.type] += 2 if m.type == "Person" else 1
    for m in mentions:
        if not m.kb_id and not m.government and m.target is None:
            m.type = votes[" ".join(m.words)].most_common(1)[0][0]

    def root(i: int) -> int:
        seen: set[int] = set()
        while (short_of := mentions[i].target) is not None and i not in seen:
            seen.add(i)
            i = short_of
        return i

    for i, m in enumerate(mentions):
        r = mentions[root(i)]
        if m.government:
            m.id, m.type = m.government, "Country"
        elif r.kb_id:
            m.id, m.type = r.kb_id, r.type
        elif r.government:
            m.id, m.type = r.government, "Country"
        else:
            m.id, m.type = entity_id(r.type, r.text), r.type
