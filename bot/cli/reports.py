"""`antifraud reports`: the variant radar's clusters and the open-data export."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli.common import app, fail, print_json

reports_app = typer.Typer(help="Opt-in reports from the public: radar and export.",
                          no_args_is_help=True)
app.add_typer(reports_app, name="reports")
_SPAN = re.compile(r"(\d{1,4})([dh])")


def parse_since(value: str | None) -> timedelta | None:
    """'7d' or '48h' as a timedelta; None for everything."""
    if value is None:
        return None
    m = _SPAN.fullmatch(value.strip())
    if m is None:
        raise fail(f"--since {value!r}: use a number of days or hours, for example 7d or 48h", 2)
    n = int(m.group(1))
    return timedelta(days=n) if m.group(2) == "d" else timedelta(hours=n)


def load(since: timedelta | None, now: datetime) -> list[Any]:
    """Reports since now - since (all if None), from the configured database."""
    from bot.cli.broadcast import _engine_run
    from bot.storage.report_store import load_reports

    cutoff = None if since is None else now - since

    async def work(engine: Any) -> list[Any]:
        return await load_reports(engine, cutoff)

    return list(asyncio.run(_engine_run(work)))


@reports_app.command("clusters")
def clusters(
    since: Annotated[str | None, typer.Option(help="Only reports this recent: 7d, 48h")] = "7d",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    min_size: Annotated[int, typer.Option(help="Hide smaller clusters")] = 2,
) -> None:
    """Near-duplicate clusters: size, growth, verdict mix, domains, numbers seen, a sample."""
    from bot.radar.radar import radar_views

    now = datetime.now(UTC)
    span = parse_since(since)
    reports = load(span, now)
    days = max(1, span.days if span is not None and span.days else 7)
    views = radar_views(reports, now, days, min_size)
    if as_json:
        print_json({"reports": len(reports), "clusters": [v.as_dict() for v in views]})
        return
    typer.echo(f"{len(reports)} reports, {len(views)} clusters of {min_size}+")
    for v in views:
        mark = "NEW " if v.new else "    "
        verdicts = ", ".join(f"{k} {n}" for k, n in v.verdicts.items())
        typer.echo(f"{mark}#{v.id:<6} size {v.size:<4} +{v.growth_24h}/24h  {verdicts}  "
                   f"conf {v.confidence}  {' '.join(v.domains)}")
        typer.echo(f"       {v.sample[:100]!s}")


@reports_app.command("export")
def export(out: Annotated[Path, typer.Option("-o", "--out", help="JSON Lines file to write")],
           ) -> None:
    """Redacted reports and clusters as JSON Lines, with FILE.schema.json and FILE.card.md."""
    from bot.radar.export import write_export

    reports = load(None, datetime.now(UTC))
    try:
        written = write_export(reports, out)
    except OSError as exc:
        raise fail(f"{out}: {exc}") from exc
    typer.echo(f"{len(reports)} reports → " + ", ".join(str(p) for p in written))
