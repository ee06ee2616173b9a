"""The `antifraud` console command: one Typer app, one module per command group."""

from __future__ import annotations

import typer

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
    reports,
    stats,
)
from bot.cli.common import app

__all__ = ["app", "main"]

# Registering is importing: each module adds its commands to `app`.
_GROUPS = (bot_commands, broadcast, content, ingest, content_edit, db, media, stats, check, health,
           reports)


def main() -> None:
    """Entry point; a database that can't be written is one clear line, not a traceback."""
    from bot.storage.engine import DatabaseUnwritable

    try:
        app()
    except DatabaseUnwritable as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise SystemExit(2) from None
