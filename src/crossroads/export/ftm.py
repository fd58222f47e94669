"""FollowTheMoney export: entities, relations, events and quotes as FtM entities (JSON lines),
so Aleph/OpenAleph and the OpenSanctions tools (nomenklatura, yente, ftm) can read them.

Schemata (the ``ftm`` field of each type in schema.toml): a Country is a PublicBody (the
state as an actor, with its ISO code), an Organization or ArmedGroup an Organization
(groups designated as terrorist carry the topic 'crime.terror'), a Person a Person, a Place
an Address, a Facility a RealEstate, an Initiative a Project, an Agreement a Contract; each
document an Article. Relations become
Membership (member_of), Occupancy + Position (holds_position), Sanction
(designated_terrorist_by) or UnknownLink (the rest, the predicate as 'role'); events become
Event and quotes Note. Every link carries 'proof' (the Articles it was read from) and the
evidence sentence as 'description'. Negated facts and events not reported as having
happened are left out: FtM has no way to say "not".
"""

from __future__ import annotations

import json
import re
from typing import IO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from crossroads import schema
from crossroads.analysis.context import Context
from crossroads.analysis.facts import Fact, facts
from crossroads.model import Document, Entity, stable_id
from crossroads.pack import Pack
from crossroads.store.base import Store

__all__ = ["SCHEMA_OF", "ftm_id", "write"]

_FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")

SCHEMA_OF = {t.name: t.ftm for t in schema.load().entities.values()}
"""FtM schema of each of our entity types (the ``ftm`` field of schema.toml)."""


def ftm_id(our_id: str) -> str:
    """A readable FtM id from ours ('e:country/tj' -> 'crossroads-e-country-tj'); ids FtM
    would not accept as they are (other characters, too long) are hashed."""
    readable = "crossroads-" + our_id.replace(":", "-").replace("/", "-")
    if _FTM_ID.match(readable) and len(readable) <= 120:
        return readable
    return "crossroads-" + stable_id("x", our_id).split(":", 1)[1]


def _is_a(name: str, parent: str) -> bool:
    """Whether the FtM schema ``name`` is ``parent`` or extends it."""
    schema_, base = model.get(name), model.get(parent)
    return schema_ is not None and base is not None and schema_.is_a(base)


class _Writer:
    def __init__(self, store: Store, fh: IO[str], pack: Pack | None):
        self.store, self.fh, self.pack = store, fh, pack
        self.ctx = Context(store, pack)
        self.written: set[str] = set()
        self.schemata: dict[str, str] = {}
        self.count = 0

    def emit(self, proxy: EntityProxy) -> None:
        if proxy.id is None or proxy.id in self.written:
            return
        self.written.add(proxy.id)
        self.fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False) + "\n")
        self.count += 1

    def make(self, schema: str, our_id: str) -> EntityProxy:
        proxy = model.make_entity(schema)
        proxy.id = ftm_id(our_id)
        return proxy

    # -- things ------------------------------------------------------------------------
    def article(self, doc: Document) -> None:
        a = self.make("Article", doc.id)
        a.add("title", doc.title or doc.source)
        a.add("fileName", doc.source)
        a.add("author", doc.author)
        a.add("publishedAt", doc.published)
        a.add("bodyText", doc.text)
        a.add("contentHash", doc.content_hash or None)
        if (doc.meta or {}).get("url"):
            a.add("sourceUrl", doc.meta["url"])
        self.emit(a)

    def entity(self, eid: str, terror: bool = False) -> str | None:
        """Write the entity once; return its FtM schema name."""
        if eid in self.schemata:
            return self.schemata[eid]
        ent: Entity | None = self.ctx.entity(eid)
        if ent is None:
            return None
        schema = SCHEMA_OF.get(ent.type, "Organization")
        p = self.make(schema, eid)
        name_prop = "full" if schema == "Address" else "title" if schema == "Contract" else "name"
        p.add(name_prop, ent.name)
        if schema == "Contract":
            p.add("name", ent.name)
        for alias in ent.aliases:
            p.add("alias" if schema != "Address" else "remarks", alias)
        pe = self.pack.get(eid) if self.pack is not None else None
        if pe is not None:
            if pe.iso and ent.type == "Country":
                p.add("country", pe.iso)
            elif (
                pe.country
                and self.pack is not None
                and (c := self.pack.get(pe.country)) is not None
                and c.iso
            ):
                p.add("country", c.iso)
            p.add("wikidataId", pe.wikidata)
            if schema in ("Address", "RealEstate") and pe.lat is not None:
                p.add("latitude", pe.lat)
                p.add("longitude", pe.lon)
            p.add("sourceUrl", pe.source if pe.source.startswith("http") else None)
        if ent.type == "ArmedGroup" and terror:
            p.add("topics", "crime.terror")
        self.schemata[eid] = schema
        self.emit(p)
        return schema

    # -- links -------------------------------------------------------------------------
    def proven(self, p: EntityProxy, f: Fact, docs: set[str]) -> None:
        texts = [c for c in f.evidence if c.kind == "text" and c.doc and c.doc in docs]
        for c in texts:
            p.add("proof", ftm_id(c.doc or ""))
        if texts:
            p.add("description", texts[0].text)
        voices = ", ".join(self.ctx.name(a) or a for a in f.attributed_to)
        p.add("summary", f.label + (f" (according to {voices})" if voices else ""))
        p.add("startDate", f.start)
        p.add("endDate", f.end)

    def fact(self, f: Fact, docs: set[str], terror: set[str]) -> None:
        if f.negated or f.object is None:
            return
        s_schema = self.entity(f.subject, f.subject in terror)
        o_schema = self.entity(f.object, f.object in terror)
        if s_schema is None or o_schema is None:
            return
        if (
            f.predicate == "member_of"
            and _is_a(s_schema, "LegalEntity")
            and _is_a(o_schema, "Organization")
        ):
            link = self.make("Membership", f.id)
            link.add("member", ftm_id(f.subject))
            link.add("organization", ftm_id(f.object))
        elif (
            f.predicate == "holds_position"
            and s_schema == "Person"
            and _is_a(o_schema, "Organization")
        ):
            role = str(f.qualifiers.get("role") or "position")
            post = self.make("Position", f"{f.object}/{role}")
            post.add("name", f"{role}, {f.object_name}")
            post.add("organization", ftm_id(f.object))
            self.emit(post)
            link = self.make("Occupancy", f.id)
            link.add("holder", ftm_id(f.subject))
            link.add("post", post.id)
        elif f.predicate == "designated_terrorist_by":
            link = self.make("Sanction", f.id)
            link.add("entity", ftm_id(f.subject))
            link.add("authority", f.object_name)
            link.add("program", "terrorist designation")
        else:
            link = self.make("UnknownLink", f.id)
            link.add("subject", ftm_id(f.subject))
            link.add("object", ftm_id(f.object))
            link.add("role", f.predicate)
        self.proven(link, f, docs)
        self.emit(link)


def write(store: Store, fh: IO[str], source: str | None = None, pack: Pack | None = None) -> int:
    """Write FtM entities for the store (or one input file's documents); returns how many."""
    w = _Writer(store, fh, pack)
    docs = [d for d in store.documents(source=source) if d.kind == "article" or d.text]
    ids = {d.id for d in docs}
    for d in docs:
        w.article(d)
    found = [f for f in facts(store, ctx=w.ctx) if ids & set(f.documents)]
    terror = {
        f.subject for f in found if f.predicate == "designated_terrorist_by" and not f.negated
    }
    for f in found:
        w.fact(f, ids, terror)
    for d in docs:
        for ev in store.events(doc=d.id):
            if ev.negated or ev.mode != "asserted":
                continue
            parties = [e for e in dict.fromkeys(ev.actors + ev.targets) if w.entity(e, e in terror)]
            e = w.make("Event", f"{d.id}/{ev.evidence.start}/{ev.type}/{'|'.join(parties)}")
            e.add("name", f"{ev.type}: " + ", ".join(w.ctx.name(x) or x for x in parties))
            e.add("date", ev.date)
            e.add("summary", ev.type)
            e.add("description", w.ctx.cite(ev.evidence).text)
            for x in parties:
                if _is_a(w.schemata[x], "LegalEntity"):
                    e.add("involved", ftm_id(x))
                    if x in ev.actors:
                        e.add("organizer", ftm_id(x))
            if ev.place:
                e.add("location", w.ctx.name(ev.place))
            e.add("proof", ftm_id(d.id))
            w.emit(e)
        for q in store.quotes(doc=d.id):
            if not q.speaker or w.entity(q.speaker, q.speaker in terror) is None:
                continue
            n = w.make("Note", f"{d.id}/{q.evidence.start}/quote")
            n.add("entity", ftm_id(q.speaker))
            n.add("description", q.text)
            n.add("summary", f"{w.ctx.name(q.speaker)} {q.cue or 'said'}")
            n.add("proof", ftm_id(d.id))
            w.emit(n)
    return w.count
