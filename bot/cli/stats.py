"""`antifraud stats`: how the public is doing, for anti-fraud staff."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli.common import app, fail, print_json, settings

RADAR_DAYS = 7  # `antifraud reports clusters`' default --since


def _bank() -> Any:
    from bot.content.loader import load_bank

    return load_bank(settings().content_dir)


def _names(bank: Any) -> dict[str, str]:
    from bot.core.content import pick

    return {k: pick(v.name, "en") for k, v in bank.scam_types.items()}


def _print_cohorts(cohorts: list[dict[str, Any]]) -> None:
    def pct(x: float | None) -> str:
        return "—" if x is None else f"{x:.0%}"

    for c in cohorts:
        d = c["discernment"]
        first, later = c["first_attempt"], c["later_attempts"]
        typer.echo(f"cohort {c['audience']} joined {c['joined_week']}: {c['users']} users; "
                   f"first attempts {pct(first['accuracy'])} of {first['answers']}, later "
                   f"{pct(later['accuracy'])} of {later['answers']}; scam-or-genuine hits "
                   f"{pct(d['hit_rate'])}, false alarms {pct(d['false_alarm_rate'])}, "
                   f"d′ {_d(d)}")
        for w in c["by_week"]:
            typer.echo(f"    week {w['week']}: d′ {_d(w)} ({w['scams']} scams, "
                       f"{w['genuine']} genuine)")


def _d(row: dict[str, Any]) -> str:
    if row["d_prime"] is None:
        return "—"
    lo, hi = row["ci95"]
    return f"{row['d_prime']:.2f} [{lo:.2f}, {hi:.2f}]"


def _draw(chart: Path, figures: dict[str, Any], names: dict[str, str]) -> None:
    """Write the PNG, or a clear error (a missing CJK font, a folder that can't be written)."""
    from bot.media.fonts import FontNotFoundError
    from bot.reports.chart import stats_chart

    try:
        chart.write_bytes(stats_chart(figures, names))
    except (OSError, FontNotFoundError) as exc:
        raise fail(f"{chart}: {exc}") from exc


@app.command("stats")
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    chart: Annotated[Path | None, typer.Option(help="Also draw a PNG chart to this file")]
    = None,
) -> None:
    """Users, activity, accuracy per scam type, most-missed questions, deliveries, learning,
    and the variant radar's clusters of the last 7 days (as `antifraud reports clusters`).

    Learning is per cohort (audience, week joined): accuracy on first attempts against later
    ones, and on scam-or-genuine items hit rate, false alarms and d′ per week since joining.
    """
    from bot.cli.common import engine_run
    from bot.learning.cohorts import cohort_report
    from bot.radar.radar import radar_report
    from bot.storage.report_store import reports_since
    from bot.storage.stats import answer_rows, collect

    bank = _bank()
    verdicts = {k: q.verdict for k, q in bank.questions.items() if q.verdict is not None}

    async def work(engine: Any) -> dict[str, Any]:
        now = datetime.now(UTC)
        async with engine.connect() as conn:
            figures = await collect(conn, now)
            figures["cohorts"] = cohort_report(await answer_rows(conn), verdicts)
            # The same clusters as `antifraud reports clusters` with its defaults (7d, 2+).
            recent = await reports_since(conn, now - timedelta(days=RADAR_DAYS))
            figures["radar"] = radar_report(recent, now, RADAR_DAYS)
            return figures

    figures = asyncio.run(engine_run(work))
    names = _names(bank)
    if chart is not None:
        _draw(chart, figures, names)
    if as_json:
        print_json(figures)
        return
    typer.echo(f"users {figures['users']} (active 7d {figures['active_7d']}, 30d "
               f"{figures['active_30d']}, blocked {figures['blocked']}), subscribers "
               f"{figures['subscribers']}, rounds {figures['rounds']}, answers "
               f"{figures['answers']}, broadcasts {figures['broadcasts']}")
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
    _print_cohorts(figures["cohorts"])
    radar = figures["radar"]
    typer.echo(f"radar ({RADAR_DAYS} days): {radar['reports']} reports, "
               f"{len(radar['clusters'])} clusters, "
               f"{sum(c['new'] for c in radar['clusters'])} new (antifraud reports clusters)")
    if chart is not None:
        typer.echo(f"chart written to {chart}")
