"""The `crossroads` click group and the options every command shares."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import click

from crossroads import settings
from crossroads.exc import CrossroadsError

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crossroads")
def cli() -> None:
    """crossroads: evidence-grounded knowledge from regional reporting.

    Example:

        crossroads ingest examples/briefs/ && crossroads entities --type ArmedGroup
    """


def db_option(fn: F) -> F:
    """--db URL_OR_PATH, defaulting to $CROSSROADS_DB or ./crossroads.db."""
    return click.option(
        "--db",
        "db",
        default=lambda: settings.get("db"),
        show_default="crossroads.db",
        envvar="CROSSROADS_DB",
        help="Database path or postgresql:// URL.",
    )(fn)


def pack_option(fn: F) -> F:
    """--pack FOLDER (repeatable): extra or replacement knowledge-pack folders."""
    return click.option(
        "--pack",
        "packs",
        multiple=True,
        type=click.Path(exists=True, file_okay=False),
        help="Knowledge pack folder to add (repeatable).",
    )(fn)


def friendly_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn crossroads' own errors into one red line and exit code 1 (no traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except CrossroadsError as exc:
            from crossroads.cli.terminal import safe

            click.secho(f"Error: {safe(str(exc))}", fg="red", err=True)
            sys.exit(1)
        except BrokenPipeError:
            raise click.Abort()

    return wrapper
