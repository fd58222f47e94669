"""Gives every entity mention an id and fills ``doc._.entities`` (see extraction/linking.py).

Also decides whether a capital names its government: a capital that is the subject of a
verb or owns something ("Tashkent said", "Moscow's stance") is a mention of its country;
"in Tashkent" stays the city.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span

from crossroads.dates import MONTHS
from crossroads.extraction import extensions  # noqa: F401  (registers doc._.entities)
from crossroads.extraction.components import codec, cues  # noqa: F401  (codec: Entity bytes)
from crossroads.extraction.components.acronyms import ACRONYMS
from crossroads.extraction.components.missions import INSIDE, MISSIONS
from crossroads.extraction.linking import Mentioned, core, link
from crossroads.extraction.links import DASHES, HEADS, LINKS, PARTS
from crossroads.model import Data, Entity, entity_id, fold
from crossroads.names import PersonIndex

if TYPE_CHECKING:
    from crossroads.pack import Pack, PackEntity

_WORKS = frozenset({"Facility", "Initiative"})
_PLACES = frozenset({"Country", "Place"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass"})
_PLACE_VERBS = frozenset(
    {"be", "have", "lie", "sit", "locate", "situate", "become", "remain", "grow", "border", "stand"}
)
_PLACE_NOUNS = (
    cues.FACILITY_HEADS
    | cues.PLACE_HEADS
    | frozenset(
        [
            "streets",
            "outskirts",
            "suburbs",
            "suburb",
            "centre",
            "center",
            "residents",
            "mayor",
            "skyline",
            "neighbourhood",
            "neighborhood",
            "districts",
            "population",
            "university",
            "hospital",
            "market",
        ]
    )
)

_APOSTROPHED = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)+$|(?:[^\W\d_]\.)+$")
"""A name word with an apostrophe inside ("O'Reilly", "Ma'ruf") or an abbreviation with its
dots ("U.S."), which spaCy does not call alpha: without it "the U.S. Embassy" is one more
mention of the embassy named before it, whatever state that one is of."""

_OFFICIALS = frozenset(
    [
        "officials",
        "official",
        "delegation",
        "delegations",
        "delegates",
        "diplomats",
        "diplomat",
        "envoys",
        "envoy",
        "negotiators",
        "ministers",
        "representatives",
        "authorities",
        "emissaries",
        "leadership",
    ]
)
"""People who speak for a government: "officials from <capital>" are the state's."""


def capitals(pack: Pack) -> dict[str, str]:
    """Pack id of each capital city -> id of its country."""
    out: dict[str, str] = {}
    by_name = {fold(e.name): e for e in pack.entities.values() if e.type == "Place"}
    for ent in pack.entities.values():
        data = ent.data or {}
        if ent.type == "Country" and data.get("capital"):
            cap = str(data["capital"])
            place = pack.entities.get(cap) or by_name.get(fold(cap))
            if place is not None:
                out[place.id] = ent.id
        elif ent.type == "Place":
            if data.get("capital_of"):
                out[ent.id] = str(data["capital_of"])
            elif data.get("capital") is True and ent.country:
                out[ent.id] = ent.country
    return out


def pack_data(ent: PackEntity) -> Data:
    """The pack facts an entity record carries (ISO code, Wikidata id, coordinates...)."""
    data = {
        "iso": ent.iso,
        "wikidata": ent.wikidata,
        "lat": ent.lat,
        "lon": ent.lon,
        "geo_precision": ent.geo_precision,
        "country": ent.country,
        "source": ent.source,
    }
    return {k: v for k, v in data.items() if v is not None}


def _dateline(span: Span) -> bool:
    """Whether a place name opens a paragraph as a wire dateline does, naming the place of
    writing: "Kabul: The talks ...", "Kabul, Aug 12 (Wire) ...", "Kabul — The talks ..."."""
    doc = span.doc
    if span.start > 0 and "\n" not in doc[span.start - 1].text_with_ws:
        return False
    if span.end + 1 >= len(doc):
        return False
    nxt, after = doc[span.end], doc[span.end + 1]
    if nxt.text in (":", "—", "–", "--"):
        return True
    if nxt.text != ",":
        return False
    if after.like_num or after.lower_.rstrip(".") in MONTHS:
        return True
    # "Kabul, Afghanistan – ...", "Kabul, Afghanistan, Aug 12": the country, then as above
    k = span.end + 1
    while k < min(len(doc), span.end + 5) and doc[k].text[:1].isupper():
        k += 1
    if k == span.end + 1 or k + 1 >= len(doc):
        return False
    if doc[k].text in (":", "—", "–", "--"):
        return True
    return doc[k].text == "," and (doc[k + 1].like_num or doc[k + 1].lower_.rstrip(".") in MONTHS)


def governs(span: Span) -> bool:
    """Whether a place name is used as an actor: subject of a verb, or a possessor."""
    if span.text.isupper() or _dateline(span):
        return False  # a dateline ("KABUL, Aug 12 -") names the place of writing
    root = span.root
    if any(
        c.i < span.start and (c.dep_ == "poss" or c.lower_ in _PLACE_NOUNS or c.lower_ == "capital")
        for c in root.children
    ):
        return False  # "the capital X hosted", "Tajikistan's capital X": named as the city
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if root.dep_ == "poss" or (nxt is not None and nxt.text in ("'s", "’s")):
        # "Moscow's stance" is the state; "Bishkek's airport", "Kabul's streets" the city
        owned = root.head if root.dep_ == "poss" else None
        return not (owned is not None and (owned.ent_type_ or owned.lower_ in _PLACE_NOUNS))
    # "officials from Tashkent", "a delegation of Kabul": the people of its government
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ("from", "of")
        and root.head.head.lower_ in _OFFICIALS
    ):
        return True
    # "Tashkent said" is the state; "Tashkent is a city of three million" is the city
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "Ankara and Astana signed": each conjunct of the subject
    return root.dep_ in _ACTOR_DEPS and root.head.lemma_ not in _PLACE_VERBS


def _dashed(words: tuple[str, ...]) -> bool:
    return any(d in w for w in words for d in DASHES)


def _links(doc: Doc, mentions: list[Mentioned]) -> list[Span]:
    """The named links and titles of ``doc.spans[LINKS]`` with their entity ids. A link named
    two ways ("the A-B railway line", "the A-B railroad", "A-B") is one entity: the first
    mention or link whose hyphenated names are the same."""
    first: dict[tuple[str, ...], str] = {}
    for m in mentions:
        if m.type in _WORKS and not m.government and _dashed(c := core(m.text)):
            first.setdefault(c, m.id)
    out = []
    for span in doc.spans.get(LINKS, []):
        eid = entity_id(span.label_, span.text)
        if span[-1].lower_ in HEADS and _dashed(c := core(span.text)):
            eid = first.setdefault(c, eid)
            for m in mentions:  # its names read as one unknown name: the link's name
                inside = span.start <= m.start and m.end < span.end
                if inside and not m.kb_id and m.type not in _PLACES and core(m.text) == c:
                    m.id, m.type = eid, span.label_
        out.append(Span(doc, span.start, span.end, label=span.label_, kb_id=eid))
    return out


class Linker:
    """spaCy component: ``doc.ents`` get ``kb_id_``; ``doc._.entities`` gets the entities."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.pack: Pack | None = None
        self.capitals: dict[str, str] = {}
        self.persons = PersonIndex()

    def set_pack(self, pack: Pack) -> None:
        self.pack = pack
        self.capitals = capitals(pack)
        self.persons = PersonIndex()
        for ent in pack.entities.values():
            if ent.type == "Person":
                for name in (ent.name, *ent.aliases):
                    self.persons.add(name, ent.id)

    def __call__(self, doc: Doc, again: bool = False) -> Doc:
        """Link the doc's entity mentions; ``again``: they were linked before and retyped
        since, and what was one entity stays one."""
        acronyms = doc.user_data.get(ACRONYMS) or {}
        mentions = []
        for ent in doc.ents:
            name = _owned(ent, bool(self._known(ent.kb_id_)))
            m = Mentioned(
                ent.start,
                ent.end,
                ent.start_char,
                name.text,
                ent.label_,
                kb_id=self._known(ent.kb_id_),
                acronym_of=acronyms.get(ent.text),
                words=[
                    fold(t.text)
                    for t in name
                    if t.is_alpha or t.like_num or _APOSTROPHED.match(t.text)
                ],
            )
            if m.type == "Organization" and not m.kb_id and len(m.words) >= 2:
                m.words = self._state_named(m.words)
                if state := self._government_of(m.words):
                    m.kb_id, m.type = state, "Country"
            if m.type == "Person" and not m.kb_id and len(m.words) >= 2:
                # a spelling the pack does not list ("Haibatullah Akhunzada"): its person,
                # with the spelling kept as an alias of this document's entity
                m.kb_id = self.persons.find(ent.text) or ""
            if m.kb_id in self.capitals and governs(ent):
                m.government = self.capitals[m.kb_id]
            mentions.append(m)
        if again:
            _linked_before(doc, mentions)
        self._official_heads(mentions)
        link(mentions)
        links = _links(doc, mentions)
        doc.ents = [Span(doc, m.start, m.end, label=m.type, kb_id=m.id) for m in mentions]
        entities: dict[str, Entity] = {}
        surfaces: dict[str, dict[str, str]] = {}
        first: dict[str, Mentioned] = {}
        for m in mentions:  # the entity is named by its first full form (not a short form)
            if not m.government and m.target is None:
                first.setdefault(m.id, m)
        for m in mentions:
            if m.government:
                continue
            first.setdefault(m.id, m)
            surfaces.setdefault(m.id, {}).setdefault(fold(m.text), m.text)
        for m in mentions:  # a capital only ever used for its government: still its country
            first.setdefault(m.id, m)
        for eid, m in first.items():
            entities[eid] = self._entity(eid, m, surfaces.get(eid, {}))
        # a mission's state and host: known names inside a longer one (components/missions.py)
        inner = [s for s in doc.spans.get(INSIDE, []) if self._known(s.kb_id_)]
        for span in [*doc.spans.get("demonyms", []), *doc.spans.get(PARTS, []), *inner]:
            if span.kb_id_ not in entities:
                entities[span.kb_id_] = self._entity(span.kb_id_, None, {})
        for span in links:  # "the Termez-Kunduz railway": its own entity
            it = entities.setdefault(span.kb_id_, Entity(span.kb_id_, span.label_, span.text))
            if fold(span.text) in {fold(n) for n in (it.name, *it.aliases)}:
                continue
            if not it.data and core(it.name) == tuple(fold(it.name).split()):
                # its bare names ("A-B") name it less well than the link's words do
                entities[it.id] = replace(it, name=span.text, aliases=(it.name, *it.aliases))
            else:
                entities[it.id] = replace(it, aliases=(*it.aliases, span.text))
        doc.spans[LINKS] = links
        doc._.entities = entities
        return doc

    def _known(self, kb_id: str) -> str:
        """The pack id a span carries; the id an earlier linking gave a name the pack lacks
        is decided again."""
        return kb_id if self.pack is None or kb_id in self.pack.entities else ""

    def _official_heads(self, mentions: list[Mentioned]) -> None:
        """ "the Islamic Republic" after "Iran": a state named by the head of its official
        name ("Islamic Republic of Iran") is the one state the text names whose official
        name it heads."""
        if self.pack is None:
            return
        named = {m.kb_id for m in mentions if m.type == "Country" and m.kb_id}
        for m in mentions:
            if m.type != "Country" or m.kb_id or len(m.words) < 2:
                continue
            head = " ".join(m.words) + " of "
            fits = [
                eid
                for eid in sorted(named)
                if (known := self.pack.get(eid)) is not None
                and any(fold(a).startswith(head) for a in (known.name, *known.aliases))
            ]
            if len(fits) == 1:
                m.kb_id = fits[0]

    def _state_named(self, words: list[str]) -> list[str]:
        """A state's body with its state by name, however the text gives the state: "the Uzbek
        foreign ministry" reads as "Uzbekistan foreign ministry", as "Uzbekistan's Foreign
        Ministry" does."""
        if self.pack is None:
            return words
        state = self.pack.adjective(words[0])
        if state is not None and state.type == "Country":
            return [*fold(state.name).replace("-", " ").split(), *words[1:]]
        # "the Armed Forces of the Kyrgyz Republic" reads as "Kyrgyzstan armed forces", as
        # "the Kyrgyz Armed Forces" does
        k = len(words) - 1 - words[::-1].index("of") if "of" in words[1:] else 0
        rest = words[k + 2 :] if words[k + 1 : k + 2] == ["the"] else words[k + 1 :]
        states = [e for e in self.pack.lookup(" ".join(rest)) if e.type == "Country"] if k else []
        if len(states) != 1:
            return words
        return [*fold(states[0].name).replace("-", " ").split(), *words[:k]]

    def _government_of(self, words: list[str]) -> str | None:
        """The state a government named by its state alone is ("the Government of
        Turkmenistan", "the Uzbek government"): the annotated articles name it as the state,
        which is who acts; a province's government is a body of its own."""
        if self.pack is None:
            return None
        if words[:2] == ["government", "of"]:
            rest = words[3:] if words[2:3] == ["the"] else words[2:]
        elif words[-1:] == ["government"]:
            rest = words[:-1]
        else:
            return None
        states = [e.id for e in self.pack.lookup(" ".join(rest)) if e.type == "Country"]
        return states[0] if len(states) == 1 else None

    def _entity(self, eid: str, m: Mentioned | None, seen: dict[str, str]) -> Entity:
        known = self.pack.get(eid) if self.pack is not None else None
        if known is not None:
            # the forms this text uses; the pack's other aliases stay in the pack
            aliases = tuple(s for f, s in seen.items() if f != fold(known.name))
            return Entity(eid, known.type, known.name, aliases, pack_data(known))
        assert m is not None
        name = m.text
        # the longest form seen names a person ("Zamir Kabulov" over "Kabulov")
        aliases = tuple(s for f, s in seen.items() if f != fold(name))
        return Entity(eid, m.type, name, aliases)


def _linked_before(doc: Doc, mentions: list[Mentioned]) -> None:
    """Mentions an earlier linking made one entity the pack lacks stay one: each points to
    the mention that named it."""
    named = {eid: fold(e.name) for eid, e in (doc._.entities or {}).items()}
    roots: dict[str, int] = {}
    for i, (ent, m) in enumerate(zip(doc.ents, mentions, strict=True)):
        if ent.kb_id_ and not m.kb_id and fold(m.text) == named.get(ent.kb_id_):
            roots.setdefault(ent.kb_id_, i)
    for i, (ent, m) in enumerate(zip(doc.ents, mentions, strict=True)):
        j = roots.get(ent.kb_id_) if ent.kb_id_ and not m.kb_id else None
        if j is not None and j != i:
            m.target = j


_ORGANS = frozenset(
    """ministry ministries department committee commission agency service services court
    council office army navy forces police government parliament assembly guard prosecutor
    bureau directorate inspectorate cabinet embassy consulate""".split()
)
"""Words of a state organ's name: "<state>'s Foreign Ministry" is one state's."""


def _owned(ent: Span, known: bool) -> Span:
    """The name of an organisation the text gives with its state ("Uzbekistan's Foreign
    Ministry", "the Supreme Court of Kyrgyzstan") or a mission with its host ("the Chinese
    Embassy in <city>"): that is part of it, or every state's foreign ministry would be one
    entity. Other names as the text writes them."""
    doc, i, j = ent.doc, ent.start, ent.end
    for full in doc.spans.get(MISSIONS, ()):
        if full.start == i and full.end > j:
            return doc[i : full.end]  # "the Chinese Embassy in <city>" (components/missions.py)
    if (
        ent.label_ != "Organization"
        or known  # the pack's (an id an earlier linking gave is decided again)
        or not any(t.lower_ in cues.ORGANIZATION_WORDS for t in ent)
    ):
        return ent
    if i >= 2 and doc[i - 1].text in ("'s", "’s") and any(t.lower_ in _ORGANS for t in ent):
        # (a university or a firm the state owns is named without it)
        owner = next((e for e in doc.ents if e.start <= i - 2 < e.end), None)
        if owner is not None and owner.label_ == "Country":
            return doc[owner.start : ent.end]
    if j + 1 < len(doc) and doc[j].lower_ == "of":
        at = j + 2 if doc[j + 1].lower_ == "the" else j + 1
        owner = next((e for e in doc.ents if e.start == at), None)
        if owner is not None and owner.label_ == "Country":
            return doc[ent.start : owner.end]
    return ent


@Language.factory("crossroads_linker_v1")
def make_linker(nlp: Language, name: str) -> Linker:
    return Linker(nlp, name)
