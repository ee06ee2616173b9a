"""`antifraud check`: is this message a scam? One text, or JSON Lines in and out with --batch."""

from __future__ import annotations

import json
import logging
import sys
from typing import Annotated, Any

import typer

from bot.cli.common import app, fail, print_json, settings
from bot.core.scamcheck import Checker, Verdict

log = logging.getLogger(__name__)
LEVELS = {"certain": "就是诈骗", "likely": "很可能是诈骗", "possible": "可能是诈骗",
          "unsure": "拿不准"}


def as_json(verdict: Verdict) -> dict[str, Any]:
    """The verdict's JSON fields."""
    return {"scam_type": verdict.scam_type, "confidence": verdict.confidence,
            "red_flags": list(verdict.red_flags), "kind": verdict.kind,
            **({"marks": list(verdict.marks)} if verdict.marks else {})}


def _checker() -> Checker:
    from bot.content.lexicon import load_checker

    try:
        return load_checker(settings().content_dir)
    except (OSError, ValueError) as exc:
        raise fail(f"cannot load the lexicon: {exc}") from exc


def _batch(checker: Checker) -> int:
    """Check each JSON line on stdin; a bad line gets an error object, the rest go on."""
    bad = 0
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        item: Any = None
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected {"id": ..., "text": "..."}')
            out = {"id": item.get("id"), **as_json(checker.check(item["text"]))}
        except ValueError as exc:
            bad += 1
            log.warning("line %d: %s", number, exc)
            out = {"id": item.get("id") if isinstance(item, dict) else None, "error": str(exc)}
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return bad


@app.command("check")
def check(
    text: Annotated[str | None, typer.Argument(help="the message to check")] = None,
    as_json_: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    batch: Annotated[bool, typer.Option("--batch", help="JSON Lines on stdin → stdout")] = False,
) -> None:
    """Say which scam script a message follows, how sure, and the words that give it away."""
    checker = _checker()
    if batch:
        _batch(checker)  # a bad line is reported on its own line; the others are still checked
        return
    if not text or not text.strip():
        raise fail("give a message to check, or --batch to read JSON Lines from stdin")
    verdict = checker.check(text)
    if as_json_:
        print_json(as_json(verdict))
        return
    typer.echo(f"{verdict.scam_type}  ({LEVELS[verdict.level]}, {verdict.confidence:.2f})")
    for flag in verdict.red_flags:
        typer.echo(f"  🚩 {flag}")
