"""Start and stop the bot (long polling) inside a running event loop, on either framework."""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import TYPE_CHECKING, Any, Protocol

from bot.app import Container, build, migrate_async
from bot.config import Framework, Settings
from bot.telegram.delivery import ChatApi
from bot.telegram.runtime import Runtime

if TYPE_CHECKING:
    from bot.serve import WebhookBot

log = logging.getLogger(__name__)


class StartupError(RuntimeError):
    """The Bot API server could not be reached or refused the token at start."""


class Frontend(Protocol):
    """One framework's polling bot: the PTB and aiogram adapters both provide it."""

    @property
    def api(self) -> ChatApi:
        """Bot API calls for delivery, errors mapped to delivery's."""

    @property
    def username(self) -> str | None:
        """The bot's @username, once started."""

    async def start(self, poll_timeout: int) -> None:
        """getMe, command menus, delete the webhook, start polling."""

    async def start_webhook(self, url: str, secret: str) -> None:
        """getMe, command menus, setWebhook with the secret; updates then come to feed()."""

    async def feed(self, data: dict[str, Any]) -> None:
        """Handle one update posted to the webhook."""

    async def stop(self) -> None:
        """Stop polling, let in-flight updates finish, release connections."""


def make_frontend(framework: Framework, runtime: Runtime, token: str, base_url: str) -> Frontend:
    """The adapter for a framework; each is imported only when chosen."""
    if framework == "aiogram":
        from bot.telegram.aiogram_adapter import AiogramBot

        return AiogramBot(runtime, token, base_url)
    from bot.telegram.ptb import PtbBot

    return PtbBot(runtime, token, base_url)


class PollingBot:
    """The bot polling a Bot API server until stopped, on the configured framework."""

    def __init__(self, container: Container, token: str, base_url: str,
                 poll_timeout: int = 10, framework: Framework | None = None) -> None:
        self.container = container
        self.framework: Framework = framework or container.settings.bot_framework
        self.frontend = make_frontend(self.framework, container.runtime, token, base_url)
        self.poll_timeout = poll_timeout

    @property
    def api(self) -> ChatApi:
        """Bot API calls for sending outside an update (scheduled jobs), framework-neutral."""
        return self.frontend.api

    async def start(self) -> None:
        """Initialize, register commands and start polling."""
        await self.frontend.start(self.poll_timeout)
        self.container.contests.attach(self.frontend.api)  # contest polls go out through it
        log.info("bot @%s polling (%s)", self.frontend.username, self.framework)

    async def stop(self) -> None:
        """Stop polling and let in-flight updates finish (pictures being read, too)."""
        await self.frontend.stop()
        await self.container.runtime.drain()


async def run_bot(settings: Settings) -> None:
    """Run until SIGINT or SIGTERM."""
    assert settings.telegram_bot_token is not None
    await migrate_async(settings.database_url)
    container = build(settings)
    token = settings.telegram_bot_token.get_secret_value()
    bot: PollingBot | WebhookBot
    if settings.webhook_url:
        from bot.serve import WebhookBot

        bot = WebhookBot(container, token, settings.telegram_api_base_url)
    else:
        bot = PollingBot(container, token, settings.telegram_api_base_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await bot.start()
    except Exception as exc:
        await container.close()
        where = settings.telegram_api_base_url
        raise StartupError(f"could not start the bot against {where}: "
                           f"{type(exc).__name__}: {exc}".replace(token, "<redacted>")) from exc
    await container.start_background()  # reminders and broadcasts
    try:
        await stop.wait()
    finally:
        await bot.stop()
        await container.close()
