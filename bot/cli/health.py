"""`antifraud health`: is this bot healthy? For Docker's HEALTHCHECK in either mode."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from typing import Annotated, Any

import typer

from bot.cli.common import app, print_json, settings
from bot.config import Settings


async def _check_database(cfg: Settings) -> dict[str, Any]:
    from bot.storage.engine import make_engine, ping

    engine = make_engine(cfg.database_url)
    try:
        ok = await ping(engine)
    finally:
        await engine.dispose()
    return {"status": "ok" if ok else "error", "database": "ok" if ok else "unreachable"}


def _check_endpoint(cfg: Settings, timeout: float) -> dict[str, Any]:
    port = cfg.webhook_port or 8080
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return dict(json.loads(resp.read()))
    except OSError as exc:  # refused, timed out, or a 503 (HTTPError is an OSError)
        body = getattr(exc, "read", lambda: b"")()
        try:
            return dict(json.loads(body))
        except ValueError:
            return {"status": "error", "error": str(exc)}


@app.command()
def health(timeout: Annotated[float, typer.Option(
        metavar="SECONDS", help="Give up after this many seconds")] = 5.0) -> None:
    """Print health as JSON and exit 1 if unhealthy: the running webhook server's /healthz in
    webhook mode (WEBHOOK_URL set), else whether the database answers."""
    cfg = settings()
    result = (_check_endpoint(cfg, timeout) if cfg.webhook_url
              else asyncio.run(_check_database(cfg)))
    print_json(result)
    if result.get("status") != "ok":
        raise typer.Exit(1)
