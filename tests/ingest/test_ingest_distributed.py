"""Extraction on a Dask cluster: a real LocalCluster on 127.0.0.1, real spaCy, real SQLite.

The cluster's one worker process loads the spaCy pipeline once for the whole module. Skipped
where the optional 'distributed' package is not installed.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from crossroads.cli.main import cli
from crossroads.ingest.pipeline import Ingest, dask_extractor_factory, default_extractor_factory
from crossroads.store import open_store

pytest.importorskip("distributed")

TEXTS = {
    "water.txt": "Officials from Tajikistan and Uzbekistan met in Dushanbe on Monday to discuss "
    "sharing water from the Amu Darya. The Uzbek delegation said that the new dam "
    "should not cut the flow to farms downstream.\n",
    "border.txt": "Pakistan closed the Torkham crossing with Afghanistan for three days, traders "
    "in Peshawar said. The Taliban asked Islamabad to reopen the border quickly.\n",
}


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Address of a one-worker LocalCluster (one process, one thread), closed afterwards."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:  # no fixed 8787
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _ingest(db: Path, factory, corpus: Path):
    with open_store(str(db)) as store:
        extractor = None

        def make():
            nonlocal extractor
            extractor = factory()
            return extractor

        try:
            report = Ingest(store, make, max_bytes=1 << 20).run([str(corpus)])
        finally:
            if hasattr(extractor, "close"):
                extractor.close()
        entities = sorted((e.id, e.type, n) for e, n in store.entities())
        return report, entities, store.stats()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_ingest_distributed_reads_the_same_entities_as_local(scheduler, corpus, tmp_path):
    remote, remote_entities, remote_stats = _ingest(
        tmp_path / "dask.db", dask_extractor_factory(scheduler), corpus
    )
    _, local_entities, local_stats = _ingest(
        tmp_path / "local.db", default_extractor_factory(processes=1), corpus
    )
    assert remote.errors == [] and remote.new == 2
    assert {"e:country/tj", "e:country/uz", "e:country/pk", "e:country/af"} <= {
        e for e, _, _ in remote_entities
    }
    assert remote_entities == local_entities
    assert remote_stats == local_stats


@pytest.mark.slow
def test_ingest_distributed_worker_failure_is_one_error_per_document(scheduler, corpus, tmp_path):
    """The model is missing on the workers: every document says so, the run ends normally,
    nothing half-read is stored, and the next run with a working cluster reads them."""
    db = tmp_path / "x.db"
    report, entities, stats = _ingest(
        db, dask_extractor_factory(scheduler, model="no_such_model"), corpus
    )
    assert report.read == 2 and report.failed == 2 and report.new == 0
    assert len(report.errors) == 2
    for name, line in zip(sorted(TEXTS), sorted(report.errors)):
        assert line.startswith(str(corpus / name)) and "extraction failed on the cluster" in line
        assert "no_such_model" in line
    assert stats["documents"] == 0 and entities == []
    again, entities, _ = _ingest(db, dask_extractor_factory(scheduler), corpus)
    assert again.new == 2 and again.errors == [] and entities


@pytest.mark.slow
def test_ingest_distributed_cli_summary_names_stored_documents(scheduler, corpus, tmp_path):
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--dask", scheduler, str(corpus)])
    assert result.exit_code == 0, result.output
    assert "read 2, new 2, duplicate 0, near-duplicate 0, failed 0" in result.output
    with open_store(str(db)) as store:
        assert store.stats()["entities"] > 0


def test_ingest_distributed_unreachable_scheduler_is_one_line_and_changes_nothing(corpus, tmp_path):
    db = tmp_path / "kept.db"
    with open_store(str(db)) as store:
        Ingest(store, None, max_bytes=1 << 20).run([str(corpus / "water.txt")])
        before = store.stats()
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--dask", address, str(corpus)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and address in lines[0] and "Dask scheduler" in lines[0]
    with open_store(str(db)) as store:
        assert store.stats() == before
