"""`antifraud poster`, `qr` and `certificate`: printable and shareable images."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import app, fail, settings
from bot.core.locales import LOCALES

Output = Annotated[Path, typer.Option("--output", "-o", help="PNG file to write")]
Language = Annotated[
    str | None, typer.Option(help=f"{' | '.join(LOCALES)} (default: DEFAULT_LANGUAGE)")
]


def _language(language: str | None) -> str:
    """The chosen locale, or the configured default; an unknown one is an error."""
    locale = language or settings().default_language
    if locale not in LOCALES:
        raise fail(f"unknown language {locale!r}; valid: {', '.join(LOCALES)}")
    return locale


def _write(path: Path, data: bytes) -> None:
    """Write the PNG, reporting a bad path clearly."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror or exc}") from exc
    typer.echo(f"wrote {path} ({len(data) // 1024} KiB)")


@app.command()
def poster(
    topic: Annotated[str, typer.Option(help="Scam type id, e.g. fake_investment")],
    output: Output,
    audience: Annotated[str | None, typer.Option(help="elderly, student, finance, …")] = None,
    language: Language = None,
    bot_username: Annotated[
        str | None, typer.Option(help="Bot the QR code opens (default: BOT_USERNAME)")
    ] = None,
) -> None:
    """Draw a printable A4 poster for one scam type with a QR code to its quiz."""
    from bot.content.loader import ContentError, load_bank
    from bot.media.fonts import FontNotFoundError
    from bot.media.poster import UnknownAudienceError, UnknownTopicError, poster_png
    from bot.media.qr import QRError

    cfg, locale = settings(), _language(language)
    try:
        bank = load_bank(cfg.content_dir).published()
        data = poster_png(bank, topic, bot_username=bot_username or cfg.bot_username,
                          locale=locale, audience=audience)
    except (ContentError, FontNotFoundError, QRError, UnknownAudienceError,
            UnknownTopicError) as exc:
        raise fail(str(exc)) from exc
    _write(output, data)


@app.command("qr")
def qr_code(
    payload: Annotated[str, typer.Argument(help="Text or URL to encode")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="PNG file (default: print to terminal)")
    ] = None,
    scale: Annotated[int, typer.Option(min=1, max=40, help="Pixels per module")] = 10,
) -> None:
    """Make a bare QR code: a PNG with -o, else drawn in the terminal."""
    from bot.media import qr

    try:
        if output is None:
            typer.echo(qr.text(payload))
            return
        data = qr.png(payload, scale=scale)
    except qr.QRError as exc:
        raise fail(str(exc)) from exc
    _write(output, data)


@app.command()
def certificate(
    name: Annotated[str, typer.Option(help="Name to print on the certificate")],
    score: Annotated[int, typer.Option(min=0, help="Total points")],
    output: Output,
    language: Language = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default: today)")] = None,
) -> None:
    """Preview the mastery certificate, with every published scam type mastered."""
    from bot.content.loader import ContentError, load_bank
    from bot.core.content import pick
    from bot.media.certificate import certificate_png
    from bot.media.fonts import FontNotFoundError

    cfg, locale = settings(), _language(language)
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError as exc:
        raise fail(f"bad --date {date!r}: use YYYY-MM-DD") from exc
    try:
        bank = load_bank(cfg.content_dir).published()
        topics = [pick(s.name, locale) for s in bank.scam_types.values()]
        data = certificate_png(name, day, score, topics, locale, bot_username=cfg.bot_username)
    except (ContentError, FontNotFoundError) as exc:
        raise fail(str(exc)) from exc
    _write(output, data)
