"""schema.toml is the one description of entity types, predicates and event types."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from crossroads import model, schema
from crossroads.exc import PackError
from crossroads.export.ftm import SCHEMA_OF
from crossroads.pack import Pack

ROOT = Path(__file__).resolve().parents[1]


def test_schema_docs_show_the_schema_file():
    text = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- schema:begin -->\n(.*?)<!-- schema:end -->", text, re.DOTALL)
    assert block, "docs/export.md lacks the schema block"
    assert block.group(1) == schema.load().markdown(), (
        "docs/export.md is out of date: paste `python -m crossroads.schema` into its block"
    )


def test_schema_is_what_the_records_and_exports_use():
    s = schema.load()
    assert model.PREDICATES == tuple(s.predicates) and len(model.PREDICATES) == 13
    assert model.SYMMETRIC_PREDICATES == {"borders", "affiliated_with"}
    assert model.ENTITY_TYPES[:2] == ("Country", "Organization")
    assert model.entity_id("Person", "Nurullah Sharifzada") == "e:person/nurullah-sharifzada"
    assert len(model.EVENT_TYPES) == 16 and "ASSAULT" in model.EVENT_TYPES
    assert SCHEMA_OF["Country"] == "PublicBody" and set(SCHEMA_OF) == set(s.entities)


def test_schema_checks_subject_and_object_types():
    assert model.check_relation("member_of", "Country", "Organization") is None
    assert model.check_relation("has_resource", "Country", None) is None
    assert model.check_relation("member_of", "Person", "Person") == (
        "member_of takes Country/Organization -> Organization/Initiative, not Person -> Person"
    )
    assert "no object" in (model.check_relation("has_resource", "Country", "Country") or "")
    assert model.check_relation("likes", "Person", "Person").startswith("unknown predicate 'likes'")


def _data() -> dict:
    return tomllib.loads(schema.SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "edit,message",
    [
        (
            lambda d: d["predicate"]["borders"].update(object=["Country", "Planet"]),
            "predicate borders: unknown entity type 'Planet'",
        ),
        (
            lambda d: d["predicate"]["borders"].update(qualifiers=["altitude"]),
            "predicate borders: undefined qualifier 'altitude'",
        ),
        (
            lambda d: d["predicate"]["member_of"].update(symmetric=True),
            "predicate member_of: a symmetric predicate needs the same subject and object types",
        ),
        (lambda d: d["entity"]["Country"].pop("prefix"), "entity Country: missing 'prefix'"),
    ],
)
def test_schema_refuses_a_file_that_does_not_hold_together(edit, message):
    data = _data()
    assert schema.parse(data).predicates  # the file as shipped parses
    edit(data)
    with pytest.raises(schema.SchemaError, match=re.escape(f"schema.toml: {message}")):
        schema.parse(data)


def test_schema_pack_relation_of_the_wrong_types_is_refused(tmp_path):
    (tmp_path / "p.toml").write_text(
        """
[[entity]]
id = "e:person/a"
type = "Person"
name = "Arman Tulegenov"
source = "test"

[[entity]]
id = "e:person/b"
type = "Person"
name = "Bolat Serikov"
source = "test"

[[relation]]
subject = "e:person/a"
predicate = "member_of"
object = "e:person/b"
source = "test"
""",
        encoding="utf-8",
    )
    with pytest.raises(
        PackError,
        match=r"p\.toml: relation\[0\] e:person/a member_of e:person/b: "
        r"member_of takes Country/Organization -> ",
    ):
        Pack.load(extra=[tmp_path], replace=True)
    fixed = (tmp_path / "p.toml").read_text().replace('"member_of"', '"pledged_allegiance_to"')
    (tmp_path / "p.toml").write_text(fixed, encoding="utf-8")
    assert len(Pack.load(extra=[tmp_path], replace=True).relations) == 1
