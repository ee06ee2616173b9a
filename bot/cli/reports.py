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
    from bot.cli.common import engine_run
    from bot.storage.report_store import load_reports

    cutoff = None if since is None else now - since

    async def work(engine: Any) -> list[Any]:
        return await load_reports(engine, cutoff)

    return list(asyncio.run(engine_run(work)))


@reports_app.command("clusters")
def clusters(
    since: Annotated[str | None, typer.Option(help="Only reports this recent: 7d, 48h")] = "7d",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    min_size: Annotated[int, typer.Option(help="Hide smaller clusters")] = 2,
) -> None:
    """Near-duplicate clusters: size, growth, verdict mix, domains, numbers seen, a sample."""
    from bot.radar.radar import radar_report

    now = datetime.now(UTC)
    span = parse_since(since)
    reports = load(span, now)
    days = max(1, span.days if span is not None and span.days else 7)
    data = radar_report(reports, now, days, min_size)
    if as_json:
        print_json(data)
        return
    views: list[dict[str, Any]] = data["clusters"]
    typer.echo(f"{len(reports)} reports, {len(views)} clusters of {min_size}+")
    for v in views:
        mark = "NEW " if v["new"] else "    "
        verdicts = ", ".join(f"{k} {n}" for k, n in v["verdicts"].items())
        typer.echo(f"{mark}#{v['id']:<6} size {v['size']:<4} +{v['growth_24h']}/24h  "
                   f"{verdicts}  conf {v['confidence']}  {' '.join(v['domains'])}")
        typer.echo(f"       {v['sample'][:100]!s}")


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


@reports_app.command("rekey")
def rekey(
    old_token_file: Annotated[Path | None, typer.Option(
        help="A file holding the bot token the reports were hashed under (after a rotation)")]
    = None,
    old_key_file: Annotated[Path | None, typer.Option(
        help="A file holding the old REPORTS_HASH_KEY (or an older version's key file)")]
    = None,
) -> None:
    """Move reports to the reporter key in use, so /mydata and /forget find them again.

    Needed after the bot token or REPORTS_HASH_KEY changed (the key in use is the current
    setting's); secrets are read from files so they never show in the process list.
    """
    from bot.cli.common import engine_run, settings
    from bot.radar.keys import derive_key
    from bot.secret_files import SecretFileError, read_secret
    from bot.storage.report_store import rekey_reports

    if (old_token_file is None) == (old_key_file is None):
        raise fail("give one of --old-token-file or --old-key-file", 2)
    try:
        if old_token_file is not None:
            old = derive_key(read_secret("--old-token-file", str(old_token_file)).strip())
        else:
            old = read_secret("--old-key-file", str(old_key_file)).strip().encode()
        new = settings().reports_key()
    except (SecretFileError, ValueError) as exc:
        raise fail(str(exc), 2) from None
    if old == new:
        typer.echo("the old key is the key in use: nothing to move")
        return

    async def work(engine: Any) -> Any:
        return await rekey_reports(engine, old, new)

    done = asyncio.run(engine_run(work))
    typer.echo(f"moved {done.reports} reports of {done.reporters} reporters to the key in use "
               f"({done.duplicates} sent under both keys kept once; {done.unknown} reporters "
               f"match no user under either key and were left as they are)")


def cluster_of(report_id: int) -> tuple[list[Any], list[Any]]:
    """The cluster holding a report (a cluster's id is its first report's), and all reports."""
    from bot.radar.radar import Radar

    reports = load(None, datetime.now(UTC))
    radar = Radar()
    radar.add_all(reports)
    for members in radar.clusters():
        if any(r.id == report_id for r in members):
            return members, reports
    raise fail(f"no report {report_id}; see `antifraud reports clusters`")


def technique_names(locale: str = "zh-Hans") -> dict[str, str]:
    """Technique ids to their names, from the content bank."""
    from bot.cli.common import settings
    from bot.content.loader import load_bank
    from bot.core.content import pick

    bank = load_bank(settings().content_dir)
    return {k: pick(v.name, locale) for k, v in getattr(bank, "techniques", {}).items()}


def _known_words(data: object) -> set[str]:
    if isinstance(data, dict):
        return {str(k).lower() for k in data} | {w for v in data.values()
                                                 for w in _known_words(v)}
    if isinstance(data, list):
        return {w for v in data for w in _known_words(v)}
    return {data.lower()} if isinstance(data, str) else set()


lexicon_app = typer.Typer(help="The scam checker's lexicon.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("suggest")
def lexicon_suggest(
    since: Annotated[str | None, typer.Option(help="Reports this recent: 7d, 48h")] = "30d",
    min_size: Annotated[int, typer.Option(help="Only clusters this large")] = 3,
) -> None:
    """Propose decisive phrases and domains from new clusters (YAML to review, not applied)."""
    import yaml

    from bot.cli.common import settings
    from bot.content.entries import read_yaml
    from bot.radar.drafts import suggest_lexicon
    from bot.radar.radar import Radar, view

    now = datetime.now(UTC)
    reports = load(parse_since(since), now)
    known = _known_words(read_yaml(settings().content_dir / "lexicon.yaml"))
    radar = Radar()
    radar.add_all(reports)
    out = []
    for members in radar.clusters():
        if len(members) >= min_size and view(members, now).new:
            ids = {m.id for m in members}
            others = [r for r in reports if r.id not in ids]
            out.append(suggest_lexicon(members, others, known))
    typer.echo("# Draft lexicon suggestions: review, then add to content/lexicon.yaml by hand.")
    typer.echo(yaml.safe_dump({"suggestions": out}, allow_unicode=True, sort_keys=False),
               nl=False)
