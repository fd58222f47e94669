"""The trigger lexicons: a trigger belongs to one type, or the first list silently wins."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from crossroads import schema
from crossroads.extraction import patterns

FOLDER = Path(patterns.__file__).parent


def clashes(table: dict[str, list[str]]) -> dict[str, list[str]]:
    """{trigger: [types]} for each trigger listed under more than one type of a table."""
    seen: dict[str, list[str]] = defaultdict(list)
    for kind, words in table.items():
        for word in words:
            seen[word.casefold()].append(kind)
    return {w: kinds for w, kinds in seen.items() if len(set(kinds)) > 1}


def typed_tables() -> list[tuple[str, dict[str, list[str]]]]:
    """Every table of the lexicon files that maps a type to its trigger list."""
    found = []
    for path in sorted(FOLDER.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for name, table in data.items():
            if (
                isinstance(table, dict)
                and table
                and all(k.isupper() and isinstance(v, list) for k, v in table.items())
            ):
                found.append((f"{path.name} [{name}]", table))
    return found


def test_lexicon_check_finds_the_typed_tables():
    names = [n for n, _t in typed_tables()]
    assert "events.toml [verbs]" in names and "events.toml [nouns]" in names


def test_lexicon_check_catches_a_trigger_under_two_types():
    assert clashes({"PROTEST": ["march", "Strike"], "ASSAULT": ["strike", "shell"]}) == {
        "strike": ["PROTEST", "ASSAULT"]
    }
    assert clashes({"PROTEST": ["march"], "ASSAULT": ["shell"]}) == {}


@pytest.mark.parametrize(
    "name,table", typed_tables(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_lexicon_no_trigger_sits_under_two_types(name, table):
    assert clashes(table) == {}, f"{name}: triggers under two types"


def test_lexicon_event_moods_do_not_overlap():
    mode = tomllib.loads((FOLDER / "events.toml").read_text(encoding="utf-8"))["mode"]
    assert clashes({k: v for k, v in mode.items() if isinstance(v, list)}) == {}


def shared_relation_triggers() -> dict[str, list[str]]:
    """{trigger: [predicates]} for words listed as triggers of two or more predicates."""
    data = tomllib.loads((FOLDER / "relations.toml").read_text(encoding="utf-8"))
    table = {
        p: [
            w
            for key in ("triggers", "verbs", "nouns")
            for w in (t.get(key) if isinstance(t.get(key), list) else [])
        ]
        for p, t in data.items()
        if p in schema.load().predicates and isinstance(t, dict)
    }
    return clashes(table)


def overlap(a: str, b: str) -> list[tuple[str, str | None]]:
    """(subject type, object type) pairs that both predicates allow."""
    pa, pb = schema.load().predicates[a], schema.load().predicates[b]
    objects: set[str | None] = {o for o in pa.object if o in pb.object}
    if not pa.object and not pb.object:
        objects = {None}
    return sorted((s, o) for s in set(pa.subject) & set(pb.subject) for o in objects)


def test_lexicon_overlap_of_two_predicates():
    assert overlap("member_of", "part_of") == [
        ("Organization", "Initiative"),
        ("Organization", "Organization"),
    ]
    assert overlap("member_of", "connects") == []


def test_lexicon_relation_trigger_of_two_predicates_is_told_apart_by_argument_types():
    # "join" is member_of (a state joins an alliance), party_to (joins an accord) and connects
    # (a railway joins two towns): no contradiction while the schema's subject and object
    # types of those predicates cannot both fit one pair of entities
    shared = shared_relation_triggers()
    assert "join" in shared  # the check sees the shared words
    for word, names in shared.items():
        for a, b in ((a, b) for i, a in enumerate(names) for b in names[i + 1 :] if a != b):
            both = overlap(a, b)
            assert not both, f"{word!r} is a trigger of {a} and {b}, which fit the same {both}"
