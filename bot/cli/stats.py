"""`antifraud stats`: how the public is doing, for anti-fraud staff."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli.common import app, fail, print_json, settings


def _names() -> dict[str, str]:
    from bot.content.loader import load_bank
    from bot.core.content import pick

    bank = load_bank(settings().content_dir)
    return {k: pick(v.name, "en") for k, v in bank.scam_types.items()}


@app.command("stats")
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    chart: Annotated[Path | None, typer.Option(help="Also draw a PNG chart to this file")]
    = None,
) -> None:
    """Users, activity, accuracy per scam type, most-missed questions, deliveries."""
    from bot.cli.broadcast import _engine_run
    from bot.storage.stats import collect

    async def work(engine: Any) -> dict[str, Any]:
        async with engine.connect() as conn:
            return await collect(conn, datetime.now(UTC))

    figures = asyncio.run(_engine_run(work))
    if chart is not None:
        from bot.reports.chart import stats_chart

        try:
            chart.write_bytes(stats_chart(figures, _names()))
        except OSError as exc:
            raise fail(f"{chart}: {exc}") from exc
    if as_json:
        print_json(figures)
        return
    typer.echo(f"users {figures['users']} (active 7d {figures['active_7d']}, 30d "
               f"{figures['active_30d']}, blocked {figures['blocked']}), subscribers "
               f"{figures['subscribers']}, rounds {figures['rounds']}, answers "
               f"{figures['answers']}, broadcasts {figures['broadcasts']}")
    names = _names()
    for t, row in figures["accuracy_by_type"].items():
        typer.echo(f"  {names.get(t, t):36} {row['accuracy']:.0%} of {row['answers']}")
    if figures["most_missed"]:
        typer.echo("most missed: " + ", ".join(
            f"{m['question']} ({m['miss_rate']:.0%})" for m in figures["most_missed"]))
    for kind, counts in figures["deliveries"].items():
        typer.echo(f"{kind}: " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())))
    if figures["checks_30d"]:
        typer.echo("messages checked (30 days): " + ", ".join(
            f"{names.get(t, t)} {n}" for t, n in sorted(figures["checks_30d"].items())))
    if chart is not None:
        typer.echo(f"chart written to {chart}")
