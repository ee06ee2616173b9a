"""`antifraud content …`: the content bank."""

from __future__ import annotations

import typer

from bot.cli.common import app, settings

content_app = typer.Typer(help="The content bank.", no_args_is_help=True)
app.add_typer(content_app, name="content")


@content_app.command("validate")
def content_validate() -> None:
    """Check every content file; exits non-zero on any problem."""
    from bot.content.validate import validate_dir

    problems = validate_dir(settings().content_dir)
    for p in problems:
        typer.secho(str(p), fg="red", err=True)
    if problems:
        typer.secho(f"{len(problems)} problem(s)", fg="red", err=True)
        raise typer.Exit(1)
    typer.echo("content ok")
