"""Read the thirteen relation predicates out of a processed Doc, sentence by sentence.

Each predicate is a small rule: a trigger word from ``patterns/relations.toml`` plus the
nearest coordinated group of mentions of the allowed types on each side. Groups make
"Tajikistan and Uzbekistan are members of the CSTO" two readings. Every reading carries
its sentence as evidence, dates ("since 2002"), negation and who asserts it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from crossroads.extraction.links import LINKS, PARTS
from crossroads.extraction.patterns.armed_groups import (
    affiliated_with,
    designated,
    operates_in,
    pledged,
)
from crossroads.extraction.patterns.geography import (
    borders,
    connects,
    has_resource,
    hosts,
    located_in,
)
from crossroads.extraction.patterns.membership import (
    listed_members,
    member_of,
    part_of,
    party_to,
)
from crossroads.extraction.patterns.positions import read_positions
from crossroads.extraction.patterns.reading import HYPOTHETICAL, Reading
from crossroads.extraction.patterns.sentence import (
    Ment,
    Sentence,
    attribution,
    clause_span,
    last_two_states,
    named_ids,
    negated,
    remember,
    sentences,
    start_end,
)
from crossroads.extraction.quotes import read_quotes
from crossroads.model import Evidence, Relation

__all__ = ["Reading", "read_relations"]

STATIC = {"holds_position", "borders", "located_in", "part_of", "connects"}
"""Predicates stated in passing even in a supposition ("could move troops to A's border with B";
a planned line "would link A with B" still says what the project connects)."""


RULES = (
    member_of,
    listed_members,
    borders,
    located_in,
    operates_in,
    affiliated_with,
    pledged,
    designated,
    hosts,
    party_to,
    part_of,
    connects,
    has_resource,
    read_positions,
)


def _hypothetical(s: Sentence, at: int) -> bool:
    """A relation under "would", "could", "if" is a supposition, not a statement."""
    tok = s.doc[at]
    return any(t.lower_ in HYPOTHETICAL for t in s.doc[max(s.span.start, at - 12) : at]) or any(
        c.lower_ in HYPOTHETICAL and c.dep_ in ("aux", "mark")
        for t in (tok, tok.head, tok.head.head)
        for c in t.children
    )


def read_relations(doc: Doc) -> list[Relation]:
    """Every relation reading of the doc, one per (subject, predicate, object) and sentence."""
    out: list[Relation] = []
    named = named_ids(doc)
    # a statement inside a quotation is the speaker's
    quoted = [(q.evidence.start, q.evidence.end, q.speaker, q.text) for q in read_quotes(doc)]
    pair: list[Ment] = []
    pair_at = 0
    last: dict[str, Ment] = {}
    states: list[Ment] = []
    for s in sentences(doc):
        s.pair = pair or last_two_states(states)
        states = (states + [m for m in s.ments if m.type == "Country"])[-12:]
        s.last = last
        last = remember(last, s)
        since = pair_at
        groups = [g for g in s.groups if len({m.id for m in g if m.type == "Country"}) >= 2]
        if groups:
            pair = [m for m in groups[-1] if m.type == "Country" and not m.demonym]
            pair_at = s.span.start_char
        if not s.ments and not s.pair:
            continue
        seen: set[tuple[str, str, object]] = set()
        said_by = attribution(s, named) or next(
            (
                who
                for a, b, who, text in quoted
                if a <= s.span.start_char < b and s.span.text[:40].strip('“”" ') in text
            ),
            None,
        )
        for rule in RULES:
            for r in rule(s):
                obj = r.object.id if r.object else None
                # both ends named in the doc, and not one and the same
                if obj == r.subject.id or not {r.subject.id, obj or r.subject.id} <= named:
                    continue
                if r.predicate not in STATIC and _hypothetical(s, r.at):
                    continue
                key = (r.subject.id, r.predicate, obj or r.qualifiers.get("resource"))
                if key in seen:
                    continue
                seen.add(key)
                # the dates of the trigger's own clause ("..., while B joined in 2019")
                start, end = start_end(
                    clause_span(s, r.at), r.at, since_only=r.predicate == "holds_position"
                )
                neg = r.negated if r.negated is not None else negated(doc[r.at])
                who = said_by if said_by not in (r.subject.id, obj) else None
                if r.end:
                    start, end = None, r.end
                evidence = s.evidence()
                here = {m.id for m in s.ments if not m.demonym}
                if r.subject.id not in here and obj not in here:
                    # read through "they"/"their": the evidence starts where the pair is named
                    evidence = Evidence(evidence.doc, min(since, evidence.start), evidence.end)
                out.append(
                    Relation(
                        subject=r.subject.id,
                        predicate=r.predicate,
                        object=obj,
                        evidence=evidence,
                        start=r.start or start,
                        end=end,
                        negated=bool(neg),
                        attributed_to=who,
                        qualifiers=r.qualifiers,
                    )
                )
    return out + _link_ends(doc)


def _link_ends(doc: Doc) -> list[Relation]:
    """A link named by the places it joins connects each of them ("the Termez-Kunduz railway")."""
    out, seen = [], set()
    for link in doc.spans.get(LINKS, []):
        if link.label_ == "Agreement":
            continue  # a title beside the names it holds joins nothing
        sent = link.sent
        ev = Evidence(doc._.doc_id or "", sent.start_char, sent.end_char)
        for e in link.ents:
            key = (link.kb_id_, e.kb_id_)
            if e.kb_id_ and e.kb_id_ != link.kb_id_ and key not in seen:
                seen.add(key)
                out.append(Relation(link.kb_id_, "connects", e.kb_id_, ev))
    for part in doc.spans.get(PARTS, []):  # "the China-Kyrgyzstan-Uzbekistan railway"
        whole = next((e for e in doc.ents if e.start <= part.start and part.end <= e.end), None)
        if whole is None or not whole.kb_id_ or whole.kb_id_ == part.kb_id_:
            continue
        key = (whole.kb_id_, part.kb_id_)
        if key in seen:
            continue
        seen.add(key)
        sent = whole.sent
        ev = Evidence(doc._.doc_id or "", sent.start_char, sent.end_char)
        out.append(Relation(whole.kb_id_, "connects", part.kb_id_, ev))
    return out
