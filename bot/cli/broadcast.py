"""`antifraud broadcast …` and `antifraud stats`: messages to the public and the figures."""

from __future__ import annotations

import asyncio
import getpass
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer

from bot.cli.common import app, engine_run, fail, print_json, settings
from bot.core.content import AUDIENCES
from bot.core.locales import LOCALES

broadcast_app = typer.Typer(help="Broadcasts to users (all, or one audience).",
                            no_args_is_help=True)
app.add_typer(broadcast_app, name="broadcast")
TEXT_MAX = 3500  # leaves room for the header within Telegram's 4096 characters


def parse_at(value: str | None, tz: str, now: datetime) -> datetime:
    """'2026-11-23 09:30' or '09:30' (next occurrence, local time) or ISO with offset → UTC."""
    from bot.core.schedule import next_due, parse_time

    if not value:
        return now
    if (minute := parse_time(value)) is not None and len(value) <= 5:
        return next_due(now, minute, ZoneInfo(tz))
    try:
        at = datetime.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"--at: use HH:MM or YYYY-MM-DD HH:MM, not {value!r}") from exc
    return (at if at.tzinfo else at.replace(tzinfo=ZoneInfo(tz))).astimezone(UTC)


def _message_preview(kind: str, tip_id: str | None, text: str | None) -> str:
    from bot.content.loader import load_bank
    from bot.services.push import compose_broadcast
    from bot.texts.catalog import Texts

    bank = load_bank(settings().content_dir).published()
    msg = compose_broadcast(bank, {"kind": kind, "tip_id": tip_id, "text": text}, "zh-Hans")
    if msg is None:
        raise fail(f"no published tip {tip_id!r}; see `antifraud content list --kind tip`")
    return Texts().message(msg, "zh-Hans").text


@broadcast_app.command("create")
def create(
    tip: Annotated[str | None, typer.Option(
        metavar="ID", help="Send this tip from the content bank (see `content list --kind tip`)",
    )] = None,
    text_file: Annotated[Path | None, typer.Option(
        metavar="FILE", help="Or send the text in this UTF-8 file (HTML allowed)")] = None,
    audience: Annotated[str | None, typer.Option(
        metavar="WHO", help=f"Only this audience: {', '.join(AUDIENCES)} (default: everyone)",
    )] = None,
    language: Annotated[str | None, typer.Option(
        metavar="LANG", help="Only users of zh-Hans, zh-Hant or en (default: all)")] = None,
    at: Annotated[str | None, typer.Option(
        metavar="TIME", help="When: HH:MM (the next one) or 'YYYY-MM-DD HH:MM', in "
        "DEFAULT_TIMEZONE (Asia/Shanghai unless set); a time with an offset such as "
        "'2026-12-01 09:00+00:00' is taken as it is (default: now)")] = None,
    dry_run: Annotated[bool, typer.Option(help="Show who and what, send nothing")] = False,
    from_cluster: Annotated[int | None, typer.Option(
        help="Draft a warning about this cluster of reports (see `reports clusters`)")] = None,
) -> None:
    """Schedule a broadcast: give --tip ID or --text-file FILE (exactly one). The running bot
    sends it at --at, to everyone or to one audience or language."""
    from bot.storage import outbox

    if [tip, text_file, from_cluster].count(None) != 2:
        raise fail("give exactly one of --tip ID, --text-file FILE or --from-cluster ID")
    if audience is not None and audience not in AUDIENCES:
        raise fail(f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    if language is not None and language not in LOCALES:
        raise fail(f"unknown language {language!r}; use one of {', '.join(LOCALES)}")
    text = None
    if text_file is not None:
        from bot.content.safety import ContentError, read_capped

        try:  # never read more than a message could hold (4 bytes a character at most)
            text = read_capped(text_file, 4 * TEXT_MAX + 1024).decode("utf-8").strip()
        except (OSError, UnicodeDecodeError, ContentError) as exc:
            raise fail(f"{text_file}: {exc}") from exc
        if not text or len(text) > TEXT_MAX:
            raise fail(f"{text_file}: the text must be 1–{TEXT_MAX} characters")
    if from_cluster is not None:
        from bot.cli.reports import cluster_of, technique_names
        from bot.radar.drafts import warning

        text = warning(cluster_of(from_cluster)[0], technique_names())[:TEXT_MAX]
    cfg, now = settings(), datetime.now(UTC)
    when = parse_at(at, cfg.default_timezone, now)
    preview = _message_preview("tip" if tip else "text", tip, text)
    fields = {"kind": "tip" if tip else "text", "tip_id": tip, "text": text,
              "audience": audience, "language": language, "scheduled_at": when,
              "created_by": f"cli:{getpass.getuser()}", "created_at": now}

    async def work(engine: Any) -> tuple[int, int | None]:
        n = await outbox.count_recipients(engine, audience, language)
        return n, None if dry_run else await outbox.create_broadcast(engine, **fields)

    recipients, bid = asyncio.run(engine_run(work))
    typer.echo(preview)
    typer.echo("—" * 40)
    typer.echo(f"recipients now: {recipients} (audience {audience or 'all'}, "
               f"language {language or 'all'}); send at {when:%Y-%m-%d %H:%M} UTC")
    typer.echo("dry run: nothing scheduled" if bid is None else f"broadcast {bid} scheduled")


@broadcast_app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """Recent broadcasts, newest first."""
    from bot.storage import outbox

    rows = asyncio.run(engine_run(outbox.list_broadcasts))
    if as_json:
        print_json([{k: str(v) if isinstance(v, datetime) else v for k, v in r.items()}
                    for r in rows])
        return
    for r in rows:
        what = f"tip {r['tip_id']}" if r["kind"] == "tip" else (r["text"] or "")[:30]
        typer.echo(f"{r['id']:>5} {r['status']:10} {r['scheduled_at']:%Y-%m-%d %H:%M} "
                   f"{r['audience'] or 'all':12} {r['total']:>7}  {what}")


def _line(b: dict[str, Any], counts: dict[str, int], rate: float) -> str:
    total = b["total"] or sum(counts.values())
    done = sum(counts.get(s, 0) for s in ("sent", "failed", "blocked", "unconfirmed", "skipped"))
    remaining = sum(counts.get(s, 0) for s in ("pending", "claimed", "sending"))
    share = done / total if total else 0.0
    bar = "#" * int(share * 30) + "." * (30 - int(share * 30))
    eta = f"{remaining / rate:.0f}s" if rate > 0 and remaining else "-"
    return (f"[{bar}] {share:4.0%} {b['status']}: sent {counts.get('sent', 0)}, "
            f"failed {counts.get('failed', 0)}, blocked {counts.get('blocked', 0)}, "
            f"unconfirmed {counts.get('unconfirmed', 0)}, remaining {remaining}, "
            f"rate {rate:.1f}/s, ETA {eta}")


@broadcast_app.command("status")
def status(
    broadcast_id: Annotated[int, typer.Argument(metavar="ID", help="Broadcast number (see "
                                                "`broadcast list`)")],
    watch: Annotated[bool, typer.Option(help="Keep updating until it ends")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Progress of a broadcast: sent, failed, blocked, remaining, rate and ETA."""
    from bot.storage import outbox

    async def snapshot(engine: Any) -> tuple[Any, dict[str, int]]:
        b = await outbox.get_broadcast(engine, broadcast_id)
        return b, await outbox.progress(engine, "broadcast", str(broadcast_id))

    async def loop(engine: Any) -> None:
        last_sent, last_t, rate = None, time.monotonic(), 0.0
        while True:
            b, counts = await snapshot(engine)
            if b is None:
                raise fail(f"no broadcast {broadcast_id}")
            if as_json:
                print_json({"broadcast": {k: str(v) if isinstance(v, datetime) else v
                                          for k, v in b.items()}, "deliveries": counts})
                return
            now, sent = time.monotonic(), counts.get("sent", 0)
            if last_sent is not None and now > last_t:
                rate = (sent - last_sent) / (now - last_t)
            last_sent, last_t = sent, now
            final = b["status"] in ("done", "cancelled", "skipped")
            typer.echo("\r" + _line(b, counts, rate), nl=final or not watch)
            if final or not watch:
                return
            await asyncio.sleep(1.0)

    asyncio.run(engine_run(loop))


@broadcast_app.command("cancel")
def cancel(broadcast_id: Annotated[int, typer.Argument(
        metavar="ID", help="Broadcast number (see `broadcast list`)")]) -> None:
    """Stop a scheduled or running broadcast; what was sent stays sent."""
    from bot.storage import outbox

    async def work(engine: Any) -> bool:
        return await outbox.set_broadcast_status(
            engine, broadcast_id, "cancelled", ("scheduled", "running", "draft"),
            finished_at=datetime.now(UTC))

    if not asyncio.run(engine_run(work)):
        raise fail(f"broadcast {broadcast_id} does not exist or has already ended")
    typer.echo(f"broadcast {broadcast_id} cancelled")


@broadcast_app.command("resend-unconfirmed")
def resend_unconfirmed(
    broadcast_id: Annotated[int, typer.Argument(
        metavar="ID", help="Broadcast number (see `antifraud broadcast list`)")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation")] = False,
) -> None:
    """Send a broadcast's unconfirmed deliveries again (a worker died mid-send: each of those
    users may already have it, and may get it twice); the running bot sends them."""
    from bot.storage import outbox

    async def count(engine: Any) -> tuple[Any, dict[str, int]]:
        b = await outbox.get_broadcast(engine, broadcast_id)
        return b, await outbox.progress(engine, "broadcast", str(broadcast_id))

    b, counts = asyncio.run(engine_run(count))
    if b is None:
        raise fail(f"no broadcast {broadcast_id}")
    n = counts.get("unconfirmed", 0)
    if n == 0:
        typer.echo(f"broadcast {broadcast_id}: no unconfirmed deliveries, nothing to resend")
        return
    typer.echo(f"broadcast {broadcast_id}: {n} unconfirmed deliveries. Each was being sent when "
               "a worker stopped, so those users may already have it and would get it twice.")
    if not yes:
        typer.confirm("Send them again?", abort=True)

    async def work(engine: Any) -> int | None:
        return await outbox.resend_unconfirmed(engine, broadcast_id)

    queued = asyncio.run(engine_run(work))
    if queued is None:
        raise fail(f"broadcast {broadcast_id} is {b['status']}: nothing resent")
    typer.echo(f"broadcast {broadcast_id}: {queued} deliveries queued again; the running bot "
               "sends them (watch with `antifraud broadcast status`)")
