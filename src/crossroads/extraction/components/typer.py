"""Merges NER with pack matches and gives every name one of the eight crossroads types.

spaCy's labels are a first guess: a GPE is a Country only when the pack knows it as one
(never NORP), an ORG becomes an ArmedGroup on its own words ("Katibat", "Jihad") or its
neighbours ("X militants"), a name's last word can make it an Agreement, Initiative,
Facility or Place. Names are trimmed of articles, possessives, titles and glued footnote
digits; site furniture ("Related Post") and dates are not entities (dates go to
``doc.spans["dates"]``). Pack matches win over NER unless NER found a longer name around
them ("Pakistan Army").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from crossroads.extraction.components import cues
from crossroads.extraction.components.missions import INSIDE, MISSIONS, missions, named_within
from crossroads.extraction.components.pack_matcher import glued_to_name
from crossroads.extraction.links import LINKS, PARTS, find_links, link_parts
from crossroads.extraction.proposals import PROPOSALS, find_proposals
from crossroads.extraction.quotes import cue_verbs
from crossroads.extraction.titles import TITLES, find_titles
from crossroads.model import fold

if TYPE_CHECKING:
    from crossroads.pack import Pack

NER_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT"}
)
DATE_LABELS = frozenset({"DATE"})
_DAY_TIME = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
"""A TIME that names its day ("Sunday night", "early Monday morning") dates what it tells."""
NER_SPANS = "ner"
"""Span group of the NER model's own entity spans and labels, before typing."""
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_BASE_MODIFIERS = frozenset(["military", "air", "naval", "army", "airforce"])
_BASE_HEADS = frozenset(["base", "airbase"])
_SEPARATORS = frozenset(
    {",", ";", "'s", "’s", "(", ")", "[", "]", "|", "/", "—", "–", ":", '"', "“", "”"}
)
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "dear",
    ]
)
_OPENERS = frozenset({"ADV", "SCONJ", "CCONJ", "ADP", "INTJ"})
"""Parts of speech of a sentence's first word that NER sometimes takes into the name after it."""
_ACRONYM = re.compile(r"[A-Z]{2,6}")
"""A body's short name in capitals ("PDMA"), ending a body's name before its holder's."""
_MENU = re.compile(r"[a-z][A-Z][a-z]+[A-Z]")
_NOT_HEADS = frozenset({"embassy", "consulate", "station", "prison"})
"""Facility heads that right after a bare name more often start something else ("Russian
embassy staff", "Kabul station chief"); after two words ("<name> power station") they do not."""
_FORCES = frozenset({"army", "navy", "force", "forces", "police", "guard", "guards", "troops"})
"""Last words of a state's armed or police force's name ("the Indian Army")."""
_SPLIT_AND = frozenset({"GPE", "LOC", "NORP", "PERSON"})


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


_BODY_HEADS = frozenset(
    ["department", "office", "bureau", "commission", "committee", "council", "agency"]
)
"""Heads of a body's name that its remit follows ("the <state> Department of the Treasury")."""


def _of_body(span: Span) -> Span:
    """The body's remit after "of (the)" where NER stopped before it: one to four capitalised
    words that no place, state, people or person begins ("Department" + "of the Treasury"). A
    name the pack knows is another body, not a remit ("Executive Committee of <the alliance>")."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return span
    known = {i for p in doc.spans.get("pack", ()) for i in range(p.start, p.end)}
    k = end + 1 + (doc[end + 1].lower_ == "the")
    j = k
    while (
        j < len(doc)
        and j - k < 4
        and _capitalised(doc[j])
        and doc[j].is_alpha
        and doc[j].ent_type_ in ("", "ORG")
        and j not in known
    ):
        j += 1
    return doc[span.start : j] if j > k else span


def _pieces(ent: Span) -> Iterator[Span]:
    """Cut a NER span at separators, line breaks and (for places) 'and'."""
    doc, start = ent.doc, ent.start
    for i in range(ent.start, ent.end):
        t = doc[i]
        cut = (
            t.text in _SEPARATORS
            and not _titled_office(ent, start, i)
            or "\n" in t.text
            or (t.text == "-" and t.whitespace_ and i > 0 and doc[i - 1].whitespace_)
            or (t.lower_ in ("and", "&") and ent.label_ in _SPLIT_AND)
        )
        if cut:
            if i > start:
                yield doc[start:i]
            start = i + 1
    if start < ent.end:
        yield doc[start : ent.end]


def _titled_office(ent: Span, start: int, i: int) -> bool:
    """ "the Prosecutor General's Office": a possessive after a title alone, inside a body's
    name (not "Russia's Foreign Ministry", where the state and its body are two)."""
    doc = ent.doc
    before = [t for t in doc[start:i] if t.is_alpha and t.lower_ not in _DETERMINERS]
    return (
        ent.label_ == "ORG"
        and doc[i].lower_ in ("'s", "’s")
        and i + 1 < ent.end
        and bool(before)
        and len(before) <= 3
        and all(_capitalised(t) for t in before)
        and _role_word(before[-1].lower_)
    )


def _joined_people(doc: Doc) -> list[Span]:
    """NER's spans, two people with nothing between them made one ("Gen Ashfaq" + "Parvez
    Kayani" is a single person's three names): NER splits long names, never two people; and
    a body's name that NER split at a possessive ("the Prosecutor General's" + "Office")."""
    out: list[Span] = []
    for e in doc.ents:
        e = _with_particles(e)
        if out and out[-1].end > e.start:
            out[-1] = e  # "Ursula" + "von der Leyen": the given name NER tagged alone
            continue
        if out and out[-1].end == e.start and out[-1].label_ == e.label_ == "PERSON":
            out[-1] = Span(doc, out[-1].start, e.end, label="PERSON")
        elif (
            out
            and out[-1].end == e.start
            and out[-1].label_ == e.label_ == "ORG"
            and out[-1][-1].lower_ in ("'s", "’s")
        ):  # "the Prosecutor General's" + "Office of X": one body
            out[-1] = Span(doc, out[-1].start, e.end, label="ORG")
        elif (
            out
            and out[-1].end == e.start
            and out[-1].label_ == "ORG"
            and e.label_ in ("GPE", "PERSON")
            and len(e) == 1
            and e[0].lower_.endswith(cues.SURNAME_ENDINGS)
            and out[-1][-1].pos_ == "PROPN"
        ):  # "<body> <Given>" + "<Surname>": one span, which the typer cuts after the body
            out[-1] = Span(doc, out[-1].start, e.end, label="ORG")
        else:
            out.append(e)
    return _with_remits(doc, _with_patronymics(doc, out))


def _with_remits(doc: Doc, ents: list[Span]) -> list[Span]:
    """A body's name that NER cut at "and" ("the Chamber of <Trade>" + "and <Trade> of
    <state>"): an organisation "<head> of <remit>" goes on over "and" and one or two more
    capitalised words of its remit, when those are no name of their own (a state, a person,
    another body)."""
    starts = {e.start: e for e in ents}
    out: list[Span] = []
    skip_to = -1
    for e in ents:
        if e.start < skip_to:
            continue
        j = e.end
        if (
            e.label_ == "ORG"
            and any(t.lower_ == "of" for t in e[1:-1])
            and _capitalised(e[-1])
            and j + 1 < len(doc)
            and doc[j].lower_ == "and"
        ):
            k = _remit_words(doc, j + 1, starts)
            if k > j + 1 and (k == len(doc) or not _capitalised(doc[k])):
                out.append(Span(doc, e.start, k, label="ORG"))
                skip_to = k
                continue
            end = _second_remit(doc, j + 1, starts)
            if end is not None:
                out.append(Span(doc, e.start, end, label="ORG"))
                skip_to = end
                continue
        out.append(e)
    return out


def _second_remit(doc: Doc, i: int, starts: dict[int, Span]) -> int | None:
    """Where "the <Remit> of [the] <Remit>" from token ``i`` ends, the second remit of one
    body ("... of <Remit> and the <Remit> of <Remit>"); None when the words are not one."""
    if doc[i].lower_ != "the":
        return None
    k = _remit_words(doc, i + 1, starts)
    if k == i + 1 or k >= len(doc) or doc[k].text != "of":
        return None
    m = k + 2 if k + 1 < len(doc) and doc[k + 1].lower_ == "the" else k + 1
    end = _remit_words(doc, m, starts)
    if end == m or (end < len(doc) and _capitalised(doc[end])):
        return None
    return end


def _remit_words(doc: Doc, k: int, starts: dict[int, Span]) -> int:
    """Where a run of at most two capitalised words of a body's remit from ``k`` ends: no
    body's or a title's own word ("Ministry", "Mayor"), and no name of their own (a state,
    a person)."""
    j = k
    while (
        k < len(doc)
        and k - j < 2
        and doc[k].is_alpha
        and _capitalised(doc[k])
        and doc[k].pos_ in ("PROPN", "NOUN")
        and fold(doc[k].text) not in cues.ORGANIZATION_WORDS
        and not _role_word(fold(doc[k].text))
        and (k not in starts or starts[k].label_ == "ORG")
        and doc[k].ent_type_ in ("", "ORG")
    ):
        k += 1
    return k


def _with_patronymics(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Aida Bekmurat kyzy": a Turkic name that ends in its lower-case patronymic is one
    person, whatever NER made of the words before it."""
    for t in doc:
        if t.lower_ not in cues.PATRONYMICS or t.i < 2:
            continue
        start = t.i
        while start > t.i - 3 and start > 0 and _name_like(doc[start - 1]):
            start -= 1
        if t.i - start < 2 or any(
            e.start < t.i and start < e.end and (e.start < start or e.end > t.i + 1) for e in ents
        ):
            continue  # a given name and the father's, not inside a longer name
        ents = [e for e in ents if e.end <= start or e.start > t.i]
        ents.append(Span(doc, start, t.i + 1, label="PERSON"))
    return sorted(ents, key=lambda e: e.start)


def _lower_word(tok: Token) -> bool:
    """A lower-case word that can say which body is meant ("interior", "border")."""
    return tok.is_lower and tok.is_alpha and tok.pos_ in ("NOUN", "ADJ", "PROPN")


def _lower_words_before(doc: Doc, i: int, ok: Callable[[Token], bool]) -> int:
    """Where a run of up to two words that ``ok`` accepts starts, right before token ``i``
    ("the [interior] ministry", "the Tajik [border] service")."""
    j = i
    while i - j < 2 and j > 0 and ok(doc[j - 1]):
        j -= 1
    return j


def _name_like(t: Token) -> bool:
    return t.pos_ == "PROPN" and _capitalised(t) and t.is_alpha and fold(t.text) not in _NOT_NAMES


def _with_particles(e: Span) -> Span:
    """ "Karin van der [Berg]": NER tagged only the surname after a European name particle
    (often as a place); the given name and the particles make it a person."""
    doc, start = e.doc, e.start
    words = [t for t in e if t.lower_ not in cues.SURNAME_PARTICLES]
    if (
        e.label_ != "PERSON"
        and 3 <= len(e) <= 5
        and e[0].lower_ not in cues.SURNAME_PARTICLES
        and len(words) < len(e)
        and all(_name_like(t) for t in words)
    ):
        return Span(doc, e.start, e.end, label="PERSON")  # "Karin de Vries" tagged a body
    while (
        start > 0 and doc[start - 1].lower_ in cues.SURNAME_PARTICLES and doc[start - 1].whitespace_
    ):
        start -= 1
    if start == e.start or e.start - start > 2 or start == 0:
        return e
    given = doc[start - 1]
    if not (_name_like(given) and given.ent_type_ in ("", "PERSON")):
        return e
    while given.i > 0 and doc[given.i - 1].ent_type_ == "PERSON":
        given = doc[given.i - 1]
    return Span(doc, given.i, e.end, label="PERSON")


_NOT_NAMES = (
    cues.ORGANIZATION_WORDS
    | cues.FUNCTION_WORDS
    | cues.FACILITY_HEADS
    | cues.PLACE_HEADS
    | cues.INITIATIVE_HEADS
    | cues.AGREEMENT_HEADS
    | cues.TITLES
)
"""Words that end or head the names of things, never a person's name."""


def _role_word(word: str) -> bool:
    """A title or role ("minister", "presidents", "adviser")."""
    return any(w in cues.TITLES or w in cues.ROLE_NOUNS for w in (word, word.removesuffix("s")))


def _person_name(span: Span) -> bool:
    """Capitalised proper nouns, hyphens inside a word allowed ("Kassym-Jomart Tokayev")."""
    words = [t for t in span if t.text != "-" or t.whitespace_]
    joins = [t for t in span if t.text == "-" and not t.whitespace_]
    return (
        len(words) - len(joins) >= 2
        and all(t.is_alpha and _capitalised(t) and t.pos_ == "PROPN" for t in words)
        and not any(fold(t.text) in _NOT_NAMES for t in words)
    )


def _english_words(nlp: Language) -> frozenset[str]:
    """The English words the lemmatizer's index holds (WordNet's nouns, verbs, adjectives and
    adverbs): a capitalised word among them ("Resources", "Affairs") ends a body's name, one
    outside them ("Osmonaliev") is more likely a person's. Empty without a rule lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer = getattr(lemmatizer, "stock", None) or lemmatizer  # the wrapped stock one
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)


def _after_title(doc: Doc, start: int) -> bool:
    """Whether ``doc[start]`` opens the body or state of a title: "<title> of (the) ...",
    within the six words before ("Deputy Minister of Energy of ...", "ambassador in ..."); the
    state's possessive may stand between ("chairman of <state>'s <body>")."""
    k = start - 1
    if k >= 1 and doc[k].lower_ in ("'s", "’s") and _capitalised(doc[k - 1]):
        k -= 2
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 0 or doc[k].lower_ not in ("of", "in", "to", "for"):
        return False
    return any(_role_word(t.lower_) for t in doc[max(0, k - 6) : k])


def _minister_remit(span: Span) -> bool:
    """Whether a span NER called an organisation is the remit of a minister's title ("Deputy
    Minister of <Field> and <Field> of the <Field> <name>"): the words after "Minister of"
    with no word of a body in them name what the post covers, not a body; the ministry is an
    entity where the text names it as one ("the Ministry of <Field>")."""
    doc, k = span.doc, span.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return (
        k >= 1
        and doc[k].lower_ == "of"
        and doc[k - 1].lower_ in ("minister", "ministers")
        and not any(t.lower_ in cues.ORGANIZATION_WORDS or _ACRONYM.fullmatch(t.text) for t in span)
    )


_LIST_WORDS = frozenset({",", "and", "or", "both", "&"})


def _languages(doc: Doc, demonyms: Iterable[Span]) -> set[tuple[int, int]]:
    """The states' adjectives that name a language: a list of them after "in", "into" or
    "from" with no noun after it ("published in Russian", "propaganda in Uzbek, Tajik and
    Russian"), where "in Kyrgyz and Tajik reservoirs" is about the states."""
    spans = sorted((d.start, d.end) for d in demonyms)
    at = {i: (s, e) for s, e in spans for i in range(s, e)}
    out: set[tuple[int, int]] = set()
    for s, e in spans:
        if (s, e) in out:
            continue
        run, j = [(s, e)], e
        while j < len(doc) and (doc[j].lower_ in _LIST_WORDS or j in at):
            if j in at and at[j] not in run:
                run.append(at[j])
            j += 1
        before = doc[s - 1].lower_ if s > 0 else ""
        after = doc[j] if j < len(doc) else None
        if before in ("in", "into", "from") and (
            after is None or (after.pos_ not in ("NOUN", "PROPN", "ADJ") and after.text != "-")
        ):
            out.update(run)
    return out


_LONGEST = 10
"""The most words a name may have: a longer span is more often NER running over a line than
a body's full name (allowing 14 read the annotated articles' entities 0.0013 worse across
three fold draws)."""


def _trim(span: Span, label: str) -> Span | None:
    """Drop articles, titles, possessives, footnote digits and punctuation at the edges."""
    doc, s, e = span.doc, span.start, span.end
    while s < e:
        t = doc[s]
        low = t.lower_.rstrip(".")
        if (
            t.is_punct
            or t.is_space
            or low in _DETERMINERS
            or (
                label == "PERSON"
                and (_role_word(low) or _role_word(t.lower_))
                and e - s > 1
                and not (low in cues.ROLES_AND_NAMES and t.text[:1].isupper() and e - s > 2)
            )
            # "Later the Ministry", "Following <name>'s visit"
            or (t.is_sent_start and (t.pos_ in _OPENERS or t.tag_ == "VBG") and e - s > 1)
        ):
            s += 1
        else:
            break
    while e > s:
        t = doc[e - 1]
        if (
            t.is_punct
            or t.is_space
            or t.text in ("'s", "’s", "'", "’")
            or t.text.isdigit()
            or t.lower_ in cues.FUNCTION_WORDS
        ):
            e -= 1
        else:
            break
    if s >= e or e - s > _LONGEST:
        return None
    out = doc[s:e]
    text = out.text
    if len(text) < 2 or not any(c.isupper() for c in text) or fold(text) in cues.BOILERPLATE:
        return None
    if not any(_capitalised(t) for t in out):
        return None
    if _MENU.search(text):
        return None  # words of a site menu run together ("HomeEuropeRussia")
    return out


_UN_BODY_HEADS = frozenset({"programme", "program", "fund"})
"""A UN name ending in one of these is one of its bodies, not an initiative."""
_GEO_AFTER = frozenset(
    [
        "wetlands",
        "wetland",
        "river",
        "valley",
        "basin",
        "province",
        "district",
        "region",
        "mountains",
        "lake",
        "plain",
        "plains",
        "delta",
        "gorge",
        "plateau",
        "desert",
        "marshes",
        "oasis",
    ]
)
"""Geographic nouns after a name that make the name a place."""


def _titled_agreements(ents: list[Span]) -> list[Span]:
    """ "Joint Declaration" + "on" + "Strategic Partnership": NER cut an agreement's title in
    two; the name after "on"/"of"/"for" (no state, place or person) completes it."""
    out: list[Span] = []
    i = 0
    ents = sorted(ents, key=lambda e: e.start)
    while i < len(ents):
        e = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (
            nxt is not None
            and e.label_ == "Agreement"
            and fold(e[-1].text) in cues.AGREEMENT_HEADS
            and nxt.start == e.end + 1
            and e.doc[e.end].lower_ in ("on", "of", "for")
            and nxt.label_ in ("Initiative", "Organization", "Agreement")
            and all(_capitalised(t) or t.is_punct for t in nxt)
        ):
            out.append(Span(e.doc, e.start, nxt.end, label="Agreement"))
            i += 2
            continue
        out.append(e)
        i += 1
    return out


def _fragment(e: Span) -> bool:
    """A piece of a title NER took for a body of its own ("Treaty on [Eternal Friendship]"):
    an organisation or initiative the pack does not know. A known body inside a title (a bank
    that signs it) and states and people stay names of their own."""
    return e.label_ in ("Organization", "Initiative") and not e.kb_id_


def _with_titles(doc: Doc, ents: list[Span], packed: list[Span]) -> tuple[list[Span], list[Span]]:
    """``ents`` with each long agreement title in place of the agreement names and fragments
    inside it, and the titles that hold other names (the states that sign it), which stay
    beside them. A fragment that ran on past the title ("[Allied Relations in <city>]") gives
    back the pack's names after the title."""
    nested = []
    doc.spans[TITLES] = titles = filter_spans(find_titles(doc))
    for title in titles:
        over = [e for e in ents if e.start < title.end and title.start < e.end]
        if all(
            (e.label_ == "Agreement" and title.start <= e.start and e.end <= title.end)
            or (_fragment(e) and title.start < e.start)
            for e in over
        ):
            tail = [
                p
                for e in over
                for p in packed
                if title.end <= p.start and p.end <= e.end and e.end > title.end
            ]
            ents = [e for e in ents if e not in over] + [title, *tail]
        else:
            nested.append(title)
    return sorted(ents, key=lambda e: e.start), nested


def _currency(e: Span) -> bool:
    """ "US $2 billion", "ten million US dollars": a state's mark on its money, not the state."""
    doc = e.doc
    return e.label_ == "Country" and e.end < len(doc) and doc[e.end].lower_ in cues.MONEY


def _natural_feature(words: list[str]) -> bool:
    """Whether folded name words read "<gulf, sea, ...> of <name>": one natural feature."""
    return len(words) > 2 and words[0] in cues.NATURAL_HEADS and words[1] == "of"


def _lone_subject(tok: Token) -> bool:
    """A word that is on its own the subject of a reporting verb ("Wang said"), with no
    capitalised word beside it."""
    beside = [tok.nbor(k) for k in (-1, 1) if 0 <= tok.i + k < len(tok.doc)]
    return (
        tok.dep_ == "nsubj"
        and tok.head.lower_ in cue_verbs()
        and not any(_capitalised(t) for t in beside)
    )


class Typer:
    """spaCy component: NER spans + ``doc.spans["pack"]`` -> ``doc.ents`` with crossroads types."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.pack: Pack | None = None
        self.adjectives: frozenset[str] = frozenset()
        self.nlp = nlp
        self._common: frozenset[str] | None = None

    @property
    def common(self) -> frozenset[str]:
        """The lemmatizer's English words (read on first use: its tables load after this
        component is made)."""
        if self._common is None:
            self._common = _english_words(self.nlp)
        return self._common

    def set_pack(self, pack: Pack) -> None:
        self.pack = pack
        self.adjectives = frozenset(fold(s) for s, _, kind in pack.names() if kind == "adjective")

    # -- typing ----------------------------------------------------------------------------
    def type_of(self, span: Span, label: str) -> str | None:
        """The crossroads type of a trimmed NER span, or None when it is no entity."""
        words = [fold(t.text) for t in span]
        last = words[-1]
        text = " ".join(words)
        if self._not_a_name(words, label) and not self._state_force(span, label):
            return None
        if last in cues.AGREEMENT_HEADS and label != "PERSON":
            return "Agreement"
        armed = any(w in cues.ARMED_GROUP_WORDS for w in words) or any(
            p in f" {text}" for p in cues.ARMED_GROUP_PHRASES
        )
        if armed and last not in cues.ORG_BODY_HEADS:
            return "ArmedGroup"
        lead = words[1:] if words[0] == "joint" else words
        if (
            len(lead) > 2
            and lead[0] in cues.AGREEMENT_HEADS
            and lead[1] in ("of", "on", "for", "between")
        ):
            return "Agreement"  # "Joint Declaration on Strategic Partnership"
        if (
            label in ("ORG", "FAC", "LOC", "GPE", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
            and len(words) > 1
        ):
            if last in _UN_BODY_HEADS and text.startswith(("un ", "u.n. ", "united nations ")):
                return "Organization"  # the UN's programmes and funds are its bodies
            if last in cues.INITIATIVE_HEADS:
                return "Initiative"
            if last in cues.FACILITY_HEADS:
                return "Facility"
            if last in cues.PLACE_HEADS:
                return "Place"
        if _natural_feature(words) and label in ("LOC", "GPE", "FAC"):
            return "Place"  # "the Gulf of <name>", not a facility
        if label == "GPE" and len(words) > 1 and last in cues.COUNTRY_HEADS:
            return "Country"
        if len(words) > 2 and words[1] in ("for", "of", "on", "between"):
            if words[0] in cues.INITIATIVE_HEADS:  # "Partnership for Peace"
                return "Initiative"
            if words[0] in cues.AGREEMENT_HEADS:  # "Treaty of Friendship"
                return "Agreement"
        if label not in ("EVENT", "GPE") and len(words) > 1 and last in cues.ORGANIZATION_WORDS:
            return "Organization"
        if (
            label in ("PERSON", "ORG", "NORP", "PRODUCT")
            and span.end < len(span.doc)
            and fold(span.doc[span.end].text) in _GEO_AFTER
        ):
            return "Place"  # "the Sistan wetlands", "the Rasht valley"
        if label == "PERSON" and any(
            any(c.isdigit() for c in w) and any(c.isalpha() for c in w) for w in words
        ):
            return None  # "TB2", "Mi-17": a model name, no one's name
        if label == "PERSON":
            return "Person"
        if (
            label in ("ORG", "NORP", "PRODUCT")
            and len(words) <= 3
            and all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in span)
            and last.endswith(cues.SURNAME_ENDINGS)
            and len(last) > 4
        ):
            return "Person"  # NER calls many of the region's names organisations
        if label == "ORG":
            return "ArmedGroup" if self._armed_context(span) else "Organization"
        if label == "GPE":
            if span.text.isupper() and len(span.text) <= 4:
                return "Organization"  # an unknown acronym is no place ("RT reported")
            return self._pack_type(span.text) or "Place"
        if label == "LOC":
            return "Place"
        if label == "FAC":
            return "Facility"
        if label == "NORP":
            return self._pack_type(span.text) if self._pack_type(span.text) == "Country" else None
        return None

    def _state_force(self, span: Span, label: str) -> bool:
        """ "the Indian Army", "the Tajik Border Troops": a state's adjective and a force or
        body written with capitals, which NER calls an organisation, is its name ("Tajik
        army" in lower case stays a description)."""
        words = [fold(t.text) for t in span if t.is_alpha]
        return (
            label == "ORG"
            and len(words) >= 2
            and words[0] in self.adjectives
            and all(t.text[:1].isupper() for t in span if t.is_alpha)
            and words[-1] in _FORCES
        )

    def _not_a_name(self, words: list[str], label: str) -> bool:
        """Titles, peoples, faiths and common words that NER took for names."""
        words = [w for w in words if any(c.isalnum() for c in w)]
        if not words:
            return True
        if len(words) == 1:
            w = words[0]
            return (
                w in cues.GENERIC
                or w in cues.TITLES
                or w in cues.ROLE_NOUNS  # "said Spokesperson for the ..."
                or w in cues.ORGANIZATION_WORDS
                or w in self.adjectives
                or w in cues.PEOPLES
                or (w in cues.ARMED_GROUP_WORDS and w not in cues.ARMED_GROUP_NAMES)
            )
        text = " ".join(words)
        if text in self.adjectives or text in cues.GENERIC_PHRASES:
            return True
        if words[0] in cues.GENERIC_PLURALS:  # "Ministries of Defense", "Memoranda of ..."
            return True
        if all(w in cues.TITLES or w in self.adjectives or w in cues.FUNCTION_WORDS for w in words):
            return True  # "Assistant Secretary", "Tajik Minister", "Major General"
        if all(w in cues.ABSTRACT or w in cues.FUNCTION_WORDS for w in words):
            return True  # "Border Security", "Policy Brief"
        # "Uzbeks", "Sunni jihadist", "Central Asian State": a people, not a name
        lead = 2 if " ".join(words[:2]) in self.adjectives else 1
        first = " ".join(words[:lead])
        people = (
            first in cues.PEOPLES
            or first in self.adjectives
            or (first.endswith("s") and first[:-1] in self.adjectives)
        )
        return people and all(
            w in cues.PEOPLES or w in cues.PEOPLE_NOUNS or w in self.adjectives or w in cues.GENERIC
            for w in words[lead:]
        )

    def _known(self, span: Span) -> Span:
        """A name NER found that the pack knows under this type gets the pack's id."""
        if self.pack is not None:
            for known in self.pack.lookup(span.text):
                if known.type == span.label_:
                    return Span(span.doc, span.start, span.end, label=known.type, kb_id=known.id)
        return span

    def _place_id(self, text: str) -> str | None:
        """The pack id of a state or place so named."""
        found = self.pack.lookup(text) if self.pack is not None else []
        return found[0].id if found and found[0].type in ("Country", "Place") else None

    def _pack_type(self, text: str) -> str | None:
        if self.pack is None:
            return None
        found = self.pack.lookup(text)
        return found[0].type if found else None

    def _surname_first(self, piece: Span, inside: dict[tuple[int, int], Span]) -> str | None:
        """For a person's name NER found that opens with one word the pack knows as a person
        and goes on with two or more capitalised words: that person's id when those words
        hold another of its names, else "" (another person); None for any other name."""
        if len(inside) != 1 or self.pack is None:
            return None
        (start, end), known = next(iter(inside.items()))
        rest = piece.doc[end : piece.end]
        person = self.pack.entities.get(known.kb_id_)
        if (
            person is None
            or known.label_ != "Person"
            or (start, end) != (piece.start, piece.start + 1)
            or len(rest) < 2
            or not all(t.is_alpha and _capitalised(t) for t in rest)
        ):
            return None
        names = {w for n in (person.name, *person.aliases) for w in fold(n).split()}
        return "" if names.isdisjoint(fold(t.text) for t in rest) else person.id

    def _org_then_person(self, span: Span, label: str) -> list[tuple[Span, str]]:
        """ "the Writers Association Anvar Karimov", "National Security Adviser Ajit Doval": an
        organisation or a role, then a person's name, that NER read as one organisation. The
        role is no entity; the organisation stays one. After a title ("Chairman of the National
        Committee for Land Resources <name>") the name is the last two or three words when
        they are no English words and the word before them is."""
        if label != "ORG" or len(span) < 3:
            return [(span, label)]
        cuts = [
            i
            for i, t in enumerate(span)
            if t.lower_ in cues.ORGANIZATION_WORDS or _role_word(t.lower_)
        ]
        head, tail = (span[: cuts[-1] + 1], span[cuts[-1] + 1 :]) if cuts else (span, span[:0])
        if not cuts or cuts[-1] > len(span) - 3 or len(tail) > 5 or not _person_name(tail):
            return self._titled_tail(span) or [(span, label)]
        if _role_word(head[-1].lower_):
            return [(tail, "PERSON")]
        return [(head, "ORG"), (tail, "PERSON")]

    @staticmethod
    def _armed_context(span: Span) -> bool:
        """ "X militants", "militants of X", "the militant group X", "X, a jihadist group,"."""
        doc = span.doc
        sent_end = span.sent.end if doc.has_annotation("SENT_START") else len(doc)
        after = [fold(t.text) for t in doc[span.end : min(span.end + 6, sent_end)]]
        before = [fold(t.text) for t in doc[max(span.start - 3, span.sent.start) : span.start]]
        if after and after[0] in cues.ARMED_CONTEXT:
            return True
        if any(w in cues.ARMED_CONTEXT for w in before):
            return True
        if after[:1] == [","]:  # an apposition: up to the next comma
            rest = after[1:]
            rest = rest[: rest.index(",")] if "," in rest else rest
            return any(w in cues.ARMED_CONTEXT for w in rest)
        return False

    @staticmethod
    def _complete(span: Span, label: str) -> Span:
        """ "State" + "Duma": NER stopped after a common word that starts a longer name; a
        person's name stopped before a particle and the name it leads ("... Al Thani") or before
        a hyphened given name's last syllable ("Kim Dae-in")."""
        doc, end = span.doc, span.end
        if label == "PERSON":
            while (
                end + 1 < len(doc)
                and doc[end].lower_ in cues.NAME_PARTICLES
                and doc[end + 1].pos_ == "PROPN"
                and _capitalised(doc[end + 1])
                and doc[end + 1].is_alpha
                and doc[end + 1].ent_type_ in ("", "PERSON")
            ):
                end += 2
            while (  # "<Surname> <Given>-in": a hyphened given name's lower-case syllable
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].is_alpha
                and doc[end + 1].is_lower
                and len(doc[end + 1]) <= 4
                and doc[end + 1].lower_ not in cues.NAME_PARTICLES
                # "<given>-ul <name>", "<name>-e <name>": a particle that joins two names
                and not (
                    end + 2 < len(doc) and (doc[end + 2].text == "-" or _capitalised(doc[end + 2]))
                )
            ):
                end += 2
            return doc[span.start : end]
        if label == "ORG" and fold(span[-1].text) in _BODY_HEADS:
            return _of_body(span)
        if label != "ORG" or len(span) != 1 or fold(span.text) not in cues.GENERIC:
            return span
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and _capitalised(doc[end])
            and doc[end].is_alpha
            and not doc[end].ent_type_
            and fold(doc[end].text) not in cues.TITLES
            and fold(doc[end].text) not in ("staff", "command", "headquarters", "office")
        ):
            end += 1
        return doc[span.start : end]

    @staticmethod
    def _with_facility(ent: Span) -> Span:
        """ "Manas airport": a place followed by a facility word is a Facility; "CAREC
        corridors": an organisation followed by a programme word is an Initiative."""
        doc = ent.doc
        if ent.end >= len(doc):
            return ent
        nxt = doc[ent.end]
        if (
            ent.label_ == "Organization" and nxt.is_lower and nxt.text in cues.INITIATIVE_SUFFIXES
        ):  # "CAREC corridors"
            return Span(doc, ent.start, ent.end + 1, label="Initiative")
        if ent[-1].lower_ in cues.NATURAL_HEADS:
            return ent  # "the <name> Sea port of <city>": a port on the sea, not its name
        # (one word NER called an organisation is often a village's: "<name> checkpoint")
        lone_body = ent.label_ == "Organization" and not ent.kb_id_ and len(ent) == 1
        if (ent.label_ not in ("Place", "Facility", "Person") and not lone_body) or (
            ent.label_ == "Person" and ent.kb_id_
        ):
            return ent
        nxt = doc[ent.end]
        if nxt.is_lower and nxt.text in cues.FACILITY_SUFFIXES:
            return Span(doc, ent.start, ent.end + 1, label="Facility")
        if ent.kb_id_:
            return ent
        # a name the pack does not know before a facility's head noun: "<name> copper mine",
        # "<name> border crossing", "<name> Air Base" (NER often reads such names as people),
        # "<name> border guard station"
        for width in (1, 2, 3):
            words = doc[ent.end : min(ent.end + width, len(doc))]
            if len(words) < width or not all(t.is_alpha for t in words):
                break
            cased = {t.is_lower for t in words}
            last = words[-1].lower_
            if (
                len(cased) == 1
                and last in cues.FACILITY_HEADS
                and (width >= 2 or last not in _NOT_HEADS)
                and (width < 3 or all(t.pos_ in ("NOUN", "ADJ", "PROPN") for t in words))
            ):
                return Span(doc, ent.start, ent.end + width, label="Facility")
        return ent

    @staticmethod
    def _repeats(doc: Doc, ents: list[Span]) -> list[Span]:
        """Names NER found once but missed elsewhere in the same document, the surnames of
        the people it named in full ("Rahmon" after "Emomali Rahmon"), and the first word of
        a two-word name where it stands alone as the subject of a reporting verb (a family
        name written first, "Wang said" after "Wang Tao")."""
        known: dict[tuple[str, ...], str] = {}
        for e in ents:
            if e.kb_id_:
                continue
            known.setdefault(tuple(t.text for t in e), e.label_)
        firsts: set[tuple[str, ...]] = set()
        for e in ents:
            if e.label_ != "Person" or len(e) < 2:
                continue
            for tok in (e[-1], e[0]) if len(e) == 2 else (e[-1],):
                if (
                    tok.is_alpha
                    and _capitalised(tok)
                    and len(tok.text) >= 3
                    and fold(tok.text) not in cues.TITLES
                    and (tok.text,) not in known
                ):
                    known[(tok.text,)] = "Person"
                    if tok.i == e.start:
                        firsts.add((tok.text,))
        if not known:
            return []
        longest = max(len(k) for k in known)
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        i = 0
        while i < len(doc):
            if i in taken or not _capitalised(doc[i]):
                i += 1
                continue
            for n in range(min(longest, len(doc) - i), 0, -1):
                key = tuple(t.text for t in doc[i : i + n])
                if (
                    key in known
                    and not any(j in taken for j in range(i, i + n))
                    and (key not in firsts or _lone_subject(doc[i]))
                ):
                    out.append(Span(doc, i, i + n, label=known[key]))
                    i += n
                    break
            else:
                i += 1
        return out

    @staticmethod
    def _state_bodies(doc: Doc, ents: list[Span]) -> list[Span]:
        """A state's body in lower case after the state's name or adjective ("Kyrgyzstan's
        interior ministry", "the Tajik border service"): NER marks only capitalised ones."""
        countries = {e.end: e for e in ents if e.label_ == "Country"}
        demonyms = {d.end: d for d in doc.spans.get("demonyms", ()) if d.kb_id_}
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        for t in doc:
            if t.lower_ not in cues.STATE_BODY_HEADS or not t.is_lower or t.i in taken:
                continue
            j = _lower_words_before(doc, t.i, _lower_word)
            if j == t.i and t.lower_ != "presidency":
                continue  # "the Russian ministry": which one is not said
            if j >= 2 and doc[j - 1].lower_ in ("'s", "’s") and j - 1 in countries:
                out.append(Span(doc, countries[j - 1].start, t.i + 1, label="Organization"))
            elif j in demonyms and j - 1 not in taken:
                out.append(Span(doc, demonyms[j].start, t.i + 1, label="Organization"))
        return out

    @staticmethod
    def _bare_ministries(doc: Doc, ents: list[Span]) -> list[Span]:
        """A ministry named in lower case without saying whose ("the interior ministry",
        "officials of ministry of defence"): the annotated articles name every one (19 of 19),
        NER none. Not where a name qualifies it ("Taliban interior ministry") or where the
        document already names a body it can be short for ("Kazakh Interior Ministry")."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        known = [fold(e.text) for e in ents if e.label_ == "Organization"]

        def field(tok: Token) -> bool:
            return (
                _lower_word(tok)
                and tok.lower_ not in cues.NOT_MINISTRY_FIELD
                and tok.lower_ != "ministry"
            )

        out = []
        for t in doc:
            if t.lower_ != "ministry" or not t.is_lower or t.i in taken:
                continue
            j = _lower_words_before(doc, t.i, field)
            end = t.i + 1
            if j == t.i and end < len(doc) and doc[end].lower_ == "of":
                m = end + 1
                while (
                    m < len(doc)
                    and m - end <= 4
                    and (field(doc[m]) or doc[m].lower_ in ("and", "the"))
                ):
                    m += 1
                while m > end + 1 and doc[m - 1].lower_ in ("and", "the"):
                    m -= 1
                end = m if m > end + 1 else end
            if j == t.i and end == t.i + 1:
                continue  # "the ministry": which one is not said
            before = doc[j - 1] if j > 0 else None
            if before is not None and (
                before.lower_ in ("'s", "’s")
                or (
                    _capitalised(before)
                    and not before.is_sent_start
                    and before.lower_ not in _DETERMINERS
                )
            ):
                continue
            span = Span(doc, j, end, label="Organization")
            if any(i in taken for i in range(j, end)) or any(fold(span.text) in k for k in known):
                continue
            out.append(span)
        return out

    @staticmethod
    def _numbered_bases(doc: Doc, ents: list[Span]) -> list[Span]:
        """ "the 201st military base", "its 999th air base": an ordinal names one base."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        for t in doc:
            if t.i in taken or not _ORDINAL.match(t.text):
                continue
            j = t.i + 1
            while j < len(doc) and j - t.i <= 2 and doc[j].lower_ in _BASE_MODIFIERS:
                j += 1
            if (
                j < len(doc)
                and doc[j].lower_ in _BASE_HEADS
                and not any(k in taken for k in range(t.i, j + 1))
            ):
                out.append(Span(doc, t.i, j + 1, label="Facility"))
        return out

    @staticmethod
    def _introduced_people(doc: Doc, ents: list[Span]) -> list[Span]:
        """Two or more capitalised proper nouns after a role noun ("politician Shodi Shabdolov")
        that NER missed are a Person."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        i = 1
        while i < len(doc):
            if doc[i - 1].lower_ in cues.ROLE_NOUNS and i not in taken:
                j = i
                while (
                    j < len(doc)
                    and j not in taken
                    and doc[j].pos_ == "PROPN"
                    and _capitalised(doc[j])
                    and doc[j].is_alpha
                    and doc[j].lower_ not in cues.TITLES
                ):
                    j += 1
                if j - i >= 2:
                    out.append(Span(doc, i, j, label="Person"))
                i = max(j, i + 1)
            else:
                i += 1
        return out

    def _name_word(self, t: Token, taken: set[int]) -> bool:
        """Whether a word next to a person's name is more of it: a capitalised proper noun no
        entity holds that is no English word, title, people or known name ("Ashfaq")."""
        return (
            t.i not in taken
            and t.pos_ == "PROPN"
            and t.is_alpha
            and _capitalised(t)
            and not self._english(t)
            and fold(t.text) not in cues.TITLES
            and fold(t.text) not in self.adjectives
            and not self._pack_type(t.text)
        )

    def _whole_names(self, ents: list[Span], packed: set[tuple[int, int]]) -> list[Span]:
        """A person's name NER cut short ("General [Rustam Ali] Nurmatov" read from its second
        word, "[Tilek Bolot] Usenov" without its last) runs on over the words next to it that
        can only be more of the name; at most four words in all."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        for e in ents:
            if e.label_ != "Person" or (e.start, e.end) in packed:
                out.append(e)
                continue
            doc, start, end = e.doc, e.start, e.end
            while (
                end - start < 4 and start > e.sent.start and self._name_word(doc[start - 1], taken)
            ):
                start -= 1
            while end - start < 4 and end < e.sent.end and self._name_word(doc[end], taken):
                end += 1
            taken.update(range(start, end))  # a word between two names goes to the first
            out.append(e if (start, end) == (e.start, e.end) else Span(doc, start, end, "Person"))
        return out

    def _english(self, token: Token) -> bool:
        """Whether the word, or its singular, is one of the lemmatizer's English words (a
        capitalised word's lemma is itself: "Resources")."""
        w = token.lower_
        forms = {w, token.lemma_.lower(), w.removesuffix("s"), w.removesuffix("es")}
        if w.endswith("ies"):
            forms.add(w[:-3] + "y")
        return any(f in self.common for f in forms)

    def _holder(self, tail: Span) -> bool:
        """Whether the words after a post's body or state are a person's name: proper nouns
        whose last is no English word ("Osmonaliev", not "Resources")."""
        return _person_name(tail) and not self._english(tail[-1])

    def _after_remit(self, remit: Span) -> list[Span]:
        """The holder named with a minister's remit: the remit's last words that are no English
        words, when NER ran them into it ("<Field> and <Field> <Given> <Surname>"), else two or
        three capitalised words right after it ("<Field> <Given> <Surname> said")."""
        doc, n = remit.doc, 0
        while n < min(3, len(remit) - 1) and not self._english(remit[len(remit) - n - 1]):
            n += 1
        if n >= 2 and _person_name(remit[len(remit) - n :]):
            return [Span(doc, remit.end - n, remit.end, label="Person")]
        after = self._name_after(doc, remit.end, lambda k: not doc[k].ent_type_)
        return [after] if after is not None else []

    def _name_after(self, doc: Doc, end: int, free: Callable[[int], bool]) -> Span | None:
        """Two or three capitalised words from ``end`` on, each ``free``, that are a person's
        name: the last no English word and no capitalised word after them."""
        j = end
        while j < len(doc) and j - end < 4 and free(j) and _capitalised(doc[j]):
            j += 1
        tail = doc[end:j]
        if (
            2 <= len(tail) <= 3
            and (j == len(doc) or not _capitalised(doc[j]))
            and self._holder(tail)
        ):
            return Span(doc, end, j, label="Person")
        return None

    def _titled_tail(self, span: Span) -> list[tuple[Span, str]]:
        """A body after a title with a name glued on ("Head of the National Committee for Land
        Resources <name> <surname>"): the name is the last two or three words when the last is
        no English word and the word before them is, or the body's short name in capitals
        ("the DG of <ACRONYM> <name> <surname>", where the acronym may be the whole body)."""
        if not _after_title(span.doc, span.start):
            return []
        for n in (2, 3):
            if len(span) - n < 1:
                continue
            tail, before = span[len(span) - n :], span[-n - 1]
            short = _ACRONYM.fullmatch(before.text) is not None
            # or a given name and a surname of the region's shape ("of <Firm> <Given> <-ov>")
            shaped = (
                n == 2
                and tail[-1].lower_.endswith(cues.SURNAME_ENDINGS)
                and not self._english(tail[0])
            )
            if (
                self._holder(tail)
                and (
                    self._english(before)
                    or before.lower_ in cues.ORGANIZATION_WORDS
                    or short
                    or shaped
                )
                and (len(span) - n >= 2 or short)
            ):
                return [(span[: len(span) - n], "ORG"), (tail, "PERSON")]
        return []

    def _titled_people(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Two or three capitalised names right after "<title> of <state or body>" that NER
        missed ("Deputy Minister of Energy of Kyrgyzstan <name> <surname> said"): a Person,
        when the last is no English word and no capitalised word follows."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        for e in ents:
            if e.label_ not in ("Country", "Organization") or not _after_title(doc, e.start):
                continue
            after = self._name_after(doc, e.end, lambda k: k not in taken)
            if after is not None:
                out.append(after)
        return out

    # -- merging ---------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        dates = [
            e
            for e in doc.ents
            if e.label_ in DATE_LABELS or (e.label_ == "TIME" and _DAY_TIME.search(e.text))
        ]
        # spaCy's own labels, which the learned entity review weighs (learn/entities.py)
        doc.spans[NER_SPANS] = [e for e in doc.ents if e.label_ in NER_LABELS]
        packed = list(doc.spans["pack"]) if "pack" in doc.spans else []
        pack_at: dict[int, Span] = {}
        for p in packed:
            for i in range(p.start, p.end):
                pack_at[i] = p
        chosen: list[Span] = []
        dropped: set[tuple[int, int]] = set()
        for ent in _joined_people(doc):
            if ent.label_ not in NER_LABELS:
                continue
            for raw in _pieces(ent):
                trimmed = _trim(raw, ent.label_)
                if trimmed is None:
                    continue
                piece = self._complete(trimmed, ent.label_)
                start = piece.start
                while glued_to_name(doc, start):  # "Sherali|Khairullaev": the whole word
                    start -= 1
                piece = doc[start : piece.end]
                if _MENU.search(piece.text):
                    continue
                inside = {
                    (p.start, p.end): p
                    for i in range(piece.start, piece.end)
                    if (p := pack_at.get(i)) is not None
                }
                if not inside:
                    for part, label in self._org_then_person(piece, ent.label_):
                        if label == "ORG" and _minister_remit(part):
                            chosen += self._after_remit(part)
                            continue
                        kind = self.type_of(part, label)
                        if kind:
                            chosen.append(self._known(Span(doc, part.start, part.end, label=kind)))
                    continue
                within = all(piece.start <= s and e <= piece.end for s, e in inside)
                if (
                    within
                    and ent.label_ in ("LOC", "GPE", "FAC")
                    and (piece.start, piece.end) not in inside
                    and _natural_feature([fold(t.text) for t in piece])
                ):
                    # "the Gulf of <state>": one place, not the state and the pack's "Gulf"
                    chosen.append(Span(doc, piece.start, piece.end, label="Place"))
                    dropped.update(inside)
                    continue
                rest = [doc[i] for i in range(piece.start, piece.end) if i not in pack_at]
                longer = (
                    within
                    and ent.label_ not in ("GPE", "NORP", "PERSON")
                    and any(
                        _capitalised(t)
                        and fold(t.text) not in cues.FUNCTION_WORDS
                        and fold(t.text) not in cues.PLACE_HEADS
                        and not (t.text.isupper() and len(t.text) <= 3)
                        for t in rest
                    )
                    and all(
                        t.pos_ in ("PROPN", "NOUN", "ADP", "CCONJ", "PUNCT", "DET", "NUM")
                        for t in rest
                        if _capitalised(t) or t.pos_ in ("PRON", "VERB")
                    )
                )
                # "the Security Council of <state>": the state's own body, not the world body
                # the pack calls by the same words
                spans = sorted(inside)
                state_body = (
                    within
                    and ent.label_ == "ORG"
                    and len(spans) == 2
                    and spans[0][0] == piece.start
                    and spans[1][1] == piece.end
                    and inside[spans[0]].label_ == "Organization"
                    and inside[spans[1]].label_ == "Country"
                    and [t.lower_ for t in doc[spans[0][1] : spans[1][0]]]
                    in (["of"], ["of", "the"])
                )
                if state_body:  # named with its state by the linker, as "the Ministry of X"
                    chosen.append(Span(doc, spans[0][0], spans[0][1], label="Organization"))
                    dropped.add(spans[0])
                    continue
                last_end = max(e for _, e in inside)
                if within and last_end == piece.end and inside[max(inside)].label_ == "Person":
                    continue  # "Presidents <known person>": a title, then the pack's person
                first = min(b for b, _ in inside)
                named_after = (
                    within
                    and ent.label_ != "PERSON"
                    and (
                        first == piece.start
                        # "(Minister of Mining and) Chemicals of <state> <name>": a post's
                        # state, then the holder
                        or doc[first - 1].lower_ == "of"
                        and not self._english(doc[piece.end - 1])
                    )
                    and all(
                        x.label_ in ("Organization", "ArmedGroup", "Country")
                        # "ambassador to <capital> <name>": a post's place, then the holder
                        or x.label_ == "Place"
                        and _after_title(doc, piece.start)
                        for x in inside.values()
                    )
                    and 2 <= piece.end - last_end <= 4
                    and _person_name(doc[last_end : piece.end])
                )
                if named_after:  # "<known organisation or state> Valery Petrov": a name after
                    chosen.append(Span(doc, last_end, piece.end, label="Person"))
                elif longer:
                    # "<title> of <state>'s <body> <name>": the body, then its holder
                    parts = self._org_then_person(piece, ent.label_)
                    kinds = [(part, self.type_of(part, label)) for part, label in parts]
                    if kinds[0][1]:
                        dropped.update(inside)
                    for part, kind in kinds:
                        if kind:
                            chosen.append(Span(doc, part.start, part.end, label=kind))
                elif (
                    ent.label_ == "PERSON"
                    and len(inside) == 1
                    and within
                    and next(iter(inside.values())).label_ in ("Place", "Facility")
                    and next(iter(inside)) == (piece.start, piece.start + 1)
                    and piece.end - piece.start == 2
                    and _capitalised(doc[piece.end - 1])
                ):
                    # "Mary Robinson" is a woman, not the Turkmen city with a surname
                    kind = self.type_of(piece, ent.label_)
                    if kind:
                        chosen.append(Span(doc, piece.start, piece.end, label=kind))
                        dropped.update(inside)
                elif (
                    ent.label_ == "PERSON"
                    and (who := self._surname_first(piece, inside)) is not None
                ):
                    # "<Surname> <Given> <Patronymic>": the whole name is one person, the
                    # known one where the words after are that person's other names, else
                    # another person whose name opens with a family's or a clan's
                    chosen.append(Span(doc, piece.start, piece.end, label="Person", kb_id=who))
                    dropped.update(inside)
                elif ent.label_ == "PERSON":  # "Afghanistan Zalmay Khalilzad": the name after
                    tail = max(e for _, e in inside)
                    # (without the ranks before it: "<body> Maj Gen <name>")
                    name = _trim(doc[tail : piece.end], "PERSON") if piece.end > tail else None
                    if (
                        name is not None
                        and len(name) >= 2
                        and _capitalised(name[0])
                        and _capitalised(name[-1])
                        # "<state> Tamim bin Hamad": a name's particles stay in lower case
                        and all(
                            _capitalised(t) or t.lower_ in cues.NAME_PARTICLES
                            for t in doc[tail : piece.end]
                        )
                    ):
                        chosen.append(Span(doc, name.start, name.end, label="Person"))
        ents = [p for p in packed if (p.start, p.end) not in dropped] + chosen
        ents = filter_spans(ents)
        ents = [self._with_facility(e) for e in ents]
        ents = _titled_agreements(ents)
        ents = filter_spans(ents + self._introduced_people(doc, ents))
        ents = filter_spans(ents + self._titled_people(doc, ents))
        ents = filter_spans(ents + self._numbered_bases(doc, ents))
        ents = filter_spans(ents + self._state_bodies(doc, ents))
        ents = filter_spans(ents + self._bare_ministries(doc, ents))
        named = missions(doc, ents)
        bounds = {(m.start, m.end) for m, _ in named}
        before = ents  # a mission's span wins over NER's span of the same words
        ents = filter_spans(
            [m for m, _ in named] + [e for e in ents if (e.start, e.end) not in bounds]
        )
        kept = [(m, full) for m, full in named if m in ents]
        held = named_within([m for m, _ in kept], before)
        ents = filter_spans(ents + self._repeats(doc, ents))
        ents = self._whole_names(ents, {(p.start, p.end) for p in packed})
        ents = [e for e in ents if not _currency(e)]
        ents, titles = _with_titles(doc, ents, packed)
        doc.ents = ents
        doc.spans[LINKS] = find_links(doc) + titles
        doc.spans[PARTS] = link_parts(ents, self._place_id)
        doc.spans[INSIDE] = [e for e in held if e not in ents]
        doc.spans[MISSIONS] = [full for _, full in kept]
        taken = {i for e in ents for i in range(e.start, e.end)}
        doc.spans["dates"] = dates
        if "pack" in doc.spans:
            del doc.spans["pack"]  # merged into doc.ents
        if "demonyms" in doc.spans:
            languages = _languages(doc, doc.spans["demonyms"])
            doc.spans["demonyms"] = [
                d
                for d in doc.spans["demonyms"]
                if not any(i in taken for i in range(d.start, d.end))
                and (d.start, d.end) not in languages
            ]
        unused = [t for s in doc.spans[NER_SPANS] if (t := _trim(s, s.label_)) is not None]
        others = [*dates, *doc.spans.get("demonyms", [])]
        doc.spans[PROPOSALS] = find_proposals(
            doc, [*ents, *doc.spans[LINKS]], others, unused, self._guess
        )
        return doc

    def _guess(self, span: Span) -> str | None:
        """The rules' type of a name NER did not mark (extraction/proposals.py): a person's
        name by its shape, else what its words say, else an organisation; None for titles,
        peoples and common words."""
        words = [fold(t.text) for t in span]
        if self._not_a_name(words, "ORG"):
            return None
        if _person_name(span):
            return "Person"
        return self.type_of(span, "ORG") or "Organization"


@Language.factory("crossroads_typer_v1")
def make_typer(nlp: Language, name: str) -> Typer:
    return Typer(nlp, name)
