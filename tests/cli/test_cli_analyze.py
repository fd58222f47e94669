"""`crossroads analyze basing|corridors|spillover` on the hand-made world."""

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "analysis"))  # the shared test world
from analysis_world import build_pack, build_store

from crossroads.cli import cli
from crossroads.store import open_store


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli-analyze")
    pack = build_pack(base / "pack")
    with open_store(base / "w.db") as store:
        build_store(store, pack)

    def invoke(*args):
        return CliRunner().invoke(
            cli, ["analyze", *args, "--db", str(base / "w.db"), "--pack", str(base / "pack")]
        )

    return invoke


def test_cli_analyze_basing_verdicts_with_cited_reasons(run):
    r = run("basing", "--power", "United States", "--hosts", "Central Asia,Pakistan", "--json")
    assert r.exit_code == 0, r.output
    v = {x["host_name"]: x for x in map(json.loads, r.output.splitlines())}
    assert v["Uzbekistan"]["verdict"] == "closed"
    assert v["Pakistan"]["verdict"] == "closed"
    assert v["Tajikistan"]["verdict"] == "constrained"
    assert v["Kyrgyzstan"]["verdict"] == "constrained"
    assert all(reason["citations"] for x in v.values() for reason in x["reasons"])
    text = run("basing", "--power", "United States", "--hosts", "Pakistan").output
    assert "Pakistan: closed" in text and "Islamabad says no (2021-06-20)" in text


def test_cli_analyze_corridors_avoid(run):
    r = run("corridors", "--from", "Uzbekistan", "--avoid", "Afghanistan", "--json")
    assert r.exit_code == 0, r.output
    routes = [json.loads(line) for line in r.output.splitlines()]
    assert routes and all("Afghanistan" not in [c["name"] for c in x["countries"]] for x in routes)
    text = run("corridors", "--from", "Kazakhstan")
    assert "Gwadar Port" in text.output and "China-Pakistan Economic Corridor" in text.output


def test_cli_analyze_spillover(run):
    r = run("spillover", "--country", "Tajikistan")
    assert r.exit_code == 0, r.output
    assert "Islamic Movement of Uzbekistan" in r.output and "Badakhshan" in r.output
    assert "leader: Usman Ghazi holds_position" in r.output
    assert "Old airfields (2022-01-15)" in r.output


def test_cli_analyze_unknown_power_is_an_error(run):
    r = run("basing", "--power", "Atlantis", "--hosts", "Pakistan")
    assert r.exit_code == 1 and "Atlantis" in r.output
