"""Finds the pack's names, aliases and adjectives in a Doc (case- and accent-folded).

Adds two span groups that the typer merges with NER: ``doc.spans["pack"]`` (names and
aliases, ``label_`` the pack type, ``kb_id_`` the pack id) and ``doc.spans["demonyms"]``
(adjectives such as "Russian", ``kb_id_`` the country). Short all-capital aliases ("US",
"IS") match only as written; other names match folded but need a capital in the text, so
"turkey" the bird or "china" the plates are not countries.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from crossroads.model import fold

if TYPE_CHECKING:
    from crossroads.pack import Pack

# which entity a surface shared by several pack entities means, by type
TYPE_PRIORITY = {
    t: i
    for i, t in enumerate(
        (
            "Country",
            "ArmedGroup",
            "Organization",
            "Initiative",
            "Agreement",
            "Facility",
            "Place",
            "Person",
        )
    )
}


def _exact_only(surface: str) -> bool:
    """Acronyms and codes match only as written: "US" is not "us", "IS" is not "is"."""
    letters = [c for c in surface if c.isalpha()]
    return len(surface) <= 6 and (
        any(c.isdigit() for c in surface) or (bool(letters) and all(c.isupper() for c in letters))
    )


def glued_to_name(doc: Doc, i: int) -> bool:
    """Token i is the tail of a CamelCase word ("PetroChina", "HomeEuropeRussia")."""
    prev = doc[i - 1] if i > 0 else None
    return prev is not None and not prev.whitespace_ and prev.is_alpha and prev.text[:1].isupper()


def fold_norms(doc: Doc) -> Doc:
    """Give non-ASCII tokens their folded form as NORM ("Fāryāb" -> "faryab")."""
    for token in doc:
        if not token.text.isascii():
            token.norm_ = fold(token.text)
    return doc


class PackMatcher:
    """spaCy component: pack names -> ``doc.spans["pack"]``, adjectives -> ``["demonyms"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="NORM")
        self.types: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def set_pack(self, pack: Pack) -> None:
        """Build the matchers from the pack (called once by build_nlp)."""
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.types = {eid: e.type for eid, e in pack.entities.items()}
        self.names = {eid: fold(e.name) for eid, e in pack.entities.items()}
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        seen: set[tuple[str, str]] = set()
        forms = []
        for surface, eid, kind in pack.names():
            # "X (ISKP)" in a pack: the name is X; the bracket is read by the acronym reader
            surface = re.sub(r"\s*\([^()]*\)", "", surface).strip() or surface
            forms.append((surface, eid, kind))
            if "-" in surface and kind != "adjective":  # "al-Qaeda" also as "al Qaeda"
                forms.append((surface.replace("-", " "), eid, kind))
        for surface, eid, kind in forms:
            if not surface.strip():
                continue
            key = ("adj:" if kind == "adjective" else "") + eid
            if _exact_only(surface):
                if (key, surface) not in seen:
                    seen.add((key, surface))
                    exact.setdefault(key, []).append(self.nlp.make_doc(surface))
            elif (key, fold(surface)) not in seen:
                seen.add((key, fold(surface)))
                folded.setdefault(key, []).append(fold_norms(self.nlp.make_doc(surface)))
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in folded.items():
            self.folded.add(key, docs)

    def _rank(self, eid: str, text: str) -> tuple[int, int]:
        """Which of several entities a shared surface means: the one it names ("Tashkent" the
        city, not "Tashkent Region" whose alias it is), then by type."""
        return (
            0 if self.names.get(eid) == fold(text) else 1,
            TYPE_PRIORITY.get(self.types.get(eid, ""), 9),
        )

    def __call__(self, doc: Doc) -> Doc:
        fold_norms(doc)
        found: dict[tuple[int, int, bool], str] = {}
        for matcher, need_capital in ((self.exact, False), (self.folded, True)):
            for match_id, start, end in matcher(doc):
                if doc[start].lower_ == "the" and end - start > 1:
                    start += 1  # "the US": the name is "US"
                span = doc[start:end]
                if glued_to_name(doc, start):
                    continue
                if need_capital and not any(c.isupper() for c in span.text):
                    continue
                key = self.nlp.vocab.strings[match_id]
                adj = key.startswith("adj:")
                eid = key[4:] if adj else key
                slot = (start, end, adj)
                old = found.get(slot)
                if old is None or self._rank(eid, span.text) < self._rank(old, span.text):
                    found[slot] = eid
        names = [
            Span(doc, s, e, label=self.types.get(eid, ""), kb_id=eid)
            for (s, e, adj), eid in found.items()
            if not adj
        ]
        names = filter_spans(names)
        taken = {i for span in names for i in range(span.start, span.end)}
        adjectives = [
            Span(doc, s, e, label=self.types.get(eid, ""), kb_id=eid)
            for (s, e, adj), eid in found.items()
            if adj and not any(i in taken for i in range(s, e))
        ]
        doc.spans["pack"] = sorted(names)
        doc.spans["demonyms"] = sorted(filter_spans(adjectives))
        return doc


@Language.factory("crossroads_pack_matcher_v1")
def make_pack_matcher(nlp: Language, name: str) -> PackMatcher:
    return PackMatcher(nlp, name)
