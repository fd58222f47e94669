"""`crossroads search|documents|show|export` on a store built from the sample briefs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crossroads.cli import cli

BRIEFS = Path(__file__).resolve().parents[2] / "examples" / "briefs"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "q.db"
    assert run("ingest", BRIEFS, "--db", path, "--no-extract", "-q").exit_code == 0
    return path


def test_cli_search_ranks_and_marks_snippet(db):
    result = run("search", "Gwadar", "--db", db, "--json", "--kind", "documents")
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert {h["kind"] for h in hits} == {"document"}
    assert hits, result.output
    assert "Gwadar" in hits[0]["title"] or "Gwadar" in hits[0]["snippet"]
    assert "[Gwadar]" in hits[0]["snippet"]


def test_cli_search_survives_hostile_query(db):
    result = run("search", '"unbalanced AND (* OR', "--db", db)
    assert result.exit_code == 0


def test_cli_search_no_hits_says_so(db):
    result = run("search", "zzzyxq", "--db", db)
    assert result.exit_code == 0 and "nothing matches" in result.stdout


def test_cli_show_by_prefix_and_unknown_id(db):
    listing = [json.loads(l) for l in run("documents", "--db", db, "--json").stdout.splitlines()]
    art = next(d for d in listing if d["source"] == "01-basing-after-withdrawal.txt")
    shown = run("show", art["id"][:10], "--db", db, "--json")
    assert json.loads(shown.stdout)["id"] == art["id"]
    missing = run("show", "d:nope", "--db", db)
    assert missing.exit_code == 1 and "no document 'd:nope'" in missing.stderr


def test_cli_export_jsonl_follows_the_contract(db, tmp_path):
    out = tmp_path / "facts.jsonl"
    result = run("export", "--format", "jsonl", "--db", db, "--out", out)
    assert result.exit_code == 0
    records = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["schema"] == 1 and r["kind"] for r in records)
    docs = {r["id"]: r for r in records if r["kind"] == "document"}
    assert {r["source"] for r in docs.values()} == {p.name for p in BRIEFS.iterdir()}
    one = run("export", "--db", db, "--source", "02-corridors-to-the-sea.md")
    srcs = {json.loads(l).get("source") for l in one.stdout.splitlines()}
    assert srcs == {"02-corridors-to-the-sea.md"}


@pytest.mark.slow
def test_cli_search_finds_documents_entities_and_facts_together(tmp_path):
    db = tmp_path / "full.db"
    brief = BRIEFS / "01-basing-after-withdrawal.txt"
    assert run("ingest", brief, "--db", db, "--processes", "1", "-q").exit_code == 0
    hits = [
        json.loads(l) for l in run("search", "Kabulov", "--db", db, "--json").stdout.splitlines()
    ]
    kinds = [h["kind"] for h in hits]
    assert kinds[0] == "document" and "entity" in kinds and "fact" in kinds
    assert any(h["kind"] == "entity" and h["name"] == "Zamir Kabulov" for h in hits)
    facts = [h for h in hits if h["kind"] == "fact"]
    assert any(f["predicate"] == "holds_position" for f in facts)


def test_cli_search_huge_query_is_one_line_error(db):
    result = run("search", "Gwadar " * 9400, "--db", db)  # 65 KB
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "search query too long" in result.stderr
    assert str(db) not in result.stderr


OSC52 = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07"  # writes the clipboard
CLEAR = "\x1b[2J\x1b[H"  # clears the screen
CSI8 = "\x9b31m"  # the one-byte C1 CSI


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """A store whose document title, author, text and source carry terminal escapes."""
    from crossroads.model import Document
    from crossroads.store import open_store

    path = tmp_path_factory.mktemp("tty") / "tty.db"
    text = (
        f"The caravan reached the pass at dawn.{OSC52} Traders unloaded salt and "
        f"cloth in the market.{CLEAR} Prices rose by noon.{CSI8}"
    )
    with open_store(path) as store:
        store.add_documents(
            [
                Document(
                    id="d:e5c0000000000000aaaa",
                    source=f"brief{CLEAR}.txt",
                    text=text,
                    title=f"Caravan{OSC52} report",
                    author=f"Staff{CLEAR}",
                    content_hash="tty1",
                )
            ]
        )
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("documents",),
        ("show", "d:e5c0000000"),
        ("search", "caravan"),
        ("documents", "--json"),
        ("show", "d:e5c0000000", "--json"),
        ("search", "caravan", "--json"),
    ],
)
def test_cli_output_never_carries_terminal_escapes(hostile_db, args):
    result = run(*args, "--db", hostile_db)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "caravan" in out.lower() or "Caravan" in out
    for bad in ("\x1b", "\x07", "\x9b"):
        assert bad not in out, (args, out)
    if "--json" not in args:
        assert "\\x1b]52;c;" in out or "\\x1b[2J" in out  # shown, not obeyed
