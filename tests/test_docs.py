"""The README is the front door: every command and setting must be documented there."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from crossroads import settings
from crossroads.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        out.append(prefix + name)
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, prefix + name + " "))
    return out


@pytest.mark.parametrize("command", _commands(cli))
def test_docs_every_command_is_in_the_readme(command):
    assert re.search(rf"crossroads {re.escape(command)}\b", README), (
        f"README lacks `crossroads {command}`"
    )


@pytest.mark.parametrize("name", sorted(settings.SETTINGS))
def test_docs_every_setting_is_in_the_readme(name):
    assert f"CROSSROADS_{name.upper()}" in README, f"README lacks CROSSROADS_{name.upper()}"


def test_docs_readme_names_every_runtime_dependency():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for dep in deps:
        name = re.split(r"[<>=\[ ]", dep)[0]
        assert name in README, f"README's dependency table lacks {name}"
