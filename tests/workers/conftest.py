"""Several bot workers on one database behind a round-robin proxy, like the compose `scale`
profile: each serves its own port, Telegram (the emulator) posts to the proxy."""

from __future__ import annotations

import itertools
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from bot.app import Container, build
from bot.config import ROOT, Framework, Settings
from bot.runner import BotRunner
from tests.e2e.harness import TOKEN, free_port
from tgemu import Emulator


class RoundRobin:
    """A tiny reverse proxy: each POST goes to the next worker (headers and body as given)."""

    def __init__(self, targets: list[str]) -> None:
        self.targets = targets
        self.turn = itertools.cycle(range(len(targets)))
        self.session: aiohttp.ClientSession | None = None
        self.runner: web.AppRunner | None = None

    async def start(self, port: int) -> None:
        """Listen on 127.0.0.1:port."""
        self.session = aiohttp.ClientSession()
        app = web.Application()
        app.router.add_post("/{tail:.*}", self.forward)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()

    async def forward(self, request: web.Request) -> web.Response:
        """Pass the request on; a worker that is down gets its turn skipped (502 if all are)."""
        assert self.session is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items()
                   if k.lower().startswith("x-telegram") or k.lower() == "content-type"}
        for _ in self.targets:
            target = self.targets[next(self.turn)] + request.path
            try:
                async with self.session.post(target, data=body, headers=headers) as resp:
                    if resp.status == 503:
                        continue  # stopping: Telegram would retry, here the next worker
                    return web.Response(status=resp.status, body=await resp.read(),
                                        content_type=resp.content_type)
            except aiohttp.ClientConnectionError:
                continue
        return web.Response(status=502)

    async def stop(self) -> None:
        """Close the listener and the client."""
        if self.runner is not None:
            await self.runner.cleanup()
        if self.session is not None:
            await self.session.close()


@dataclass
class Worker:
    """One bot process's state: its container and webhook bot."""

    container: Container
    bot: BotRunner
    running: bool = True

    async def stop(self) -> None:
        """Stop like SIGTERM does: updates finish, the scheduler resigns its lease."""
        if self.running:
            self.running = False
            await self.bot.stop()
            await self.container.close()


@dataclass
class Fleet:
    """An emulator, a proxy and the workers."""

    emu: Emulator
    workers: list[Worker] = field(default_factory=list)

    @property
    def engine(self) -> Any:
        """A database engine (the first worker's)."""
        return self.workers[0].container.engine


@asynccontextmanager
async def fleet(db_url: str, n: int = 2, framework: Framework = "ptb",
                per_worker: Callable[[int], dict[str, Any]] | None = None,
                **env: Any) -> AsyncIterator[Fleet]:
    """n webhook workers on one database, the emulator posting to them through a proxy;
    per_worker(i) adds settings of worker i alone (as if on its own host)."""
    emu = Emulator(bot_username="antifraud_test_bot")
    base_url = await emu.start(host="127.0.0.1", port=0)
    ports = [free_port() for _ in range(n)]
    proxy = RoundRobin([f"http://127.0.0.1:{p}" for p in ports])
    proxy_port = free_port()
    await proxy.start(proxy_port)
    f = Fleet(emu)
    try:
        for i, port in enumerate(ports):
            settings = Settings(
                telegram_bot_token=TOKEN, telegram_api_base_url=base_url, database_url=db_url,
                content_dir=ROOT / "content", bot_framework=framework,
                webhook_url=f"http://127.0.0.1:{proxy_port}/telegram",
                webhook_listen="127.0.0.1", webhook_port=port, worker_name=f"w{i}",
                **(env | (per_worker(i) if per_worker else {})))
            container = build(settings, rng=random.Random(i))
            bot = BotRunner(container)
            await bot.start()
            f.workers.append(Worker(container, bot))
        yield f
    finally:
        for w in f.workers:
            await w.stop()
        await proxy.stop()
        await emu.stop()
    assert emu.violations == [], emu.violations
