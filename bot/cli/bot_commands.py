"""`antifraud run` and `antifraud sandbox`: the bot itself."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from bot.cli.common import app, settings
from bot.config import Framework, Settings

FrameworkOption = Annotated[
    Framework | None,
    typer.Option(help="python-telegram-bot or aiogram 3 (default: BOT_FRAMEWORK, else ptb)"),
]


def _settings(framework: Framework | None) -> Settings:
    """Settings from the environment, with --framework taking precedence (validated again)."""
    from pydantic import ValidationError

    cfg = settings()
    if framework is None:
        return cfg
    try:
        return Settings.model_validate({**dict(cfg), "bot_framework": framework})
    except ValidationError as exc:
        typer.secho(f"Configuration error:\n{exc}", fg="red", err=True)
        raise typer.Exit(2) from exc


@app.command()
def run(framework: FrameworkOption = None) -> None:
    """Run the bot with long polling; without a token, start the offline sandbox."""
    from bot.logs import setup_logging
    from bot.runner import run_bot

    cfg = _settings(framework)
    if cfg.telegram_bot_token is None:
        typer.echo("TELEGRAM_BOT_TOKEN is not set: starting the offline sandbox instead.")
        sandbox(framework=framework)
        return
    setup_logging(cfg.log_level, [cfg.telegram_bot_token.get_secret_value()])
    asyncio.run(run_bot(cfg))


@app.command()
def sandbox(
    user_id: Annotated[int, typer.Option(help="The simulated user's id")] = 10001,
    language: Annotated[str, typer.Option(help="The simulated user's language_code")] = "zh-hans",
    framework: FrameworkOption = None,
) -> None:
    """Chat with the real bot offline: local Bot API emulator + bot + a terminal chat."""
    from bot.logs import setup_logging
    from bot.sandbox import run_sandbox

    cfg = _settings(framework)
    setup_logging("WARNING", [])
    asyncio.run(run_sandbox(cfg, user_id=user_id, language=language))
