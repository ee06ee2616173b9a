"""The one bot runner: polling or webhook (a setting), on either framework, with everything a
running bot needs attached here and nowhere else: the Bot API port, the update frontend, the
webhook server and its health check, the contest clock, and the reminder and broadcast scheduler
(with its lease among workers, sending through the outbox). The sandbox runs this same runner
against its emulator."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Callable
from typing import Any, Protocol

from bot.app import Container, adopt_legacy_key, build, migrate_async
from bot.config import Settings
from bot.ocr import OcrWorker
from bot.storage.engine import ping
from bot.telegram.api import ApiFailure, BotApi
from bot.telegram.runtime import Runtime
from bot.telegram.webhook import WebhookServer, path_of

log = logging.getLogger(__name__)
# /healthz may be polled often (Docker, a balancer, a monitor): one database ping per this long.
HEALTH_CACHE_SECONDS = 5.0


class StartupError(RuntimeError):
    """The Bot API server could not be reached or refused the token at start."""


class Frontend(Protocol):
    """One framework's update intake: the PTB and aiogram adapters both provide it."""

    async def start(self, poll_timeout: int) -> None:
        """Delete any webhook and start polling."""

    async def start_webhook(self, url: str, secret: str) -> None:
        """setWebhook with the secret; updates then come to feed()."""

    async def feed(self, data: dict[str, Any]) -> None:
        """Handle one update posted to the webhook."""

    async def stop(self) -> None:
        """Stop taking updates and let in-flight ones finish."""


def make_frontend(container: Container) -> Frontend:
    """The framework's update intake over the container's Bot API port."""
    api: Any = container.api
    if container.settings.bot_framework == "aiogram":
        from bot.telegram.aiogram_adapter import AiogramBot

        return AiogramBot(container.runtime, api)
    from bot.telegram.ptb import PtbBot

    return PtbBot(container.runtime, api)


async def register_menus(api: BotApi, runtime: Runtime) -> None:
    """setMyCommands per language, for everyone and for group admins; failures only warn."""
    for admins, menus in ((False, runtime.command_menus()), (True, runtime.admin_menus())):
        for language, commands in menus.items():
            try:
                await api.set_commands(commands, language, admins)
            except ApiFailure as exc:  # optional: a server without it must not stop the bot
                log.warning("setMyCommands(%s, admins=%s) failed: %s", language, admins, exc)


class BotRunner:
    """Starts and stops a built container as a bot, in the mode its settings choose."""

    def __init__(self, container: Container, poll_timeout: int = 10,
                 legacy_keys: bool = True) -> None:
        settings = container.settings
        self.container, self.poll_timeout = container, poll_timeout
        self.legacy_keys = legacy_keys  # False in the sandbox: its token lives for one run
        self.mode = "webhook" if settings.webhook_url else "polling"
        self.frontend = make_frontend(container)
        self.secret = settings.webhook_secret_value()
        self.server: WebhookServer | None = None
        if settings.webhook_url:
            self.server = WebhookServer(self.frontend, self.secret, path_of(settings.webhook_url),
                                        self.health)
        self.port: int | None = None
        self.clock: Callable[[], float] = time.monotonic
        self._pinged: tuple[float, bool] | None = None  # (when, answered)
        self._ping_lock = asyncio.Lock()

    @property
    def api(self) -> BotApi:
        """The Bot API port everything sends through."""
        return self.container.api

    async def start(self) -> None:
        """getMe, reports of a legacy key file moved, menus, then updates (listening before
        setWebhook, so Telegram's first POST finds the server), the contest clock and pushes."""
        c, settings = self.container, self.container.settings
        await c.api.start()
        # After getMe accepted the token (the derived reporter key depends on it: a mistyped
        # one would move the reports to a key nobody has), before any /mydata or /forget.
        if self.legacy_keys:
            await adopt_legacy_key(settings, c.engine)
        await register_menus(c.api, c.runtime)
        if self.server is not None:
            assert settings.webhook_url
            self.port = await self.server.start(settings.webhook_listen, settings.webhook_port)
            await self.frontend.start_webhook(settings.webhook_url, self.secret)
            self.server.ready = True
        else:
            await self.frontend.start(self.poll_timeout)
        c.contests.start()
        c.scheduler.start()
        log.info("bot @%s up: %s, %s, worker %s", c.api.username, self.mode,
                 settings.bot_framework, c.worker)

    async def stop(self) -> None:
        """Refuse new updates and finish the ones in flight (pictures being read, too), stop
        the clocks, release the framework. A webhook stays set: other workers behind the same URL
        keep serving it."""
        if self.server is not None:
            await self.server.stop()
        await self.container.contests.stop()
        await self.container.scheduler.stop()
        await self.frontend.stop()
        await self.container.runtime.drain()

    async def health(self) -> tuple[bool, dict[str, Any]]:
        """Healthy when the database answered a ping in the last few seconds."""
        ok = await self._database_ok()
        return ok, {"status": "ok" if ok else "error",
                    "database": "ok" if ok else "unreachable",
                    "framework": self.container.settings.bot_framework,
                    "worker": self.container.worker}

    async def _database_ok(self) -> bool:
        """The database ping, cached for HEALTH_CACHE_SECONDS (concurrent checks share one)."""
        async with self._ping_lock:
            now = self.clock()
            if self._pinged is None or now - self._pinged[0] >= HEALTH_CACHE_SECONDS:
                self._pinged = (now, await ping(self.container.engine))
            return self._pinged[1]


async def start_runner(settings: Settings, poll_timeout: int = 10,
                       ocr: OcrWorker | None = None, legacy_keys: bool = True) -> BotRunner:
    """Migrate, build and start; on failure everything built is released and StartupError
    says why (the token never in it). legacy_keys: move reports of a legacy key file."""
    await migrate_async(settings.database_url)
    container = build(settings, ocr=ocr)
    runner = BotRunner(container, poll_timeout, legacy_keys)
    try:
        await runner.start()
    except Exception as exc:
        await runner.stop()
        await container.close()
        token = (settings.telegram_bot_token.get_secret_value()
                 if settings.telegram_bot_token else "<none>")
        raise StartupError(f"could not start the bot against {settings.telegram_api_base_url}: "
                           f"{type(exc).__name__}: {exc}".replace(token, "<redacted>")) from exc
    return runner


async def run_bot(settings: Settings) -> None:
    """Run until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runner = await start_runner(settings)
    try:
        await stop.wait()
    finally:
        await runner.stop()
        await runner.container.close()
