"""CLI help in plain words: no Python types, a description for every option and argument,
`broadcast create` says what it needs and which clock --at reads, and `--version` works."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest
import typer
from typer.testing import CliRunner

from bot.cli import app
from tests.cli.test_cli import antifraud

TYPE_LEAK = re.compile(r"<(str|int|float|bool|path|file|list\[[^\]]*\]|[a-z ]+ range)>")


def commands() -> list[tuple[list[str], typer.core.TyperCommand]]:
    """Every leaf command with its path of names."""
    found: list[tuple[list[str], typer.core.TyperCommand]] = []

    def walk(cmd: object, path: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs is None:
            found.append((path, cmd))  # type: ignore[arg-type]
            return
        for name, sub in subs.items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = commands()


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_has_no_type_leaks_and_describes_every_option(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert TYPE_LEAK.search(result.output) is None, result.output
    command = dict((tuple(p), c) for p, c in COMMANDS)[tuple(path)]
    assert command.help, path
    undocumented = [p.name for p in command.params if not getattr(p, "help", None)]
    assert undocumented == [], (path, undocumented)


def test_top_level_help_and_version() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "120"})
    assert TYPE_LEAK.search(result.output) is None and "--version" in result.output
    run = antifraud("--version")
    expected = f"antifraud {version('antifraud-quiz-bot')}"
    assert run.returncode == 0 and run.stdout.strip() == expected


def test_broadcast_create_says_what_it_needs_and_which_clock() -> None:
    text = CliRunner().invoke(app, ["broadcast", "create", "--help"],
                              env={"COLUMNS": "200"}).output
    flat = " ".join(text.replace("│", " ").split())
    assert "give --tip ID or --text-file FILE (exactly one)" in flat
    assert "in DEFAULT_TIMEZONE (Asia/Shanghai unless set)" in flat
