"""`antifraud db …`: the database schema."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import app, settings

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Option(
        metavar="REV", help="Migrate to this revision (e.g. 0008); head is the newest")] = "head",
) -> None:
    """Apply database migrations."""
    from bot.app import migrate

    migrate(settings().database_url, revision)
    typer.echo(f"database at {revision}")
