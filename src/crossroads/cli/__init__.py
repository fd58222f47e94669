"""Command-line interface: thin wrappers over importable functions, one module per area."""

from __future__ import annotations

import importlib

from crossroads.cli.main import cli

# each module adds its commands to `cli` when imported
_MODULES = ("ingest", "query", "facts", "analyze", "export", "serve", "train")
for _name in _MODULES:
    try:
        importlib.import_module(f"crossroads.cli.{_name}")
    except ModuleNotFoundError as exc:  # a module not written yet: skip only that one
        if exc.name != f"crossroads.cli.{_name}":
            raise


def main() -> None:
    cli(prog_name="crossroads")


__all__ = ["cli", "main"]
