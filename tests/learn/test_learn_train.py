"""`crossroads train` on a small annotated set written here (made-up articles): it trains,
cross-validates by document, writes a model the reader uses, and fails clearly on bad data."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crossroads.cli import cli
from crossroads.learn.linear import LinearModel
from crossroads.learn.reader import RELATIONS
from crossroads.learn.relations import UNSEEN_MARGIN

ARTICLES = {
    "a1": (
        (
            "Kazakhstan is a member of the Collective Security Treaty Organization. "
            "Officials in Astana met on Monday."
        ),
        [("Kazakhstan", "member_of", "Collective Security Treaty Organization")],
    ),
    "a2": (
        (
            "Tajikistan, a member of the Collective Security Treaty Organization, hosts a base. "
            "The weather was cold."
        ),
        [("Tajikistan", "member_of", "Collective Security Treaty Organization")],
    ),
    "a3": (
        (
            "Kyrgyzstan is a member of the Shanghai Cooperation Organisation. "
            "Kyrgyzstan and the Shanghai Cooperation Organisation held no talks last year."
        ),
        [("Kyrgyzstan", "member_of", "Shanghai Cooperation Organisation")],
    ),
    "a4": (
        (
            "Uzbekistan became a member of the Shanghai Cooperation Organisation long ago. "
            "Markets in Uzbekistan were busy."
        ),
        [("Uzbekistan", "member_of", "Shanghai Cooperation Organisation")],
    ),
    "a5": (
        (
            "Russia criticised the Collective Security Treaty Organization on Tuesday. "
            "Russia is a member of the Collective Security Treaty Organization."
        ),
        [("Russia", "member_of", "Collective Security Treaty Organization")],
    ),
    "a6": (
        (
            "China praised the Shanghai Cooperation Organisation. "
            "China is a member of the Shanghai Cooperation Organisation."
        ),
        [("China", "member_of", "Shanghai Cooperation Organisation")],
    ),
}


def _gold(name: str, rels) -> str:
    ents = {n for s, _, o in rels for n in (s, o)}
    out = [f'source = "{name}.txt"', "", "[[article]]", 'title = ""', ""]
    for e in sorted(ents):
        typ = "Organization" if "Organi" in e else "Country"
        out += ["[[entity]]", f'name = "{e}"', f'type = "{typ}"', ""]
    for s, p, o in rels:
        out += ["[[relation]]", f'subject = "{s}"', f'predicate = "{p}"', f'object = "{o}"', ""]
    return "\n".join(out)


@pytest.fixture()
def data(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    for name, (text, rels) in ARTICLES.items():
        (tmp_path / "corpus" / f"{name}.txt").write_text(text + "\n")
        (tmp_path / "gold" / f"{name}.toml").write_text(_gold(name, rels))
    return tmp_path


@pytest.mark.slow
def test_learn_train_cross_validates_and_writes_a_model(data, tmp_path):
    out = tmp_path / "model"
    result = CliRunner().invoke(
        cli, ["train", "--data", str(data / "gold"), "--cv", "2", "--out", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 6 and len(report["folds"]) == 2
    assert report["total"]["relation"]["gold"] == 6
    model = LinearModel.load(out / RELATIONS)
    assert set(model.classes) == {"none", "member_of"}
    assert model.meta["documents"] == 6
    # new text is read with every threshold lowered by the margin the folds flatter it by
    assert model.meta["unseen_margin"] == UNSEEN_MARGIN > 0


@pytest.mark.slow
def test_learn_train_review_only_articles_teach_the_entity_review_alone(data, tmp_path):
    extra = tmp_path / "review"
    (extra / "gold").mkdir(parents=True)
    (extra / "corpus").mkdir()
    for name in ("a5", "a6"):  # these two become made-up articles for the entity review only
        for folder, ext in (("gold", "toml"), ("corpus", "txt")):
            (data / folder / f"{name}.{ext}").rename(extra / folder / f"{name}.{ext}")
    runs = {}
    for option in ("--extra", "--extra-review"):
        out = tmp_path / option.strip("-")
        args = ["train", "--data", str(data / "gold"), option, str(extra / "gold")]
        result = CliRunner().invoke(cli, [*args, "--out", str(out), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["training_only"] == 2
        runs[option] = out
    # the relation model learns from the four real articles, plus the two only with --extra
    assert LinearModel.load(runs["--extra"] / RELATIONS).meta["documents"] == 6
    assert LinearModel.load(runs["--extra-review"] / RELATIONS).meta["documents"] == 4
    assert LinearModel.load(runs["--extra"] / RELATIONS).meta["real"] == 4


@pytest.mark.slow
def test_learn_train_a_set_whose_errors_were_read_is_trained_on_as_real_never_scored(
    data, tmp_path
):
    seen = tmp_path / "seen"
    (seen / "gold").mkdir(parents=True)
    (seen / "corpus").mkdir()
    for name in ("a5", "a6"):
        for folder, ext in (("gold", "toml"), ("corpus", "txt")):
            (data / folder / f"{name}.{ext}").rename(seen / folder / f"{name}.{ext}")
    out = tmp_path / "model"
    args = ["train", "--data", str(data / "gold"), "--train-only", str(seen / "gold")]
    result = CliRunner().invoke(cli, [*args, "--cv", "2", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    # scored: the four articles of --data alone; learned from: all six, as real articles
    assert report["documents"] == 4 and report["training_only"] == 2
    assert report["total"]["relation"]["gold"] == 4
    meta = LinearModel.load(out / RELATIONS).meta
    assert (meta["documents"], meta["real"]) == (6, 6)


def test_learn_train_names_a_missing_folder(tmp_path):
    missing = tmp_path / "nowhere"
    result = CliRunner().invoke(cli, ["train", "--data", str(missing), "--no-save"])
    assert result.exit_code == 1
    assert str(missing) in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_a_relation_the_gold_marks_optional_is_no_training_example(tmp_path):
    """A fact the gold marks optional (implied, not stated) teaches neither that the pair is
    related nor that it is not; a required one is a positive example."""
    from crossroads.extraction.extractor import Extractor
    from crossroads.learn.train import find_sets, prepare

    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus" / "b1.txt").write_text(
        "Kazakhstan is a member of the Collective Security Treaty Organization. "
        "Tajikistan is a member of the Shanghai Cooperation Organisation.\n"
    )
    gold = _gold(
        "b1",
        [
            ("Kazakhstan", "member_of", "Collective Security Treaty Organization"),
            ("Tajikistan", "member_of", "Shanghai Cooperation Organisation"),
        ],
    )
    (tmp_path / "gold" / "b1.toml").write_text(gold + "optional = true\n")
    real, _ = prepare(find_sets(f"{tmp_path / 'gold'}:{tmp_path / 'corpus'}"), Extractor())
    names = {eid: e.name for ex in real for eid, e in ex.parsed.sdoc._.entities.items()}
    labels = {(names[a], names[b]): y for ex in real for _, y, (a, b) in ex.rows}
    kz = next(k for k in labels if k[0] == "Kazakhstan" and "Collective" in k[1])
    assert labels[kz] == "member_of"
    assert not [k for k in labels if k[0] == "Tajikistan" and "Shanghai" in k[1]]


def test_learn_folds_hold_a_whole_series_out_together():
    import re

    from crossroads.learn.train import folds

    sources = [f"{c}{n}_report.txt" for c in "abcdefg" for n in range(1, 5)] + ["001_brief.txt"]
    series = folds(sources, 5, re.compile(r"^[a-z](?=[0-9])"))
    for c in "abcdefg":
        assert len({series[s] for s in sources if s[0] == c}) == 1
    assert set(series.values()) == set(range(5))
    plain = folds(sources, 5)  # by file: a series is spread over folds
    assert len({plain[s] for s in sources if s[0] == "a"}) > 1


def test_learn_train_names_a_bad_fold_pattern(tmp_path):
    result = CliRunner().invoke(
        cli, ["train", "--data", str(tmp_path), "--cv", "5", "--fold-by", "[a-z", "--no-save"]
    )
    assert result.exit_code == 2
    assert "--fold-by" in result.output and "[a-z" in result.output
    assert "Traceback" not in result.output
