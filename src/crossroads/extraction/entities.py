"""Turns a processed Doc into the entity records and mentions of an Extraction.

A demonym ("Russian envoy") is a mention of its country only in a document that also
names the country: an adjective alone does not make an article mention a state (GOLD.md),
though relations may still use it through ``doc.spans["demonyms"]``.

``model.Entity`` values in ``doc._.entities`` survive ``Doc.to_bytes`` (and so
multi-process ``nlp.pipe``) through the msgpack codec in components/codec.py.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from crossroads.extraction import extensions  # noqa: F401
from crossroads.extraction.components import codec  # noqa: F401  (Entity through to_bytes)
from crossroads.extraction.components.acronyms import ACRONYMS
from crossroads.model import Entity, Mention, fold

__all__ = ["entities_of", "mention_kind", "mentions_of"]

def mention_kind(span: Span, entity: Entity, acronyms: dict) -> str:
    """'name', 'acronym', 'short' (a person's surname or first names) or 'alias'."""
    text = span.text
    if text in acronyms or (text.isupper() and len(text) <= 8 and fold(text) != fold(entity.name)):
        return "acronym"
    if fold(text) == fold(entity.name):
        return "name"
    words, full = fold(text).split(), fold(entity.name).split()
    if entity.type == "Person" and len(words) < len(full) and (
            full[-len(words):] == words or full[:len(words)] == words):
        return "short"
    return "alias"


def entities_of(doc: Doc) -> list[Entity]:
    """Every entity the doc mentions (by name or only by adjective), in first-mention order."""
    return list((doc._.entities or {}).values())


def mentions_of(doc: Doc, doc_id: str) -> list[Mention]:
    """Name, alias, acronym, short and demonym mentions, in text order."""
    entities = doc._.entities or {}
    acronyms = doc.user_data.get(ACRONYMS) or {}
    out = []
    named = set()
    for ent in doc.ents:
        entity = entities.get(ent.kb_id_)
        if entity is None:
            continue
        named.add(entity.id)
        out.append(Mention(entity.id, doc_id, ent.start_char, ent.end_char, ent.text,
                           mention_kind(ent, entity, acronyms)))
    for span in doc.spans.get("demonyms", []):
        if span.kb_id_ in named:
            out.append(Mention(span.kb_id_, doc_id, span.start_char, span.end_char, span.text,
                               "demonym"))
    out.sort(key=lambda m: (m.start, m.end))
    return out
