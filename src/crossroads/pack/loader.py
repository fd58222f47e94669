"""Load, validate and index knowledge pack folders (the bundled one, plus --pack folders).

A pack folder holds TOML files (hand-written) and JSON files (generated), each with the
tables ``entity``, ``relation`` and ``rule`` (see docs/pack.md). Files are read in name
order; folders in the order given. Within one folder an id may appear once; an entity or
rule in a later folder replaces the one with the same id from an earlier folder.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from crossroads import schema, settings
from crossroads.dates import holds_on, is_partial_date
from crossroads.exc import PackError
from crossroads.model import ENTITY_TYPES, PREDICATES, check_relation, fold
from crossroads.pack.model import PackEntity, PackRelation, PackRule

__all__ = ["DEFAULT_PACK", "Pack", "holds_on", "load_pack"]

DEFAULT_PACK = Path(__file__).parent / "data"
"""The bundled region pack."""

_ENTITY_KEYS = {f.name for f in fields(PackEntity)}
_RELATION_KEYS = {f.name for f in fields(PackRelation)}
_RULE_KEYS = {f.name for f in fields(PackRule)}
_GEO_PRECISIONS = {"country", "province", "city", "point"}


def _fold(text: str) -> str:
    """crossroads.model.fold with a fast path for ASCII (most of the pack's names)."""
    if text.isascii():
        return " ".join(text.casefold().replace("`", "'").split())
    return fold(text)


class Pack:
    """The region's reference knowledge: entities, dated relations and rules, indexed by name."""

    def __init__(
        self,
        entities: dict[str, PackEntity],
        relations: list[PackRelation],
        rules: list[PackRule],
        folders: tuple[Path, ...] = (),
    ) -> None:
        self.entities = entities
        self.relations = relations
        self.rules = rules
        self.folders = folders
        self._by_name: dict[str, list[str]] = {}
        self._by_adjective: dict[str, list[str]] = {}
        self._names: list[tuple[str, str, str]] = []
        self._rel_index: dict[str, list[PackRelation]] = {}
        self._rule_index: dict[str, list[PackRule]] = {}
        self._index()

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: list[Path] | None = None, replace: bool = False) -> Pack:
        """The bundled pack plus the user's folders (``--pack``); only the user's folders
        with replace=True or when one of them has ``[meta] replace = true`` in its pack.toml."""
        folders = [Path(p) for p in (extra or [])]
        if not replace and not any(_replaces(f) for f in folders):
            folders.insert(0, DEFAULT_PACK)
        if not folders:
            raise PackError("no pack folder given (replace=True needs at least one folder)")
        entities: dict[str, PackEntity] = {}
        rules: dict[str, PackRule] = {}
        origin: dict[str, str] = {}
        relations: list[tuple[str, str, PackRelation]] = []
        for folder in folders:
            seen_e: dict[str, str] = {}
            seen_r: dict[str, str] = {}
            for path in _pack_files(folder):
                raw = _read(path)
                for i, item in enumerate(raw.get("entity", [])):
                    ent = _entity(item, path, i)
                    if ent.id in seen_e:
                        raise PackError(
                            f"{path}: entity[{i}] {ent.id!r}: duplicate id "
                            f"(first in {seen_e[ent.id]})"
                        )
                    seen_e[ent.id] = path.name
                    entities[ent.id] = ent
                    origin[ent.id] = f"{path}: entity[{i}] {ent.id!r}"
                for i, item in enumerate(raw.get("relation", [])):
                    relations.append((str(path), f"relation[{i}]", _relation(item, path, i)))
                for i, item in enumerate(raw.get("rule", [])):
                    rule = _rule(item, path, i)
                    if rule.id in seen_r:
                        raise PackError(
                            f"{path}: rule[{i}] {rule.id!r}: duplicate id "
                            f"(first in {seen_r[rule.id]})"
                        )
                    seen_r[rule.id] = path.name
                    rules[rule.id] = rule
                    origin[f"rule:{rule.id}"] = f"{path}: rule[{i}] {rule.id!r}"
        for rel_file, where, rel in relations:
            for end in (rel.subject, rel.object):
                if end is not None and end not in entities:
                    raise PackError(
                        f"{rel_file}: {where} {rel.subject} {rel.predicate} "
                        f"{rel.object}: unknown entity {end!r}"
                    )
            # the subject and object types schema.toml allows for the predicate
            why = check_relation(
                rel.predicate,
                entities[rel.subject].type,
                entities[rel.object].type if rel.object else None,
            )
            if why:
                raise PackError(
                    f"{rel_file}: {where} {rel.subject} {rel.predicate} {rel.object}: {why}"
                )
        for ent in entities.values():
            if ent.country and ent.country not in entities:
                raise PackError(f"{origin[ent.id]}: unknown country {ent.country!r}")
        for rule in rules.values():
            if rule.subject not in entities:
                raise PackError(f"{origin['rule:' + rule.id]}: unknown subject {rule.subject!r}")
        return cls(entities, [r for _, _, r in relations], list(rules.values()), tuple(folders))

    # -- queries ---------------------------------------------------------------------------
    def get(self, entity_id: str) -> PackEntity | None:
        """The entity with this id, or None."""
        return self.entities.get(entity_id)

    def names(self) -> list[tuple[str, str, str]]:
        """Every (surface form, entity id, kind) with kind 'name', 'alias' or 'adjective'."""
        return list(self._names)

    def lookup(self, surface: str) -> list[PackEntity]:
        """Entities whose name or alias matches ``surface`` (case- and accent-folded), best
        first: canonical-name matches before alias matches, then countries before other
        types, cities before provinces ("Kabul" the city before Kabul province)."""
        return [self.entities[i] for i in self._by_name.get(_fold(surface), [])]

    def adjective(self, surface: str) -> PackEntity | None:
        """The entity an adjective or demonym refers to ("Tajik" -> Tajikistan), or None."""
        ids = self._by_adjective.get(_fold(surface))
        return self.entities[ids[0]] if ids else None

    def relations_of(
        self, entity_id: str, predicate: str | None = None, as_of: str | None = None
    ) -> list[PackRelation]:
        """Relations with the entity as subject or object, optionally of one predicate and
        holding on a date (partial ISO dates; a period's ends are inclusive)."""
        if as_of is not None and not is_partial_date(as_of):
            raise ValueError(f"as_of must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {as_of!r}")
        out = []
        for rel in self._rel_index.get(entity_id, []):
            if predicate is not None and rel.predicate != predicate:
                continue
            if as_of is not None and not holds_on(rel.start, rel.end, as_of):
                continue
            out.append(rel)
        return out

    def rules_of(self, entity_id: str) -> list[PackRule]:
        """Rules that belong to the entity (an alliance's or a country's)."""
        return list(self._rule_index.get(entity_id, []))

    def __len__(self) -> int:
        return len(self.entities)

    # -- indexing --------------------------------------------------------------------------
    def _index(self) -> None:
        canon = {i: _fold(e.name) for i, e in self.entities.items()}
        for ent in self.entities.values():
            forms = [(ent.name, "name")] + [(a, "alias") for a in ent.aliases]
            for surface, kind in forms:
                key = canon[ent.id] if kind == "name" else _fold(surface)
                ids = self._by_name.setdefault(key, [])
                if ent.id not in ids:
                    ids.append(ent.id)
                self._names.append((surface, ent.id, kind))
            for adj in ent.adjectives:
                ids = self._by_adjective.setdefault(_fold(adj), [])
                if ent.id not in ids:
                    ids.append(ent.id)
                self._names.append((adj, ent.id, "adjective"))
        for key, ids in self._by_name.items():
            if len(ids) > 1:
                ids.sort(key=lambda i: _rank(self.entities[i], canon[i] == key))
        for rel in self.relations:
            self._rel_index.setdefault(rel.subject, []).append(rel)
            if rel.object is not None and rel.object != rel.subject:
                self._rel_index.setdefault(rel.object, []).append(rel)
        for rule in self.rules:
            self._rule_index.setdefault(rule.subject, []).append(rule)


_TYPE_RANK = {
    "Country": 0,
    "Organization": 1,
    "ArmedGroup": 1,
    "Initiative": 1,
    "Agreement": 1,
    "Person": 2,
    "Facility": 3,
    "Place": 4,
}
_GEO_RANK = {"city": 0, "point": 1, "province": 2}


def _rank(ent: PackEntity, by_name: bool) -> tuple[int, int, int]:
    """Sort key of an entity among those sharing a folded surface form."""
    return (
        0 if by_name else 1,
        _TYPE_RANK.get(ent.type, 5),
        _GEO_RANK.get(ent.geo_precision or "", 3),
    )


@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...]) -> Pack:
    return Pack.load([Path(p) for p in extra] if extra else None)


def load_pack(extra: Iterable[str | Path] | None = None) -> Pack:
    """The default pack plus ``extra`` folders (none given: the CROSSROADS_PACK setting,
    ':'-separated), loaded once per process and shared. ``--pack`` options pass straight in."""
    extra = list(extra or ())
    if not extra:
        extra = [p for p in settings.get("pack").split(":") if p.strip()]
    return _cached(tuple(str(Path(p).resolve()) for p in extra))


# -- reading and validation ------------------------------------------------------------------
def _pack_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise PackError(f"{folder}: pack folder not found")
    return sorted(p for p in folder.rglob("*") if p.suffix in (".toml", ".json") and p.is_file())


def _replaces(folder: Path) -> bool:
    """Whether a folder declares itself a whole pack: its pack.toml has [meta] replace = true."""
    marker = folder / "pack.toml"
    if not marker.is_file():
        return False
    meta = _read(marker).get("meta") or {}
    return bool(isinstance(meta, dict) and meta.get("replace"))


def _read(path: Path) -> dict[str, Any]:
    try:
        if path.suffix == ".toml":
            with path.open("rb") as fh:
                raw = tomllib.load(fh)
        else:
            raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:  # TOMLDecodeError and JSONDecodeError are ValueErrors
        raise PackError(f"{path}: cannot read pack file: {e}") from e
    if not isinstance(raw, dict):
        raise PackError(f"{path}: a pack file holds a table with 'entity', 'relation', 'rule'")
    unknown = set(raw) - {"entity", "relation", "rule", "meta"}
    if unknown:
        raise PackError(
            f"{path}: unknown table(s) {sorted(unknown)}; "
            "use 'entity', 'relation', 'rule' (and 'meta')"
        )
    for key in ("entity", "relation", "rule"):
        if not isinstance(raw.get(key, []), list):
            raise PackError(f"{path}: '{key}' must be a list of tables ([[{key}]] in TOML)")
    return raw


def _check(item: Any, path: Path, where: str, allowed: set[str], required: tuple[str, ...]) -> None:
    if not isinstance(item, dict):
        raise PackError(f"{path}: {where}: must be a table")
    unknown = set(item) - allowed
    if unknown:
        raise PackError(f"{path}: {where}: unknown field(s) {sorted(unknown)}")
    for key in required:
        if not item.get(key):
            raise PackError(f"{path}: {where}: missing {key!r}")


def _date(value: Any, path: Path, where: str, key: str) -> str | None:
    if value is None or value == "":
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if not is_partial_date(text):
        raise PackError(
            f"{path}: {where}: bad date in {key!r}: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    return text


def _entity(item: Any, path: Path, i: int) -> PackEntity:
    where = f"entity[{i}]" + (f" {item.get('id')!r}" if isinstance(item, dict) else "")
    _check(item, path, where, _ENTITY_KEYS, ("id", "type", "name", "source"))
    if not str(item["id"]).startswith("e:"):
        raise PackError(f"{path}: {where}: id must start with 'e:'")
    if item["type"] not in ENTITY_TYPES:
        raise PackError(
            f"{path}: {where}: unknown type {item['type']!r} (one of {', '.join(ENTITY_TYPES)})"
        )
    geo = item.get("geo_precision")
    if geo is not None and geo not in _GEO_PRECISIONS:
        raise PackError(f"{path}: {where}: unknown geo_precision {geo!r}")
    for key in ("lat", "lon"):
        if item.get(key) is not None and not isinstance(item[key], (int, float)):
            raise PackError(f"{path}: {where}: {key} must be a number")
    data = dict(item.get("data") or {})
    return PackEntity(
        id=item["id"],
        type=item["type"],
        name=item["name"],
        source=item["source"],
        aliases=tuple(item.get("aliases", ())),
        adjectives=tuple(item.get("adjectives", ())),
        iso=item.get("iso"),
        wikidata=item.get("wikidata"),
        lat=float(item["lat"]) if item.get("lat") is not None else None,
        lon=float(item["lon"]) if item.get("lon") is not None else None,
        geo_precision=geo,
        country=item.get("country"),
        valid_from=_date(item.get("valid_from"), path, where, "valid_from"),
        valid_to=_date(item.get("valid_to"), path, where, "valid_to"),
        data=data,
    )


def _relation(item: Any, path: Path, i: int) -> PackRelation:
    where = f"relation[{i}]"
    if isinstance(item, dict):
        where += f" {item.get('subject')} {item.get('predicate')} {item.get('object')}"
    _check(item, path, where, _RELATION_KEYS, ("subject", "predicate", "source"))
    if item["predicate"] not in PREDICATES:
        raise PackError(f"{path}: {where}: unknown predicate {item['predicate']!r}")
    if item.get("object") is None and schema.load().predicates[item["predicate"]].object:
        raise PackError(f"{path}: {where}: missing 'object'")
    return PackRelation(
        subject=item["subject"],
        predicate=item["predicate"],
        object=item.get("object"),
        source=item["source"],
        start=_date(item.get("start"), path, where, "start"),
        end=_date(item.get("end"), path, where, "end"),
        qualifiers=dict(item.get("qualifiers") or {}),
    )


def _rule(item: Any, path: Path, i: int) -> PackRule:
    where = f"rule[{i}]" + (f" {item.get('id')!r}" if isinstance(item, dict) else "")
    _check(item, path, where, _RULE_KEYS, ("id", "kind", "subject", "text", "source"))
    return PackRule(
        id=item["id"],
        kind=item["kind"],
        subject=item["subject"],
        text=item["text"],
        source=item["source"],
        start=_date(item.get("start"), path, where, "start"),
        end=_date(item.get("end"), path, where, "end"),
    )
