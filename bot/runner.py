"""Start and stop the bot (long polling) inside a running event loop."""

from __future__ import annotations

import asyncio
import logging
import signal

from telegram.ext import Application

from bot.app import Container, build, migrate_async
from bot.config import Settings
from bot.telegram.ptb import build_ptb, set_commands

log = logging.getLogger(__name__)


class PollingBot:
    """A PTB application polling a Bot API server until stopped."""

    def __init__(self, container: Container, token: str, base_url: str,
                 poll_timeout: int = 10) -> None:
        self.container = container
        self.app: Application = build_ptb(container.runtime, token, base_url)  # type: ignore[type-arg]
        self.poll_timeout = poll_timeout

    async def start(self) -> None:
        """Initialize, register commands and start polling."""
        await self.app.initialize()
        await set_commands(self.app, self.container.runtime)
        await self.app.start()
        assert self.app.updater is not None
        await self.app.updater.start_polling(timeout=self.poll_timeout, poll_interval=0.0,
                                             allowed_updates=["message", "callback_query"])
        log.info("bot @%s polling", self.app.bot.username)

    async def stop(self) -> None:
        """Stop polling and let in-flight updates finish."""
        assert self.app.updater is not None
        if self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()


async def run_bot(settings: Settings) -> None:
    """Run until SIGINT or SIGTERM."""
    assert settings.telegram_bot_token is not None
    await migrate_async(settings.database_url)
    container = build(settings)
    bot = PollingBot(container, settings.telegram_bot_token.get_secret_value(),
                     settings.telegram_api_base_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await bot.start()
    try:
        await stop.wait()
    finally:
        await bot.stop()
        await container.close()
