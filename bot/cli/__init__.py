"""The `antifraud` console command: one Typer app, one module per command group."""

from __future__ import annotations

from bot.cli import bot_commands, content, content_edit, db
from bot.cli.common import app

__all__ = ["app", "main"]

# Registering is importing: each module adds its commands to `app`.
_GROUPS = (bot_commands, content, content_edit, db)


def main() -> None:
    """Entry point."""
    app()
