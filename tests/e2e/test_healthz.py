"""/healthz: the real nginx config serves it on the inside only, a relayed answer carries no
worker name or counts, and the database is pinged once per few seconds, not on every hit."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import event

from bot.runner import HEALTH_CACHE_SECONDS, BotRunner
from bot.telegram.webhook import PUBLIC_HEALTH
from tests.e2e.harness import Harness, free_port, running

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def hook(db_url: str) -> AsyncIterator[Harness]:
    """A bot in webhook mode (health is the same code on both frameworks)."""
    async with running("ptb", db_url, webhook=True) as h:
        yield h


def health_url(h: Harness) -> str:
    return str(h.env["webhook_url"]).replace("/telegram", "/healthz")


async def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as resp:
        text = await resp.text()
        return resp.status, json.loads(text) if text.startswith("{") else text


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_database_ping_is_cached(hook: Harness) -> None:
    bot, container = hook.bot, hook.container
    assert isinstance(bot, BotRunner) and container is not None
    clock = FakeClock()
    bot.clock = clock
    pings: list[str] = []
    event.listen(container.engine.sync_engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_: pings.append(sql) if sql.strip() == "SELECT 1"
                 else None)
    statuses = await asyncio.gather(*(get(health_url(hook)) for _ in range(20)))
    assert {s for s, _ in statuses} == {200} and len(pings) == 1
    clock.now += HEALTH_CACHE_SECONDS - 0.5
    await get(health_url(hook))
    assert len(pings) == 1
    clock.now += 1
    await get(health_url(hook))
    assert len(pings) == 2


async def test_a_relayed_check_gets_the_trimmed_body(hook: Harness) -> None:
    status, local = await get(health_url(hook))
    assert status == 200 and {"worker", "handled", "framework"} <= set(local)
    status, relayed = await get(health_url(hook), {"X-Forwarded-For": "203.0.113.9"})
    assert status == 200 and set(relayed) == set(PUBLIC_HEALTH)
    assert relayed == {"status": "ok", "database": "ok", "ready": True}


@pytest.fixture
def nginx(hook: Harness, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """deploy/nginx.conf as shipped, in front of the bot: (public URL, internal URL)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    public, inside = free_port(), free_port()
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    conf = (conf.replace("worker:8080", f"127.0.0.1:{hook.env['webhook_port']}")
            .replace("listen 8080;", f"listen 127.0.0.1:{public};")
            .replace("listen 8081;", f"listen 127.0.0.1:{inside};"))
    (tmp_path / "default.conf").write_text(conf)
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}daemon off;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{ access_log off; client_body_temp_path {tmp_path}/body; "
        f"proxy_temp_path {tmp_path}/proxy; include {tmp_path}/default.conf; }}\n")
    with (tmp_path / "stderr.log").open("wb") as err:
        proc = subprocess.Popen([binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                                stderr=err)
    try:
        yield f"http://127.0.0.1:{public}", f"http://127.0.0.1:{inside}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def until_up(url: str) -> None:
    for _ in range(200):
        try:
            await get(url)
            return
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.05)
    raise AssertionError(f"nginx did not come up at {url}")


async def test_nginx_serves_healthz_inside_only(nginx: tuple[str, str]) -> None:
    public, inside = nginx
    await until_up(public)
    status, _ = await get(f"{public}/healthz")
    assert status == 404
    status, body = await get(f"{inside}/healthz")
    assert status == 200 and body == {"status": "ok", "database": "ok", "ready": True}
    status, _ = await get(f"{inside}/telegram")
    assert status == 404
