"""`crossroads ingest` end to end: real files, a real SQLite store, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crossroads.cli import cli
from crossroads.ingest.pipeline import Ingest
from crossroads.store import open_store

BRIEFS = Path(__file__).resolve().parents[2] / "examples" / "briefs"


def run(*args, input=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    return result


def test_cli_ingest_reports_summary_and_stores_articles(tmp_path):
    db = tmp_path / "x.db"
    result = run("ingest", BRIEFS, "--db", db, "--no-extract", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["read"] == 4 and summary["new"] == 4 and summary["failed"] == 0
    with open_store(str(db)) as store:
        docs = store.documents()
    articles = [d for d in docs if d.kind == "article"]
    pages = [d for d in docs if d.kind == "page"]
    # the digest page carries two articles: it is split, each pointing at the page
    assert len(articles) == 5 and len(pages) == 1
    assert {d.parent for d in articles if d.source == "04-digest-page.txt"} == {pages[0].id}


def test_cli_ingest_second_run_is_all_duplicates_and_does_no_extraction(tmp_path):
    db = tmp_path / "x.db"
    assert run("ingest", BRIEFS, "--db", db, "--no-extract", "-q").exit_code == 0
    built = []

    def factory():  # the real pipeline would be built here; count that it never is
        built.append(1)
        raise AssertionError("extraction must not run for duplicates")

    with open_store(str(db)) as store:
        report = Ingest(store, factory, max_bytes=10**7).run([str(BRIEFS)])
    assert (report.read, report.new, report.duplicate, report.failed) == (4, 0, 4, 0)
    assert built == []


def test_cli_ingest_bad_file_gets_one_line_and_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Kazakhstan and China opened a new rail crossing at Khorgos this spring, officials said.\n\n"
        "The crossing is meant to move containers from the Pacific coast to Europe faster.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4\n\x00\x01garbage without any objects")
    db = tmp_path / "x.db"
    result = run("ingest", folder, "--db", db, "--no-extract")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 2
    assert any("empty.txt" in e for e in errors) and any("junk.pdf" in e for e in errors)
    assert "failed 2" in result.stdout
    with open_store(str(db)) as store:
        assert [d.source for d in store.documents()] == ["good.txt"]


def test_cli_ingest_missing_path_is_named(tmp_path):
    result = run("ingest", tmp_path / "nope", "--db", tmp_path / "x.db", "--no-extract")
    assert result.exit_code == 1
    assert "nope: no such file or folder" in result.stderr


def test_cli_ingest_reads_standard_input(tmp_path):
    text = (
        "Turkmenistan declared permanent neutrality in 1995 and the United Nations "
        "General Assembly recognised it the same year.\n\nAshgabat still cites it today.\n"
    )
    db = tmp_path / "x.db"
    result = run("ingest", "-", "--db", db, "--no-extract", "--json", input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store:
        (doc,) = store.documents()
    assert doc.source == "stdin" and "permanent neutrality" in doc.text


@pytest.mark.slow
def test_cli_ingest_with_extraction_finds_entities(tmp_path):
    db = tmp_path / "x.db"
    result = run(
        "ingest", BRIEFS / "01-basing-after-withdrawal.txt", "--db", db, "--processes", "1"
    )
    assert result.exit_code == 0, result.output
    listing = run("entities", "--db", db, "--json")
    names = {json.loads(line)["name"] for line in listing.stdout.splitlines()}
    assert {"Uzbekistan", "Tajikistan", "Zamir Kabulov"} <= names


@pytest.mark.slow
def test_cli_ingest_uses_the_pack_named_by_the_setting(tmp_path, monkeypatch):
    """A user's pack folder in CROSSROADS_PACK types and links names no bundled pack knows."""
    pack = tmp_path / "mypack"
    pack.mkdir()
    (pack / "groups.toml").write_text(
        '[[entity]]\nid = "e:group/steppe-wolves"\ntype = "ArmedGroup"\n'
        'name = "Brigade of the Steppe Wolves"\naliases = ["Steppe Wolves"]\n'
        'source = "https://example.org/test-pack"\n',
        encoding="utf-8",
    )
    text = tmp_path / "note.txt"
    text.write_text(
        "Officials in Bishkek said the Steppe Wolves had crossed the border twice "
        "this year.\n\nNo one was hurt, the ministry added.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CROSSROADS_PACK", str(pack))
    db = tmp_path / "x.db"
    assert run("ingest", text, "--db", db, "--processes", "1", "-q").exit_code == 0
    listing = run("entities", "--db", db, "--json", "--type", "ArmedGroup")
    ids = {json.loads(line)["id"] for line in listing.stdout.splitlines()}
    assert "e:group/steppe-wolves" in ids


def test_cli_ingest_retry_failed_reads_only_what_failed(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"brief-{n}.txt").write_text(
            f"The council of district {n} met on Tuesday and agreed to repair the canal. "
            "Farmers said the water had not reached their fields since the spring.\n",
            encoding="utf-8",
        )
    broken = folder / "late.txt"
    broken.write_text("   \n", encoding="utf-8")  # empty: fails
    db = tmp_path / "r.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(folder), "--db", str(db), "--no-extract"])
    assert first.exit_code == 1 and "new 3" in first.stdout and "failed 1" in first.stdout
    broken.write_text(
        "The canal was repaired by the autumn, the district council said. "
        "Water reached the fields again.\n",
        encoding="utf-8",
    )
    again = runner.invoke(cli, ["ingest", "--retry-failed", "--db", str(db), "--no-extract"])
    assert again.exit_code == 0, again.output
    assert "read 1, new 1" in again.stdout  # the three stored files were not read
    nothing = runner.invoke(cli, ["ingest", "--retry-failed", "--db", str(db), "--no-extract"])
    assert nothing.exit_code == 0 and "read 0" in nothing.stdout
    usage = runner.invoke(cli, ["ingest", "--db", str(db)])
    assert usage.exit_code == 2 and "--retry-failed" in usage.output
