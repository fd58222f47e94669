"""`crossroads ingest`: files and folders into the store, with a progress bar and a summary."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crossroads import settings
from crossroads.cli.main import cli, db_option, friendly_errors, pack_option
from crossroads.cli.terminal import SafeConsole, dumps
from crossroads.ingest import failed
from crossroads.ingest.pipeline import Ingest, dask_extractor_factory, default_extractor_factory
from crossroads.model import IngestReport
from crossroads.store import open_store

PROGRESS_MIN_FILES = 5
"""Below this many inputs a progress bar is noise."""

DASK_BATCH_FILES = 256
"""Files read per round with --dask: enough documents to keep a cluster's workers busy."""


@cli.command()
@click.argument("paths", nargs=-1)
@db_option
@pack_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--max-bytes",
    type=int,
    default=lambda: int(settings.get("max_bytes")),
    show_default="50 MB",
    help="Largest input file accepted.",
)
@click.option(
    "--read-timeout",
    type=float,
    default=lambda: float(settings.get("read_timeout")),
    show_default="60",
    help="Seconds one file's reading may take before it is stopped "
    "and reported as a timeout (0: no limit).",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Read again only the inputs whose last ingest into this store failed "
    "(and any PATHS given).",
)
@click.option("--no-extract", is_flag=True, help="Store documents only; read no entities or facts.")
@click.option(
    "--processes",
    type=int,
    default=None,
    help="Extraction worker processes (default: the 'processes' setting, 2).",
)
@click.option(
    "--dask",
    "scheduler",
    metavar="ADDRESS",
    default=None,
    help="Extract on the Dask cluster at this scheduler address (tcp://HOST:PORT); "
    "reading and storing stay here.",
)
@friendly_errors
def ingest(
    paths: tuple[str, ...],
    db: str,
    packs: tuple[str, ...],
    quiet: bool,
    as_json: bool,
    max_bytes: int,
    read_timeout: float,
    retry_failed: bool,
    no_extract: bool,
    processes: int | None,
    scheduler: str | None,
) -> None:
    """Read text, HTML and PDF files and folders (or - for standard input) into the store.

    Pages that carry several articles are split; exact and near duplicates are found
    before any extraction, so re-ingesting an unchanged folder does no work.

    Example:

        crossroads ingest examples/briefs/ report.pdf

        crossroads ingest --dask tcp://10.0.0.5:8786 archive/

        crossroads ingest --retry-failed      # only what failed last time
    """
    err = SafeConsole(stderr=True)
    if not paths and not retry_failed:
        raise click.UsageError("give the files or folders to ingest (or --retry-failed)")
    if scheduler and no_extract:
        raise click.UsageError("--dask and --no-extract exclude each other")
    if scheduler:  # connect before the store opens: a wrong address changes nothing
        cluster = dask_extractor_factory(scheduler, packs)()
        # a lost scheduler is reported per document below, not as Dask's client traceback
        # (after connecting: importing distributed sets its loggers' levels)
        for name in ("distributed.client", "distributed.core"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        try:
            report = _run(
                err,
                paths,
                db,
                max_bytes,
                lambda: cluster,
                quiet or as_json,
                batch_files=DASK_BATCH_FILES,
                read_timeout=read_timeout,
                retry_failed=retry_failed,
            )
        finally:
            cluster.close()
    else:
        factory = None if no_extract else default_extractor_factory(packs, processes)
        report = _run(
            err,
            paths,
            db,
            max_bytes,
            factory,
            quiet or as_json,
            read_timeout=read_timeout,
            retry_failed=retry_failed,
        )
    for line in report.errors:
        err.print(f"[red]error[/red] {line}", highlight=False, soft_wrap=True)
    if as_json:
        click.echo(dumps(report.as_dict(), indent=1))
    elif not quiet:
        click.echo(
            f"read {report.read}, new {report.new}, duplicate {report.duplicate}, "
            f"near-duplicate {report.near_duplicate}, failed {report.failed} "
            f"({len(report.documents)} article documents stored, {report.seconds:.1f} s)"
        )
    if report.failed:
        sys.exit(1)


def _run(
    err: SafeConsole,
    paths: Sequence[str],
    db: str,
    max_bytes: int,
    factory: Callable[[], Any] | None,
    no_bar: bool,
    batch_files: int = 32,
    read_timeout: float = 0,
    retry_failed: bool = False,
) -> IngestReport:
    """One ingest run into the store at ``db``, with a progress bar on a terminal; what
    failed is remembered for --retry-failed."""
    with open_store(db) as store:
        if retry_failed:
            before = failed.load(store.url)
            if not before and not no_bar:
                err.print("nothing failed in the last ingests into this store", highlight=False)
            paths = [*before, *(p for p in paths if p not in before)]
        runner = Ingest(
            store,
            factory,
            max_bytes=max_bytes,
            near_dup_threshold=float(settings.get("near_dup_threshold")),
            batch_files=batch_files,
            read_timeout=read_timeout,
        )
        if not no_bar and err.is_terminal:
            with Progress(
                TextColumn("[bold]ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task("", total=None)

                def progress(done: int, total: int, name: str) -> None:
                    bar.update(
                        task,
                        completed=done,
                        total=total,
                        description=name[-50:],
                        visible=total > PROGRESS_MIN_FILES,
                    )

                report = runner.run(paths, progress)
        else:
            report = runner.run(paths)
        failed.update(store.url, runner.failed_inputs, runner.ok_inputs)
    return report
