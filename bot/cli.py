"""The `antifraud` console command."""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated

import typer

from bot.config import Settings

app = typer.Typer(help="反诈答题 bot: anti-fraud quiz bot and admin tools.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")
content_app = typer.Typer(help="The content bank.", no_args_is_help=True)
app.add_typer(content_app, name="content")
log = logging.getLogger("antifraud")


def _settings() -> Settings:
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as exc:
        typer.secho(f"Configuration error:\n{exc}", fg="red", err=True)
        raise typer.Exit(2) from exc


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Apply database migrations."""
    from bot.app import migrate

    settings = _settings()
    migrate(settings.database_url, revision)
    typer.echo(f"database at {revision}")


@content_app.command("validate")
def content_validate() -> None:
    """Check every content file; exits non-zero on any problem."""
    from bot.content.validate import validate_dir

    problems = validate_dir(_settings().content_dir)
    for p in problems:
        typer.secho(str(p), fg="red", err=True)
    if problems:
        typer.secho(f"{len(problems)} problem(s)", fg="red", err=True)
        raise typer.Exit(1)
    typer.echo("content ok")


@app.command()
def run() -> None:
    """Run the bot with long polling; without a token, start the offline sandbox."""
    from bot.logs import setup_logging
    from bot.runner import run_bot

    settings = _settings()
    if settings.telegram_bot_token is None:
        typer.echo("TELEGRAM_BOT_TOKEN is not set: starting the offline sandbox instead.")
        sandbox()
        return
    setup_logging(settings.log_level, [settings.telegram_bot_token.get_secret_value()])
    asyncio.run(run_bot(settings))


@app.command()
def sandbox(
    user_id: Annotated[int, typer.Option(help="The simulated user's id")] = 10001,
    language: Annotated[str, typer.Option(help="The simulated user's language_code")] = "zh-hans",
) -> None:
    """Chat with the real bot offline: local Bot API emulator + bot + a terminal chat."""
    from bot.logs import setup_logging
    from bot.sandbox import run_sandbox

    settings = _settings()
    setup_logging("WARNING", [])
    asyncio.run(run_sandbox(settings, user_id=user_id, language=language))


def main() -> None:
    """Entry point."""
    app()
