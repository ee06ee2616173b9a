"""Webhook mode: the bot serves its own update endpoint instead of polling (several workers may
run behind one proxy; each calls setWebhook with the same URL and secret)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from bot.app import Container
from bot.config import Framework
from bot.runner import make_frontend
from bot.storage.engine import ping
from bot.telegram.delivery import ChatApi
from bot.telegram.webhook import WebhookServer, path_of

log = logging.getLogger(__name__)
# /healthz may be polled often (Docker, a balancer, a monitor): one database ping per this long.
HEALTH_CACHE_SECONDS = 5.0


class WebhookBot:
    """The bot taking updates on its own HTTP endpoint, on the configured framework."""

    def __init__(self, container: Container, token: str, base_url: str,
                 framework: Framework | None = None) -> None:
        settings = container.settings
        assert settings.webhook_url, "webhook mode needs WEBHOOK_URL"
        self.container = container
        self.framework: Framework = framework or settings.bot_framework
        self.frontend = make_frontend(self.framework, container.runtime, token, base_url)
        self.url = settings.webhook_url
        self.secret = settings.webhook_secret_value()
        self.worker = container.worker
        self.server = WebhookServer(self.frontend, self.secret, path_of(self.url), self.health)
        self.port: int | None = None
        self.clock: Callable[[], float] = time.monotonic
        self._pinged: tuple[float, bool] | None = None  # (when, answered)
        self._ping_lock = asyncio.Lock()

    @property
    def api(self) -> ChatApi:
        """Bot API calls for sending outside an update, framework-neutral."""
        return self.frontend.api

    async def start(self) -> None:
        """Listen first, then setWebhook, so Telegram's first POST finds the server."""
        settings = self.container.settings
        self.port = await self.server.start(settings.webhook_listen, settings.webhook_port)
        await self.frontend.start_webhook(self.url, self.secret)
        self.server.ready = True
        log.info("bot @%s taking updates at %s on %s:%s (%s, worker %s)",
                 self.frontend.username, path_of(self.url), settings.webhook_listen, self.port,
                 self.framework, self.worker)

    async def stop(self) -> None:
        """Refuse new updates, finish the ones in flight, release the framework's connections.

        The webhook itself stays set: other workers behind the same URL keep serving it.
        """
        await self.server.stop()
        await self.frontend.stop()

    async def health(self) -> tuple[bool, dict[str, Any]]:
        """Healthy when the database answered a ping in the last few seconds."""
        ok = await self._database_ok()
        return ok, {"status": "ok" if ok else "error",
                    "database": "ok" if ok else "unreachable",
                    "framework": self.framework, "worker": self.worker}

    async def _database_ok(self) -> bool:
        """The database ping, cached for HEALTH_CACHE_SECONDS (concurrent checks share one)."""
        async with self._ping_lock:
            now = self.clock()
            if self._pinged is None or now - self._pinged[0] >= HEALTH_CACHE_SECONDS:
                self._pinged = (now, await ping(self.container.engine))
            return self._pinged[1]
