"""Learned entity review: a second look at every entity the rules found that the pack does not
hold, which keeps it, gives it another of the eight types, or drops it.

The typer's rules type a span from its own words and spaCy's label; a name the pack does not
know is often typed by a weak cue (a company read as a person, a canal as a place, a page's
furniture as an organisation). The model weighs the name's words and endings, spaCy's label,
the rules' type and how the text uses each mention (the words around it, its role in the
parse), learned from annotated articles: an entity of ours is labelled with the type of the
gold entity it names, or "drop" when it names none. The pack's own names, with their types,
are rows of name features too, and rigour's name tagger says which organisation words a name
holds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from rigour.names import NameTypeTag, analyze_names
from spacy.tokens import Doc, Span, Token

from crossroads.extraction.components import cues
from crossroads.extraction.components.typer import NER_SPANS
from crossroads.extraction.proposals import PROPOSALS
from crossroads.extraction.titles import TITLES
from crossroads.learn.annotated import Annotated
from crossroads.learn.linear import LinearModel, Meta
from crossroads.model import Entity, entity_id
from crossroads.pack import gazetteer

if TYPE_CHECKING:
    from crossroads.pack import Pack

__all__ = [
    "DROP",
    "ENTITIES",
    "THRESHOLD",
    "C",
    "entity_rows",
    "fit_entities",
    "gold_types",
    "name_features",
    "pack_rows",
    "proposal_rows",
    "review",
]

ENTITIES = "entities.npz"
DROP = "drop"
"""The class of an entity that names nothing the gold lists."""
C = 3.0
"""Inverse L2 strength (cross-validated: 0.3 0.880, 1 0.886, 3 0.887)."""
MARGIN = 0.15
"""How much surer than of the rules' type the model must be to retype an entity (cross-validated:
0 0.8965, 0.1 0.8965, 0.15 0.8957, 0.2 0.8953, 0.3 0.8934): within noise of none, and where the
model is unsure the rules' reading of the words stands (a militia's "brigade" with fighters is
not retyped as a state's unit, which the made-up batch mw teaches too). Again on 4 December,
three fold draws: 0.05 gave entities 0.9186 against 0.9196 at 0.15."""
PACK_WEIGHT = 0.5
"""What a pack name's row counts for against an article's entity (cross-validated: none
0.8965, 0.2 0.8989, 0.3 0.9000, 0.5 0.9008, 1.0 0.8978)."""
THRESHOLD = 0.5
"""Probability "drop" needs before an entity is dropped (0.5 0.886, 0.6 0.884, 0.8 0.882).
Again with the candidate names and 363 made-up articles, three fold draws: 0.4 / 0.5 / 0.6 gave
entities 0.9201 / 0.9196 / 0.9183 and relations 0.7093 / 0.7136 / 0.7069."""
PROPOSED = 0.8
"""Probability a candidate name NER missed (extraction/proposals.py) needs of one type before
it is kept as an entity of that type (cross-validated entity F1: 0.5 0.9180, 0.65 0.9186, 0.8
0.9188, 0.9 0.9190; relations 0.7082, 0.7081, 0.7139, 0.7076)."""
PROPOSED_BY_TYPE = {"Person": 0.6}
"""``PROPOSED`` for a type that needs less: a run of proper nouns read as a person's name
(0.6 against 0.8 over four fold draws: entities 0.9316 / 0.9316, relations 0.7198 / 0.7175,
quotes 0.9302 / 0.9271; a speaker NER missed is a quote's speaker)."""


def _spans(doc: Doc) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = defaultdict(list)
    for s in doc.ents:
        if s.kb_id_:
            out[s.kb_id_].append(s)
    return out


def _ner_labels(doc: Doc) -> dict[int, str]:
    """Token index -> the label spaCy's NER gave the span holding it (before typing)."""
    if NER_SPANS not in doc.spans:
        return {}
    return {i: s.label_ for s in doc.spans[NER_SPANS] for i in range(s.start, s.end)}


@lru_cache(maxsize=8192)  # the same names recur in every article and in the pack's rows
def _name_parts(name: str) -> dict[str, float]:
    """The kinds of organisation symbol rigour's name tagger finds in the name (a ministry or
    a centre, an army, a country or city, an Islamic or a political word). Its person-name
    database is not asked: it takes seven seconds to load and measured nothing over the pack's
    names (entity F1 0.9001 with it, 0.8999 without)."""
    (org,) = analyze_names(NameTypeTag.ORG, [name])
    f: dict[str, float] = {}
    for sp in org.spans:
        f[f"rg_org={str(sp.symbol.category).rpartition('.')[2]}"] = f[f"rg_sym={sp.symbol}"] = 1.0
    return f


def name_features(entity: Entity) -> dict[str, float]:
    """Features of the entity's name and the rules' type of it."""
    words = [w.lower() for w in entity.name.split()]
    f: dict[str, float] = {f"type={entity.type}": 1.0, f"nwords={min(len(words), 6)}": 1.0}
    f.update(_name_parts(entity.name))
    if words:
        last = words[-1]
        f[f"last={last}"] = f[f"first={words[0]}"] = 1.0
        f[f"suf3={last[-3:]}"] = f[f"suf2={last[-2:]}"] = 1.0
    for w in set(words):
        f[f"w={w}"] = 1.0
        if len(w) > 4:  # a word's ends type names never seen: "-stan", "-ov", "jab-" (+0.002)
            f[f"wp3={w[:3]}"] = f[f"ws3={w[-3:]}"] = 1.0
    if entity.name.isupper():
        f["allcaps"] = 1.0
    if any(c.isdigit() for c in entity.name):
        f["digit"] = 1.0
    if "-" in entity.name:
        f["hyphen"] = 1.0
    return f


@lru_cache(maxsize=8192)
def _town(name: str) -> dict[str, float]:
    """Whether GeoNames knows a town of this name, and how big the biggest is: a village the
    pack lacks is often a town the gazetteer holds."""
    towns = gazetteer.towns(name)
    if not towns:
        return {}
    biggest = max(t.population for t in towns)
    return {"town": 1.0, f"town_pop={min(len(str(biggest)), 7)}": 1.0}


_HEADS = (
    ("Facility", cues.FACILITY_HEADS),
    ("Place", cues.PLACE_HEADS),
    ("Organization", cues.ORGANIZATION_WORDS),
    ("ArmedGroup", cues.ARMED_CONTEXT | {"armed"}),
    ("Initiative", cues.INITIATIVE_HEADS),
    ("Agreement", cues.AGREEMENT_HEADS),
    ("Person", cues.ROLE_NOUNS | cues.KIN_NOUNS),
)


def _heads_after(doc: Doc, end: int) -> list[str]:
    """The kinds of head noun among the lower-case words right after a name ("<name> border
    crossing", "<name> copper mine", "<name> militants"): what the name is part of, by the
    class of the word rather than the word, so that heads seen once still teach."""
    words = []
    for t in doc[end : min(end + 3, len(doc))]:
        if not (t.is_alpha and t.text.islower()):
            break
        words.append(t.lemma_.lower())
        words.append(t.lower_)
    return _classes(words)


def _heads_before(doc: Doc, start: int) -> list[str]:
    """The kinds of the lower-case words right before a name ("the telecoms firm <name>",
    "its subsidiary <name>", "the villages of <name>" stops at "of"): what the text calls it."""
    words = []
    for t in reversed(doc[max(start - 3, 0) : start]):
        if not (t.is_alpha and t.text.islower()) or t.pos_ not in ("NOUN", "ADJ"):
            break
        words.append(t.lemma_.lower())
        words.append(t.lower_)
    return _classes(words)


def _classes(words: Iterable[str]) -> list[str]:
    """The kinds of head noun (``_HEADS``) among ``words``."""
    words = set(words)
    return [kind for kind, heads in _HEADS if not words.isdisjoint(heads)]


_UP_DEPS = frozenset({"pobj", "prep", "conj", "appos", "compound", "cc", "nmod", "amod"})


def _heads_above(root: Token) -> list[str]:
    """The kinds of the common noun in apposition to a name ("<name>, a militant group"),
    else of the nearest one it hangs from ("groups such as <name>"), through prepositions,
    lists and appositions, with the preposition passed ("the mine near <name>" is not a
    mine): what the text calls the name, by the class of the word rather than the word."""
    for child in root.children:  # "50% in <name>, the largest bank": the bank, not the 50%
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return _kinds(child, "")
    t, seen, via = root, 0, ""
    while t.dep_ in _UP_DEPS and t.head.i != t.i and seen < 4:
        t, seen = t.head, seen + 1
        if t.dep_ == "prep" and not via:
            via = t.lower_
        if t.pos_ == "NOUN":
            return _kinds(t, via)
    return []


def _kinds(noun: Token, via: str) -> list[str]:
    """The classes of ``noun``; a modifier of a class narrows it ("a militant group" is an
    armed group, not any organisation)."""
    kinds = _classes(c.lower_ for c in noun.children if c.dep_ in ("amod", "compound"))
    kinds = kinds or _classes((noun.lemma_.lower(), noun.lower_)) or ["noun"]
    return [*kinds, *(f"{k}_{via or '-'}" for k in kinds)]


def _listed_with(root: Token) -> set[str]:
    """The types of the entities a name is listed with ("<A>, <B> and <C>"): a name in a
    list of people is most likely one more."""
    near = [root.head] if root.dep_ == "conj" else []
    near += [c for c in root.children if c.dep_ == "conj"]
    return {t.ent_type_ for t in near if t.ent_type_}


def _features(
    doc: Doc,
    entity: Entity,
    spans: list[Span],
    ner: dict[int, str],
    titles: set[tuple[int, int]],
    proposed: bool = False,
) -> dict[str, float]:
    f = name_features(entity)
    f.update(_town(entity.name))
    f[f"mentions={min(len(spans), 5)}"] = 1.0
    ctx: Counter[str] = Counter()
    for s in spans:
        if (s.start, s.end) in titles:
            ctx["title"] += 1  # read as a long agreement title (extraction/titles.py)
        before = doc[s.start - 1].lower_ if s.start > 0 else "<s>"
        ctx[f"prev={before}"] += 1
        if s.start > 1:
            ctx[f"prev2={doc[s.start - 2].lower_}_{before}"] += 1
        ctx[f"next={doc[s.end].lower_ if s.end < len(doc) else '</s>'}"] += 1
        root = s.root
        head = root.head.lemma_.lower()
        ctx[f"dep={root.dep_}"] += 1
        ctx[f"head={head}"] += 1
        ctx[f"dep_head={root.dep_}_{head}"] += 1
        if root.dep_ == "pobj":
            ctx[f"prep={root.head.lower_}"] += 1
        if s.start == s.sent.start:
            ctx["sent_start"] += 1
        for kind in _heads_after(doc, s.end):
            ctx[f"head_after={kind}"] += 1
        for kind in _heads_before(doc, s.start):
            ctx[f"head_before={kind}"] += 1
        for kind in _heads_above(root):
            ctx[f"head_above={kind}"] += 1
        ctx[f"ner={ner.get(s.start, '-')}"] += 1
        for kind in _listed_with(root):
            ctx[f"listed_with={kind}"] += 1
    for k, v in ctx.items():
        f[k] = v / len(spans)
    if proposed:
        f["proposed"] = 1.0
        for s in spans:  # another reading of a longer run (extraction/proposals.py)
            if s.kb_id_:
                f[f"alt={s.kb_id_}"] = 1.0
    return f


def pack_rows(pack: Pack) -> list[tuple[dict[str, float], str, float]]:
    """A row of name features for each name and alias of the pack's entities (countries
    aside, which the review never sees), labelled with its type: the pack's thousand names
    teach what a name of each type looks like ("... Army", "... Declaration", a given name)
    beyond the few hundred entities of the annotated articles."""
    rows = []
    for e in pack.entities.values():
        if e.type == "Country":
            continue
        for name in dict.fromkeys((e.name, *e.aliases)):
            f = name_features(Entity(e.id, e.type, name))
            del f[f"type={e.type}"]
            rows.append((f, e.type, PACK_WEIGHT))
    return rows


def entity_rows(doc: Doc, known: Iterable[str] = ()) -> dict[str, dict[str, float]]:
    """Features of each entity the doc names that the pack (ids in ``known``) does not hold."""
    pack = set(known)
    spans, ner = _spans(doc), _ner_labels(doc)
    titles = {(t.start, t.end) for t in doc.spans.get(TITLES, [])}
    return {
        eid: _features(doc, e, spans[eid], ner, titles)
        for eid, e in (doc._.entities or {}).items()
        if eid not in pack and spans.get(eid)
    }


def _name(span: Span) -> str:
    """A span's words as an entity's name (a line break inside it is one space)."""
    return " ".join(span.text.split())


def _proposed(doc: Doc) -> tuple[dict[str, tuple[Entity, list[Span]]], list[Span]]:
    """The doc's candidate names by the id each would have, with their spans; and apart, as
    mentions of it, the spans of candidates named like an entity the doc already has."""
    have = doc._.entities or {}
    surnames = _surnames(have)
    new: dict[str, tuple[Entity, list[Span]]] = {}
    more: list[Span] = []
    for s in doc.spans.get(PROPOSALS, []):
        name = _name(s)
        eid = entity_id(s.label_, name)
        if eid not in have and len(s) == 1 and not name.isupper():
            eid = surnames.get(name, eid)  # "said <Surname>" after "<Name Surname>"
        if eid in have:
            more.append(Span(doc, s.start, s.end, label=have[eid].type, kb_id=eid))
        else:
            new.setdefault(eid, (Entity(eid, s.label_, name), []))[1].append(s)
    return new, more


def _surnames(have: dict[str, Entity]) -> dict[str, str]:
    """The last word of each person's full name the doc gives, by the id of the one person it
    names (a surname two people share names neither)."""
    out: dict[str, str] = {}
    for eid, e in have.items():
        if e.type != "Person":
            continue
        for last in {n.split()[-1] for n in (e.name, *e.aliases) if len(n.split()) >= 2}:
            out[last] = eid if out.get(last, eid) == eid else ""
    return {k: v for k, v in out.items() if v}


def _proposal_features(
    doc: Doc, proposed: dict[str, tuple[Entity, list[Span]]]
) -> dict[str, dict[str, float]]:
    ner = _ner_labels(doc)
    titles = {(t.start, t.end) for t in doc.spans.get(TITLES, [])}
    return {
        eid: _features(doc, e, spans, ner, titles, proposed=True)
        for eid, (e, spans) in proposed.items()
    }


def proposal_rows(doc: Doc) -> dict[str, dict[str, float]]:
    """Features of each candidate name NER missed, by the id it would have."""
    return _proposal_features(doc, _proposed(doc)[0])


def proposal_types(doc: Doc, ann: Annotated, eids: Iterable[str]) -> dict[str, str]:
    """The training label of each candidate name: the type of the gold entity it names when
    no entity of the doc names that one already (a second entity for it counts as wrong),
    else DROP."""
    proposed, ents = _proposed(doc)[0], doc._.entities or {}
    claimed = ann.ids([n for e in ents.values() for n in (e.name, *e.aliases)])
    out = {}
    for eid in eids:
        e, spans = proposed[eid]
        ids = ann.ids([e.name, *(s.text for s in spans)]) - claimed
        types = {str(ann.gold["entity"][i]["type"]) for i in ids}
        out[eid] = e.type if e.type in types else (min(types) if types else DROP)
    return out


def gold_types(doc: Doc, ann: Annotated, eids: Iterable[str]) -> dict[str, str]:
    """The training label of each entity: the type of the gold entity it names (its own type
    when the gold entity it names has it), else DROP."""
    spans, ents = _spans(doc), doc._.entities or {}
    out = {}
    for eid in eids:
        e = ents[eid]
        types = {
            str(ann.gold["entity"][i]["type"])
            for i in ann.ids([e.name, *e.aliases, *(s.text for s in spans.get(eid, []))])
        }
        out[eid] = e.type if e.type in types else (min(types) if types else DROP)
    return out


def decide(
    rows: dict[str, dict[str, float]],
    types: dict[str, str],
    model: LinearModel,
    threshold: float = THRESHOLD,
) -> dict[str, str]:
    """The new type (or DROP) of each entity the model changes; ``types`` are the rules'. A new
    type must be likelier than the rules' by MARGIN.
    A change the model's meta blocks (``blocked:FROM>TO``: out of fold, such changes were
    wrong more often than right) is not made."""
    if not rows:
        return {}
    blocked = {k.removeprefix("blocked:") for k in model.meta if k.startswith("blocked:")}
    out = {}
    for eid, probs in zip(rows, model.predict_proba(list(rows.values())), strict=True):
        label, p = model.best(probs)
        have = types[eid]
        if label == have or (label == DROP and p < threshold):
            continue
        if have in model.classes and p - probs[model.classes.index(have)] < MARGIN:
            continue
        if f"{have}>{label}" not in blocked:
            out[eid] = label
    return out


def blocked(outcomes: Iterable[tuple[str, str, bool]]) -> Meta:
    """Meta entries blocking each change (rules' type -> model's label) that was wrong more
    often than right in ``outcomes`` (out-of-fold: from, to, right)."""
    tally: Counter[tuple[str, str]] = Counter()
    for a, b, right in outcomes:
        tally[(a, b)] += 1 if right else -1
    return {f"blocked:{a}>{b}": 1.0 for (a, b), n in sorted(tally.items()) if n < 0}


def review(
    doc: Doc, model: LinearModel, known: Iterable[str] = (), threshold: float = THRESHOLD
) -> bool:
    """Retype or drop the doc's entities the pack does not hold, as the model decides, and
    keep the candidate names NER missed that it finds to be entities (in place: ``doc.ents``
    and ``doc._.entities``); an entity retyped onto one the doc already has (same name, that
    type) joins it. True when an entity was retyped or a candidate kept."""
    ents: dict[str, Entity] = doc._.entities or {}
    rows = entity_rows(doc, known)
    decided = decide(rows, {eid: ents[eid].type for eid in rows}, model, threshold)
    kept = _kept(doc, model)
    doc.spans.pop(PROPOSALS, None)
    if not decided and not kept:
        return False
    moved: dict[str, str] = {}
    out: dict[str, Entity] = {}
    for eid, e in ents.items():
        label = decided.get(eid, e.type)
        if label == DROP:
            continue
        new = eid if label == e.type else entity_id(label, e.name)
        moved[eid] = new
        if (have := out.get(new)) is not None:
            aliases = dict.fromkeys(
                (*have.aliases, *(n for n in (e.name, *e.aliases) if n != have.name))
            )
            out[new] = Entity(new, have.type, have.name, tuple(aliases), have.data)
        else:
            out[new] = Entity(new, label, e.name, e.aliases, e.data)
    spans = []
    for s in doc.ents:
        to = moved.get(s.kb_id_, s.kb_id_ if s.kb_id_ not in ents else None)
        if to == s.kb_id_:
            spans.append(s)
        elif to is not None:  # retyped: its new id and type
            spans.append(Span(doc, s.start, s.end, label=out[to].type, kb_id=to))
    covered = {i for s in spans for i in range(s.start, s.end)}
    full = _full_names(out, kept)
    for s in kept:
        # one more mention of an entity the doc has goes where the review left that entity
        to = moved.get(s.kb_id_) if s.kb_id_ in ents else s.kb_id_
        if to is None or any(i in covered for i in range(s.start, s.end)):
            continue
        said = _name(s)
        to, name = _in_full(s, to, full)
        e = out.setdefault(to, Entity(to, s.label_, name))
        if said != e.name and said not in e.aliases:
            out[to] = Entity(to, e.type, e.name, (*e.aliases, said), e.data)
        spans.append(Span(doc, s.start, s.end, label=e.type, kb_id=to))
        covered.update(range(s.start, s.end))
    doc.ents = sorted(spans, key=lambda s: s.start)
    doc._.entities = out
    return any(label not in (DROP, ents[eid].type) for eid, label in decided.items()) or bool(kept)


def _full_names(out: dict[str, Entity], kept: list[Span]) -> dict[str, dict[str, str]]:
    """The first and the last word of each person's full name the doc has, kept candidates
    included, with the ids and names that bear them."""
    names = [(e.name, eid) for eid, e in out.items() if e.type == "Person"]
    names += [(_name(s), s.kb_id_) for s in kept if s.label_ == "Person"]
    by_word: dict[str, dict[str, str]] = {}
    for name, eid in names:
        words = name.split()
        if len(words) >= 2:
            for w in {words[0], words[-1]}:
                by_word.setdefault(w, {})[eid] = name
    return by_word


def _in_full(s: Span, to: str, full: dict[str, dict[str, str]]) -> tuple[str, str]:
    """A kept candidate's id and name, or those of the one person whose full name it starts
    or ends ("<Surname>" after "<Name Surname>", both found by the review): the linker never
    saw either (extraction/linking.py)."""
    words = _name(s).split()
    if len(words) == 1 and s.label_ == "Person":
        ids = {eid: name for eid, name in full.get(words[0], {}).items() if eid != to}
        if len(ids) == 1:
            return next(iter(ids.items()))
    return to, _name(s)


def _kept(doc: Doc, model: LinearModel) -> list[Span]:
    """The spans of the candidate names the model finds to be entities, labelled with their
    type and id; a candidate named like an entity the doc has is one more mention of it."""
    proposed, out = _proposed(doc)
    rows = _proposal_features(doc, proposed)
    if not rows:
        return out
    found = []
    for eid, probs in zip(rows, model.predict_proba(list(rows.values())), strict=True):
        label, p = model.best(probs)
        if label == DROP or p < PROPOSED_BY_TYPE.get(label, PROPOSED):
            continue
        e, spans = proposed[eid]
        to = entity_id(label, e.name)
        found += [(p, Span(doc, s.start, s.end, label=label, kb_id=to)) for s in spans]
    # of overlapping readings of one run the likeliest goes first, and the review keeps it
    return out + [s for _, s in sorted(found, key=lambda x: -x[0])]


def fit_entities(
    rows: list[tuple[dict[str, float], str, float]], meta: Meta | None = None
) -> LinearModel | None:
    """The review model from (features, label, weight) rows; None without two classes."""
    from crossroads.learn.fit import fit

    if len({y for _, y, _ in rows}) < 2:
        return None
    return fit(
        [f for f, _, _ in rows],
        [y for _, y, _ in rows],
        c=C,
        meta={"c": C, "threshold": THRESHOLD, **(meta or {})},
        weights=[w for _, _, w in rows],
    )
