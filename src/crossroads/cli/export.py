"""`crossroads export`: the store in a format other tools read."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from crossroads.cli.main import cli, db_option, friendly_errors, pack_option
from crossroads.export import FORMATS, writer
from crossroads.pack import load_pack
from crossroads.store import open_store


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="jsonl",
    show_default=True,
    help="jsonl: facts export (docs/export.md); ftm: FollowTheMoney; csv: events; graphml: network.",
)
@click.option(
    "--out", "-o", default="-", show_default=True, help="Output file, - for standard output."
)
@click.option(
    "--source", default=None, help="Only documents read from this input file (base name)."
)
@db_option
@pack_option
@friendly_errors
def export(fmt: str, out: str, source: str | None, db: str, packs: tuple[str, ...]) -> None:
    """Write the store's documents and facts for other tools.

    Example:

        crossroads export --format jsonl --out facts.jsonl
    """
    write = writer(fmt)
    pack = None
    if fmt != "jsonl":
        pack = load_pack(packs)
    with open_store(db) as store:
        if out == "-":
            n = write(store, sys.stdout, source=source, pack=pack)
        else:
            tmp = Path(out + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = write(store, fh, source=source, pack=pack)
            tmp.replace(out)  # no half-written export left behind
    if out != "-":
        click.echo(f"wrote {n} records to {out}", err=True)
