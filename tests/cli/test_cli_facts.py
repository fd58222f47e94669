"""`crossroads facts|quotes|events|conflicts|profile|timeline|network` on the hand-made world."""

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
    base = tmp_path_factory.mktemp("cli-world")
    pack = build_pack(base / "pack")
    with open_store(base / "w.db") as store:
        build_store(store, pack)

    def invoke(*args):
        result = CliRunner().invoke(
            cli, [*args, "--db", str(base / "w.db"), "--pack", str(base / "pack")]
        )
        return result

    return invoke


def _lines(result):
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_cli_facts_as_of_lists_members_with_sources(run):
    r = run("facts", "CSTO", "--predicate", "member_of", "--as-of", "2021", "--json")
    found = {(f["subject_name"], f["origin"]): f for f in _lines(r)}
    assert found[("Tajikistan", "extract+pack")]["sources"] == 2
    assert found[("Uzbekistan", "extract")]["credibility"] == 5
    assert ("Uzbekistan", "pack") not in found
    table = run("facts", "Tajikistan", "--predicate", "member_of")
    assert table.exit_code == 0 and "Who guards the region (2021-04-10)" in table.output


def test_cli_facts_bad_date_is_one_line_error(run):
    r = run("facts", "--as-of", "yesterday")
    assert r.exit_code == 1
    assert "as_of must be an ISO date" in r.output and "Traceback" not in r.output


def test_cli_facts_unknown_entity(run):
    r = run("profile", "Atlantis")
    assert r.exit_code == 1 and "no entity named 'Atlantis'" in r.output


def test_cli_quotes_by_speaker_and_about(run):
    by = _lines(run("quotes", "--speaker", "Imran Khan", "--json"))
    assert by[0]["text"].startswith("Pakistan will not host")
    assert by[0]["evidence"]["title"] == "Islamabad says no"
    assert _lines(run("quotes", "--about", "Kyrgyzstan", "--json")) == []
    text = run("quotes", "--about", "Pakistan")
    assert "Imran Khan" in text.output and "Islamabad says no (2021-06-20)" in text.output


def test_cli_quotes_with_claims_and_dates(run):
    out = run("quotes", "--speaker", "Ivan Petrov")
    assert "claims attributed to the speaker" in out.output
    assert "Islamic Movement of Uzbekistan operates_in Dushanbe" in out.output
    assert _lines(run("quotes", "--from", "2022", "--json")) == []
    assert len(_lines(run("quotes", "--from", "2021-06", "--to", "2021-06", "--json"))) == 2


def test_cli_events_filters(run):
    rejects = _lines(run("events", "--type", "REJECT", "--json"))
    assert {e["actors"][0]["name"] for e in rejects} == {"Ivan Petrov", "Imran Khan"}
    june = _lines(run("events", "--from", "2021-06", "--to", "2021-06", "--json"))
    assert {"2021-06", "2021-06-01"} <= {e["date"] for e in june}
    assert run("events", "--from", "June").exit_code == 1


def test_cli_conflicts_lists_pack_disagreement_with_both_sides(run):
    r = run("conflicts")
    assert r.exit_code == 0
    out = r.output
    assert "the text asserts Uzbekistan member_of Collective Security Treaty Organization" in out
    assert "Allies of Moscow (2021-06-02)" in out and "pack: test: treaty depositary" in out
    assert "without Uzbekistan" in out
    kinds = [c["kind"] for c in _lines(run("conflicts", "--json"))]
    assert {"pack", "negation", "estimate"} <= set(kinds)


def test_cli_profile_json_and_text(run):
    p = json.loads(run("profile", "Kyrgyzstan", "--json").output)
    assert p["id"] == "e:country/kg"
    ends = [f["end"] for f in p["past"] if f["predicate"] == "hosts_military_presence"]
    assert ends and ends[0].startswith("2014")
    text = run("profile", "Imran Khan").output
    assert "Imran Khan" in text and "Pakistan will not host" in text


def test_cli_timeline_and_network(run):
    items = _lines(run("timeline", "Kyrgyzstan", "--with", "United States", "--json"))
    dated = [(i["date"], i["kind"]) for i in items if i["evidence"]["kind"] == "text"]
    assert dated == [("2001", "start"), ("2014", "end")]
    net = json.loads(run("network", "IMU", "--json").output)
    assert {n["name"] for n in net["nodes"]} >= {"Taliban", "Badakhshan", "Usman Ghazi"}
    assert net["centrality"][0]["name"] == "Islamic Movement of Uzbekistan"
    text = run("network", "IMU", "--depth", "2")
    assert text.exit_code == 0 and "pledged_allegiance_to" in text.output


@pytest.mark.parametrize("bad", ["2021-13", "2021-04-31", "21-04", "April 2021"])
def test_cli_events_impossible_dates_are_one_line_errors(run, bad):
    result = run("events", "--from", bad)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: --from must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {bad!r}"
    )
