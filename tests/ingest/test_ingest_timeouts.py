"""Each file's reading runs under a time limit in a child that is killed when it overruns,
and no process an ingest started outlives it (kill -9 included)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_files import make_pdf

from crossroads.cli import cli
from crossroads.store import open_store

BRIEF = (
    "The water commission of the two upstream states met in the border town on Tuesday. "
    "Its members agreed to share data on the reservoir levels every week.\n"
)


def _heavy_pdf() -> bytes:
    """A 5 MB PDF whose one page holds 300k text operators (pypdf spends minutes on it)."""
    return make_pdf([[f"w{i % 97}" for i in range(300_000)]])


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-brief.txt").write_text(BRIEF, encoding="utf-8")
    (folder / "b-heavy.pdf").write_bytes(_heavy_pdf())
    (folder / "c-brief.txt").write_text(BRIEF.replace("Tuesday", "Friday"), encoding="utf-8")
    (folder / "d-breaks.html").write_text(
        "<html><body><p>" + "word<br>" * 250_000 + "</p>", encoding="utf-8"
    )  # trafilatura spends ~50 s
    return folder


def test_timeouts_a_stuck_reader_is_stopped_and_the_batch_goes_on(tmp_path):
    folder = _folder(tmp_path)
    db = tmp_path / "t.db"
    started = time.perf_counter()
    result = CliRunner().invoke(
        cli, ["ingest", str(folder), "--db", str(db), "--no-extract", "--read-timeout", "2"]
    )
    took = time.perf_counter() - started
    assert result.exit_code == 1
    assert "new 2" in result.stdout and "failed 2" in result.stdout
    assert "b-heavy.pdf: timeout: reading took over 2 s" in result.stderr
    assert "d-breaks.html: timeout" in result.stderr
    assert took < 30, took
    with open_store(str(db)) as store:
        assert {d.source for d in store.documents()} == {"a-brief.txt", "c-brief.txt"}


# -- no orphans ----------------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _descendants(pid: int) -> set[int]:
    kids, out, todo = _children(), set(), [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.add(k)
            todo.append(k)
    return out


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _kill_and_check(args: list[str], tmp_path: Path, wait_for: int, timeout: float = 120) -> None:
    """Start an ingest, wait until it has ``wait_for`` child processes, kill -9 it, and
    check that every process it started is gone."""
    with open(tmp_path / "ingest.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from crossroads.cli import main; main()", "ingest", *args],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        seen: set[int] = set()
        try:
            while len(seen) < wait_for:
                assert proc.poll() is None, (tmp_path / "ingest.log").read_text()
                assert time.monotonic() < deadline, "the ingest never started its workers"
                seen |= {p for p in _descendants(proc.pid) if _running(p)}
                time.sleep(0.2)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
    deadline = time.monotonic() + 15
    while (left := [p for p in seen if _running(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    for p in left:  # do not leave them to the next test
        os.kill(p, signal.SIGKILL)
    assert not left, f"processes outlived the killed ingest: {left}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_timeouts_reader_child_dies_with_a_killed_ingest(tmp_path):
    folder = _folder(tmp_path)
    _kill_and_check(
        [str(folder), "--db", str(tmp_path / "k.db"), "--no-extract", "--read-timeout", "300"],
        tmp_path,
        wait_for=1,
    )


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_timeouts_spacy_workers_die_with_a_killed_ingest(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        text = " ".join(
            f"Officials of Tajikistan met envoys from Uzbekistan in Dushanbe on day {n}."
            for n in range(i * 200, i * 200 + 200)
        )
        (folder / f"brief-{i:02d}.txt").write_text(text, encoding="utf-8")
    # the reader child and two spaCy workers
    _kill_and_check(
        [str(folder), "--db", str(tmp_path / "w.db"), "--processes", "2"], tmp_path, wait_for=3
    )
