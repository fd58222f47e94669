"""The crossroads schema as data: entity types, predicates and event types from schema.toml.

Why a data file: the allowed subject and object types of each predicate, which predicates
are symmetric, and what an event's roles mean used to live in pieces across the code. Now
model.py, the pack loader, the exports and the API read them from one file that ships with
the package, as followthemoney reads its schemata from YAML.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "SCHEMA_FILE",
    "EntityType",
    "EventType",
    "Predicate",
    "Schema",
    "SchemaError",
    "load",
]

SCHEMA_FILE = Path(__file__).with_name("schema.toml")


class SchemaError(ValueError):
    """schema.toml does not hold together (an unknown type, a missing field)."""


@dataclass(frozen=True)
class EntityType:
    name: str
    prefix: str
    """Id prefix: e:<prefix>/<slug>."""
    ftm: str
    """FollowTheMoney schema it is exported as."""
    description: str


@dataclass(frozen=True)
class Predicate:
    name: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    """Allowed object types; empty when the relation has no object entity."""
    symmetric: bool
    qualifiers: tuple[str, ...]
    example: str

    def allows(self, subject_type: str | None, object_type: str | None) -> bool:
        """Whether a relation between entities of these types is well-formed."""
        if subject_type not in self.subject:
            return False
        if not self.object:
            return object_type is None
        return object_type in self.object


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    actors: str
    targets: str


@dataclass(frozen=True)
class Schema:
    version: int
    entities: dict[str, EntityType]
    predicates: dict[str, Predicate]
    qualifiers: dict[str, str]
    events: dict[str, EventType]
    event_roles: dict[str, str]
    event_modes: dict[str, str]

    def check_relation(
        self, predicate: str, subject_type: str | None, object_type: str | None
    ) -> str | None:
        """None when the relation fits the schema, else the reason in words."""
        p = self.predicates.get(predicate)
        if p is None:
            return f"unknown predicate {predicate!r} (one of {', '.join(self.predicates)})"
        if p.allows(subject_type, object_type):
            return None
        want = "no object" if not p.object else "/".join(p.object)
        return (
            f"{predicate} takes {'/'.join(p.subject)} -> {want}, "
            f"not {subject_type} -> {object_type or 'no object'}"
        )

    def markdown(self) -> str:
        """The tables docs/export.md shows (``python -m crossroads.schema`` prints them)."""
        out = [
            "| entity type | id prefix | exported to FtM as | what |",
            "| --- | --- | --- | --- |",
        ]
        out += [
            f"| {t.name} | `e:{t.prefix}/` | {t.ftm} | {t.description} |"
            for t in self.entities.values()
        ]
        out += [
            "",
            "| predicate | subject -> object | qualifiers | example |",
            "| --- | --- | --- | --- |",
        ]
        for p in self.predicates.values():
            arrow = "<->" if p.symmetric else "->"
            obj = "/".join(p.object) if p.object else "(no object)"
            quals = ", ".join(f"`{q}`" for q in p.qualifiers)
            out.append(
                f"| `{p.name}` | {'/'.join(p.subject)} {arrow} {obj} | {quals} | {p.example} |"
            )
        out += ["", "| event type | what | actors | targets |", "| --- | --- | --- | --- |"]
        out += [
            f"| `{e.name}` | {e.description} | {e.actors} | {e.targets} |"
            for e in self.events.values()
        ]
        return "\n".join(out) + "\n"


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchemaError(f"{SCHEMA_FILE.name}: {where} must be a list of strings")
    return tuple(value)


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value:
        raise SchemaError(f"{SCHEMA_FILE.name}: {where}: missing {key!r}")
    return value


def parse(data: dict[str, Any]) -> Schema:
    """A Schema from the parsed TOML, or SchemaError naming what does not fit."""
    entities = {
        name: EntityType(
            name,
            _text(t, "prefix", f"entity {name}"),
            _text(t, "ftm", f"entity {name}"),
            _text(t, "description", f"entity {name}"),
        )
        for name, t in data.get("entity", {}).items()
    }
    qualifiers = dict(data.get("qualifier", {}))
    predicates = {}
    for name, t in data.get("predicate", {}).items():
        where = f"predicate {name}"
        p = Predicate(
            name,
            _strings(t.get("subject"), f"{where}.subject"),
            _strings(t.get("object"), f"{where}.object"),
            bool(t.get("symmetric")),
            _strings(t.get("qualifiers", []), f"{where}.qualifiers"),
            _text(t, "example", where),
        )
        for type_ in p.subject + p.object:
            if type_ not in entities:
                raise SchemaError(f"{SCHEMA_FILE.name}: {where}: unknown entity type {type_!r}")
        for q in p.qualifiers:
            if q not in qualifiers:
                raise SchemaError(f"{SCHEMA_FILE.name}: {where}: undefined qualifier {q!r}")
        if p.symmetric and set(p.subject) != set(p.object):
            raise SchemaError(
                f"{SCHEMA_FILE.name}: {where}: a symmetric predicate needs the "
                "same subject and object types"
            )
        predicates[name] = p
    events = {
        name: EventType(
            name,
            _text(t, "description", f"event {name}"),
            _text(t, "actors", f"event {name}"),
            _text(t, "targets", f"event {name}"),
        )
        for name, t in data.get("event", {}).items()
    }
    if not entities or not predicates or not events:
        raise SchemaError(f"{SCHEMA_FILE.name}: needs entity, predicate and event tables")
    return Schema(
        int(data.get("version", 1)),
        entities,
        predicates,
        qualifiers,
        events,
        dict(data.get("event_roles", {})),
        dict(data.get("event_modes", {})),
    )


@lru_cache(maxsize=1)
def load() -> Schema:
    """The package's schema (read once)."""
    return parse(tomllib.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


if __name__ == "__main__":
    print(load().markdown(), end="")
