"""The shared Typer app and helpers for every command group."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from bot.config import Settings

app = typer.Typer(help="反诈答题 bot: anti-fraud quiz bot and admin tools.", no_args_is_help=True)


def settings() -> Settings:
    """Settings from the environment and .env, or a clear error and exit code 2."""
    from pydantic import ValidationError

    from bot.secret_files import SecretFileError

    try:
        return Settings()
    except ValidationError as exc:
        typer.secho(config_error(exc), fg="red", err=True)
        raise typer.Exit(2) from exc
    except SecretFileError as exc:
        typer.secho(f"Configuration error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from None


def config_error(exc: Any) -> str:
    """One line per bad setting, named as in the environment, without echoing the value."""
    lines = []
    for err in exc.errors():
        name = "_".join(str(part) for part in err["loc"]).upper() or "settings"
        lines.append(f"Configuration error: {name}: {err['msg'].removeprefix('Value error, ')}")
    return "\n".join(lines)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error in red to stderr and return the Exit to raise."""
    typer.secho(message, fg="red", err=True)
    return typer.Exit(code)


def print_json(data: Any) -> None:
    """Write JSON to stdout, keeping Chinese readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
