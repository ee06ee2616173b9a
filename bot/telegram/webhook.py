"""The update endpoint of webhook mode: an aiohttp server that checks Telegram's secret header and
hands each update to the framework (PTB or aiogram), plus /healthz.

One update at a time per worker and in order, as with polling; the reply to Telegram is sent
once the update has been handled, so a worker that dies mid-update gets it redelivered (Telegram
retries on anything but 2xx). Stopping refuses new requests (503, so Telegram retries them, on
another worker behind a proxy) and lets the ones being handled finish.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol
from urllib.parse import urlsplit

from aiohttp import web

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
Health = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]
# Only these fields leave the machine; the worker's name and counts are for local checks.
PUBLIC_HEALTH = ("status", "database", "ready")


class UpdateSink(Protocol):
    """Where updates go: the framework adapter's entry point for one update."""

    async def feed(self, data: dict[str, Any]) -> None:
        """Handle one update (its JSON object) to the end."""


def path_of(url: str) -> str:
    """The path the server listens on: the public webhook URL's path ("/" if none)."""
    return urlsplit(url).path or "/"


class WebhookServer:
    """POST <path> takes updates (secret checked first); GET /healthz reports health."""

    def __init__(self, sink: UpdateSink, secret: str, path: str, health: Health) -> None:
        self.sink, self.secret, self.path, self.health = sink, secret, path, health
        self.ready = False  # set once the framework is initialized; 503 before
        self.handled = 0
        self._closing = False
        self._lock = asyncio.Lock()
        self._inflight: set[asyncio.Task[None]] = set()
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    def app(self) -> web.Application:
        """The aiohttp application (also usable with aiohttp's test client)."""
        app = web.Application()
        app.router.add_post(self.path, self._update)
        app.router.add_get("/healthz", self._health)
        return app

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port; returns the port (useful with port 0)."""
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, host, port)
        await self._site.start()
        addresses = self._runner.addresses  # (host, port, ...) per bound socket
        return int(addresses[0][1]) if addresses else port

    async def stop(self, timeout: float = 30.0) -> None:
        """Refuse new updates, let the ones being handled finish, close the listener."""
        self._closing = True
        if self._site is not None:
            await self._site.stop()  # no new connections
        pending = set(self._inflight)
        if pending:
            _, late = await asyncio.wait(pending, timeout=timeout)
            if late:
                log.warning("%d updates still running after %ss; cancelled", len(late), timeout)
                for task in late:
                    task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = self._site = None

    def _authorized(self, request: web.Request) -> web.Response | None:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return web.json_response({"ok": False, "error": "secret token missing"}, status=401)
        # Header bytes that are not UTF-8 arrive as surrogates: compare them as sent, never crash.
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"),
                                   self.secret.encode()):
            return web.json_response({"ok": False, "error": "wrong secret token"}, status=403)
        return None

    async def _update(self, request: web.Request) -> web.Response:
        refused = self._authorized(request)
        if refused is not None:
            log.warning("webhook request refused (%s) from %s", refused.status, request.remote)
            return refused
        if self._closing or not self.ready:
            return web.json_response({"ok": False, "error": "not ready"}, status=503)
        data = await self._read_update(request)
        if data is None:
            return web.json_response({"ok": False, "error": "not an update"}, status=400)
        task = asyncio.create_task(self._feed(data))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        await asyncio.shield(task)  # a dropped connection must not cancel the update half-way
        return web.json_response({"ok": True})

    async def _read_update(self, request: web.Request) -> dict[str, Any] | None:
        """The update object, or None (logged in one line) for a body that is not one."""
        body = await request.read()
        try:
            # Telegram sends UTF-8 JSON; the declared charset is ignored (a bogus one is no
            # reason to fail), and nesting too deep for the parser is refused like bad JSON.
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:
            log.warning("webhook body refused (400, %s, %d bytes) from %s",
                        type(exc).__name__, len(body), request.remote)
            return None
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            log.warning("webhook body refused (400, not an update) from %s", request.remote)
            return None
        return data

    async def _feed(self, data: dict[str, Any]) -> None:
        async with self._lock:  # one at a time, in arrival order, like polling
            try:
                await self.sink.feed(data)
            except Exception:
                log.exception("update %s failed in the framework", data.get("update_id"))
            self.handled += 1

    async def _health(self, request: web.Request) -> web.Response:
        ok, body = await self.health()
        body = {**body, "ready": self.ready and not self._closing, "handled": self.handled}
        if not _local(request):
            body = {k: v for k, v in body.items() if k in PUBLIC_HEALTH}
        return web.json_response(body, status=200 if ok else 503)


def _local(request: web.Request) -> bool:
    """A request from this machine itself (Docker's HEALTHCHECK), not relayed by a proxy."""
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.remote or "").is_loopback
    except ValueError:
        return False
