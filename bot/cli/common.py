"""The shared Typer app and helpers for every command group."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
import typer.core

from bot.config import Settings

# Typer prints each value's Python type (`<str>`, `<list[str]>`, `<bool>` even on plain flags);
# help speaks in plain words instead: a flag shows nothing, a value a capitalised word.
PLAIN_TYPES = {"str": "TEXT", "int": "NUMBER", "float": "NUMBER", "int range": "NUMBER",
               "path": "FILE", "file": "FILE", "directory": "FOLDER", "datetime": "DATE",
               "list[str]": "TEXT...", "bool": ""}


def _plain_type(param: typer.core.TyperOption | typer.core.TyperArgument,
                ctx: typer.core._click.Context) -> str | None:
    """The value's name in help: its metavar, a plain word for its type, or the choices."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if param.metavar is not None:  # an argument's metavar is already its name in the table
        return None if isinstance(param, typer.core.TyperArgument) else param.metavar
    raw = typer.core._TyperParameter.display_type(param, ctx).strip("<>")
    return PLAIN_TYPES.get(raw, raw) or None


typer.core.TyperOption.display_type_rich = _plain_type  # type: ignore[method-assign,assignment]
typer.core.TyperArgument.display_type_rich = _plain_type  # type: ignore[method-assign,assignment]

app = typer.Typer(help="反诈答题 bot: anti-fraud quiz bot and admin tools. Configuration comes "
                  "from the environment or a .env file (see README).", no_args_is_help=True)


def _version(value: bool) -> None:
    """--version: print the installed version and stop."""
    if value:
        from importlib.metadata import version

        typer.echo(f"antifraud {version('antifraud-quiz-bot')}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit")) -> None:
    """反诈答题 bot: anti-fraud quiz bot and admin tools."""


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


async def engine_run(work: Any) -> Any:
    """Migrate the configured database, then run `work(engine)` on it."""
    from bot.app import migrate_async
    from bot.storage.engine import make_engine

    url = settings().database_url
    await migrate_async(url)
    engine = make_engine(url)
    try:
        return await work(engine)
    finally:
        await engine.dispose()
