"""`antifraud run` and `antifraud sandbox`: the bot itself."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from bot.cli.common import app, settings


@app.command()
def run() -> None:
    """Run the bot with long polling; without a token, start the offline sandbox."""
    from bot.logs import setup_logging
    from bot.runner import run_bot

    cfg = settings()
    if cfg.telegram_bot_token is None:
        typer.echo("TELEGRAM_BOT_TOKEN is not set: starting the offline sandbox instead.")
        sandbox()
        return
    setup_logging(cfg.log_level, [cfg.telegram_bot_token.get_secret_value()])
    asyncio.run(run_bot(cfg))


@app.command()
def sandbox(
    user_id: Annotated[int, typer.Option(help="The simulated user's id")] = 10001,
    language: Annotated[str, typer.Option(help="The simulated user's language_code")] = "zh-hans",
) -> None:
    """Chat with the real bot offline: local Bot API emulator + bot + a terminal chat."""
    from bot.logs import setup_logging
    from bot.sandbox import run_sandbox

    cfg = settings()
    setup_logging("WARNING", [])
    asyncio.run(run_sandbox(cfg, user_id=user_id, language=language))
