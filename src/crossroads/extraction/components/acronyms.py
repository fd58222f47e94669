"""Reads acronyms a document defines: "Katibat Imam al-Bukhari (KIB)" makes KIB that group.

Every later "KIB" in the document becomes a mention of the same entity (the linker links
it through ``doc.user_data["crossroads.acronyms"]``: acronym -> start char of the long
form). The test is Schwartz and Hearst's: the acronym's letters appear, in order, as
initials of the long form's words, the first letter starting its first word.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from crossroads.extraction.components import cues

ACRONYMS = "crossroads.acronyms"
_ALIAS_CUES = frozenset({"also", "known", "as", "a.k.a.", "aka", "the", "or", "formerly"})
_BODIES = frozenset({"Organization", "ArmedGroup"})
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,9}$")


def _looks_like_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


def matches(acronym: str, long_form: str) -> bool:
    """Whether ``acronym`` abbreviates ``long_form`` (initials in order, first one first)."""
    letters = [c.lower() for c in acronym if c.isalnum()]
    words = [w for w in re.split(r"[\s\-]+", long_form) if w]
    if not letters or not words or words[0][:1].lower() != letters[0]:
        return False
    initials = [w[0].lower() for w in words if w[0].isalnum()]
    # letters may skip function words but must follow the initials' order
    i = 0
    for c in letters:
        while i < len(initials) and initials[i] != c:
            i += 1
        if i == len(initials):
            return False
        i += 1
    significant = [w for w in words if w.lower() not in cues.FUNCTION_WORDS]
    return len(letters) >= min(2, len(significant)) and len(letters) <= len(words) + 1


def _long_form_before(doc: Doc, open_paren: int, acronym: str) -> Span | None:
    """The entity (or run of capitalised words) just before "(": the acronym's long form."""
    prev = open_paren - 1
    if prev < 0:
        return None
    named = next((ent for ent in doc.ents if ent.end == open_paren), None)
    if named is not None and matches(acronym, named.text):
        return named
    start = open_paren
    while start > 0:
        t = doc[start - 1]
        if (
            t.text[:1].isupper()
            or (t.lower_ in cues.FUNCTION_WORDS and start < open_paren)
            or t.text == "-"
        ):
            start -= 1
        else:
            break
    while start < open_paren and (
        not doc[start].text[:1].isupper() or doc[start].lower_ in ("the", "a", "an")
    ):
        start += 1
    for s in range(start, open_paren):
        span = doc[s:open_paren]
        if span.text[:1].isupper() and matches(acronym, span.text):
            # the initials of a name's tail ("the <Org> <Agency Name> (<ACR>)"): the whole
            # name found there, with the type and link it has, not a new entity of its tail
            return named if named is not None and named.start <= s else span
    # an acronym from the name's own language ("<name in English> (<its acronym in Tajik>)"):
    # the name right before it, of any type the rules gave it but a person's or a state's
    # ("Kazakhstan (KZ)"), when the first letters agree
    if (
        named is not None
        and named.label_ not in ("Person", "Country")
        and len(named) >= 2
        and named.text[:1].upper() == acronym[:1]
    ):
        return named
    return None


class AcronymReader:
    """spaCy component: "Long Form (ACR)" -> every ACR in the doc is that entity."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, Span] = {}
        for tok in doc[1:-1]:
            i = tok.i
            if doc[i - 1].text != "(" or i + 1 >= len(doc) or doc[i + 1].text != ")":
                continue
            acronym = tok.text
            if not _looks_like_acronym(acronym) or acronym in found:
                continue
            long_form = _long_form_before(doc, i - 1, acronym)
            if long_form is not None:
                found[acronym] = long_form
        for ent in doc.ents:  # "the TTP (Tehrik-e-Taliban Pakistan)": the long form after
            s, e = ent.start, ent.end
            if s >= 2 and e < len(doc) and doc[s - 1].text == "(" and doc[e].text == ")":
                acronym = doc[s - 2].text
                if (
                    _looks_like_acronym(acronym)
                    and acronym not in found
                    and matches(acronym, ent.text)
                ):
                    found[acronym] = ent
        found.update(self._undefined(doc, found))
        self._known_after(doc)
        aliases = self._aliases(doc)
        if not found and not aliases:
            return doc
        ents = list(doc.ents)
        label_of = {}
        for acronym, long_form in found.items():
            label = long_form.label_ or self._label(long_form)
            if not long_form.label_:  # a long form NER missed: make it an entity
                ents.append(Span(doc, long_form.start, long_form.end, label=label))
            label_of[acronym] = label
        new = [
            Span(doc, t.i, t.i + 1, label=label_of[t.text])
            for t in doc
            if t.text in label_of and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in cues.MONEY)
        ]
        # the document's own definition beats NER and the pack for the acronym itself
        new_at = {s.start for s in new}
        ents = [e for e in ents if not (e.end - e.start == 1 and e.start in new_at)]
        doc.ents = filter_spans(new + ents)
        links = {a: f.start_char for a, f in found.items()}
        links.update({a.text: f.start_char for a, f in aliases if a.text not in links})
        doc.user_data[ACRONYMS] = links
        return doc

    @staticmethod
    def _undefined(doc: Doc, found: dict[str, Span]) -> dict[str, Span]:
        """An acronym the document uses without defining it, when exactly one name in the
        document has those initials ("CPEC" and "China Pakistan Economic Corridor")."""
        by_initials: dict[str, set[str]] = {}
        first: dict[str, Span] = {}
        for ent in doc.ents:
            words = [
                w
                for w in re.split(r"[\s\-]+", ent.text)
                if w and w.lower() not in cues.FUNCTION_WORDS
            ]
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                key = "".join(w[0] for w in words).upper()
                by_initials.setdefault(key, set()).add(ent.text)
                first.setdefault(ent.text, ent)
        out = {}
        for ent in doc.ents:
            text = ent.text
            if (
                len(ent) != 1
                or ent.kb_id_
                or text in found
                or text in out
                or not _looks_like_acronym(text)
                or not text.isupper()
            ):
                continue
            names = by_initials.get(text.replace("-", ""), set())
            if len(names) == 1:
                out[text] = first[next(iter(names))]
        return out

    @staticmethod
    def _known_after(doc: Doc) -> None:
        """A body the pack does not know by this name, with an acronym the pack does know in
        brackets after it, is that body: "<body's name in English> (<its acronym in its own
        language>)" names the acronym's body even where the initials differ."""
        ents = list(doc.ents)
        starts = {e.start: e for e in ents}
        changed = False
        for k, e in enumerate(ents):
            acr = starts.get(e.end + 1)
            if (
                e.kb_id_
                or e.label_ not in _BODIES
                or len(e) < 2
                or acr is None
                or len(acr) != 1
                or not acr.kb_id_
                or acr.label_ not in _BODIES
                or doc[e.end].text != "("
                or acr.end >= len(doc)
                or doc[acr.end].text != ")"
                or not _looks_like_acronym(acr.text)
            ):
                continue
            ents[k] = Span(doc, e.start, e.end, label=acr.label_, kb_id=acr.kb_id_)
            changed = True
        if changed:
            doc.ents = ents

    @staticmethod
    def _aliases(doc: Doc) -> list[tuple[Span, Span]]:
        """(alias, name) pairs: 'X, also known as the "Y"' and 'X (Y)' for groups and bodies."""
        ents = list(doc.ents)
        starts = {e.start: e for e in ents}
        out = []
        for e in ents:
            if e.kb_id_ and e.label_ not in ("Organization", "ArmedGroup"):
                continue
            i = e.end
            words: list[str] = []
            while (
                i < len(doc)
                and len(words) < 6
                and (doc[i].is_punct or doc[i].lower_ in _ALIAS_CUES)
            ):
                words.append(doc[i].lower_)
                i += 1
            said = " ".join(w for w in words if w not in ("the", ",", "“", '"', "'", "‘"))
            alias = starts.get(i)
            if alias is None or alias.kb_id_ or alias.text == e.text or _looks_like_acronym(e.text):
                continue  # "NRB (National ...)" is read above, the long form after
            if said in ("also known as", "known as", "a.k.a.", "aka", "or") or (
                said == "("
                and e.label_ in ("Organization", "ArmedGroup")
                and alias.label_ in ("Organization", "ArmedGroup")
                and alias.end < len(doc)
                and doc[alias.end].text == ")"
            ):
                out.append((alias, e))
        return out

    @staticmethod
    def _label(span: Span) -> str:
        words = [t.lower_ for t in span]
        if any(w in cues.ARMED_GROUP_WORDS for w in words):
            return "ArmedGroup"
        last = words[-1]
        for heads, label in (
            (cues.AGREEMENT_HEADS, "Agreement"),
            (cues.INITIATIVE_HEADS, "Initiative"),
            (cues.FACILITY_HEADS, "Facility"),
            (cues.PLACE_HEADS, "Place"),
        ):
            if last in heads:
                return label
        return "Organization"


@Language.factory("crossroads_acronyms_v1")
def make_acronym_reader(nlp: Language, name: str) -> AcronymReader:
    return AcronymReader(nlp, name)
