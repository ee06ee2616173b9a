"""The `antifraud` console command: one Typer app, one module per command group."""

from __future__ import annotations

from bot.cli import (
    bot_commands,
    broadcast,
    check,
    content,
    content_edit,
    db,
    health,
    ingest,
    media,
    stats,
)
from bot.cli.common import app

__all__ = ["app", "main"]

# Registering is importing: each module adds its commands to `app`.
_GROUPS = (bot_commands, broadcast, content, ingest, content_edit, db, media, stats, check, health)


def main() -> None:
    """Entry point."""
    app()
