"""The learned metadata chooser: it fills what the layout rules leave empty, never overrides
them, and a user can rebuild it from their own annotated articles (with `crossroads train`
too).

Every page here is made up.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from crossroads.cli import cli
from crossroads.ingest import metadata_model
from crossroads.ingest.readers import load_bytes

MB = 1024 * 1024
TITLE = "Valley road talks resume after a long pause"
BODY = (
    "The two governments agreed on Monday to reopen the mountain road that links the valley "
    "towns, officials from both sides said after a long meeting in the border town.\n\n"
    "Traders welcomed the step and said the trucks would start moving again within a week.\n"
)


def _read(page: str, rules_only: bool = False) -> tuple[str | None, str | None, str | None]:
    if rules_only:
        with metadata_model.rules_only():
            doc = load_bytes(page.encode(), "page.txt", MB)[-1]
    else:
        doc = load_bytes(page.encode(), "page.txt", MB)[-1]
    assert doc.text.rstrip().endswith("within a week.")
    return doc.title, doc.author, doc.published


def test_metadata_model_ships_with_the_package():
    assert metadata_model.MODEL_PATH.is_file()
    assert metadata_model.MODEL_PATH.stat().st_size < 100_000
    assert metadata_model.shipped() is not None


def test_metadata_model_reads_a_date_the_rules_leave_unread():
    # a section label, the date and a view counter on one line below the headline
    page = f"{TITLE}\n\nSection News 5 May 2021 views 120\n\n{BODY}"
    assert _read(page, rules_only=True) == (TITLE, None, None)
    assert _read(page) == (TITLE, None, "2021-05-05")


def test_metadata_model_keeps_what_the_rules_read():
    page = f"{TITLE}\n\nBy Lena March | May 5, 2021\n\n{BODY}"
    assert _read(page, rules_only=True) == (TITLE, "Lena March", "2021-05-05")
    assert _read(page) == (TITLE, "Lena March", "2021-05-05")


def test_metadata_model_invents_nothing_for_an_excerpt_without_a_head():
    assert _read(BODY) == (None, None, None)


def test_metadata_model_keeps_a_sites_today_bar_apart():
    # the date bar above the breadcrumb is the day the page was printed, not the article's
    page = f"Wednesday, 5 May 2021\nHome » Region\n\n{TITLE}\n\n{BODY}"
    assert _read(page)[2] is None


def _annotated(folder: Path) -> None:
    """Six made-up pages with their gold `[[article]]` records, as a user would annotate them."""
    (folder / "corpus").mkdir()
    (folder / "gold").mkdir()
    heads = [
        ("a1", f"{TITLE}\n\nBy Lena March\n\n05.05.2021\n\n", TITLE, "Lena March", "2021-05-05"),
        ("a2", f"date 2021-06-01 {BODY}", "", "", "2021-06-01"),
        (
            "a3",
            "Border posts reopen for trade\n\nSection News 7 June 2021 views 9\n\n",
            "Border posts reopen for trade",
            "",
            "2021-06-07",
        ),
        (
            "b1",
            "Ministers meet in the valley town\n\nOmar Faiz\n\n",
            "Ministers meet in the valley town",
            "Omar Faiz",
            "",
        ),
        ("b2", "", "", "", ""),
        (
            "b3",
            "A new bridge over the river\n\nPublished: 3 March 2020\n\n",
            "A new bridge over the river",
            "",
            "2020-03-03",
        ),
    ]
    for name, head, title, author, published in heads:
        text = head if head.startswith("date ") else head + BODY
        (folder / "corpus" / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / "gold" / f"{name}.toml").write_text(
            f'source = "{name}.txt"\n\n[[article]]\ntitle = "{title}"\n'
            f'author = "{author}"\npublished = "{published}"\n',
            encoding="utf-8",
        )


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crossroads.ingest.metadata_model", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(metadata_model.__file__).parents[2])},
    )


def test_metadata_model_retrains_the_same_file_from_annotated_articles(tmp_path):
    _annotated(tmp_path)
    data = f"mine={tmp_path / 'corpus'}:{tmp_path / 'gold'}"
    one, two = tmp_path / "one.npz", tmp_path / "two.npz"
    for out in (one, two):
        res = _cli("train", "--set", data, "--out", str(out))
        assert res.returncode == 0, res.stderr
        assert "6 single-article annotated files" in res.stderr
    assert one.read_bytes() == two.read_bytes()
    model = metadata_model.load(one)
    assert set(model) == {"title", "published", "author"}
    halves = [f"{p}={tmp_path / 'corpus'}:{tmp_path / 'gold'}:{p}" for p in ("a", "b")]
    res = _cli("cv", "--set", halves[0], "--set", halves[1], "--folds", "2")
    assert res.returncode == 0, res.stderr
    assert "held-out a" in res.stdout and "held-out b" in res.stdout
    assert "held-out total   model" in res.stdout and "/6" in res.stdout


def test_metadata_model_names_a_bad_data_option(tmp_path):
    res = _cli("train", "--set", f"mine={tmp_path / 'nowhere'}:{tmp_path}")
    assert res.returncode != 0
    assert res.stderr.strip().splitlines()[-1].endswith("nowhere is not a folder")
    res = _cli("cv", "--set", "no-equals-sign")
    assert "expected NAME=CORPUS_DIR:GOLD_DIR[:PREFIX]" in res.stderr


def test_crossroads_train_rebuilds_the_metadata_model_byte_for_byte(tmp_path):
    _annotated(tmp_path)
    data = f"mine={tmp_path / 'corpus'}:{tmp_path / 'gold'}"
    res = _cli("train", "--set", data, "--out", str(tmp_path / "module.npz"))
    assert res.returncode == 0, res.stderr
    result = CliRunner().invoke(cli, ["train", "--metadata", data, "--out", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m" / "metadata.npz").read_bytes() == (tmp_path / "module.npz").read_bytes()
    # the retrained chooser reads, on a page it never saw, the layout it was shown
    page = f"{TITLE}\n\nSection World 9 July 2022 views 31\n\n{BODY}"
    assert _read(page, rules_only=True)[2] is None
    with metadata_model.using(tmp_path / "m" / "metadata.npz"):
        assert _read(page) == (TITLE, None, "2022-07-09")
    bad = CliRunner().invoke(
        cli, ["train", "--metadata", f"mine={tmp_path / 'nowhere'}:{tmp_path}"]
    )
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines()[-1] == (
        f"--metadata 'mine={tmp_path / 'nowhere'}:{tmp_path}': {tmp_path / 'nowhere'} is not a folder"
    )
