"""Delivering updates to a webhook set with setWebhook, like Telegram does."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import aiohttp

from tgemu.dispatch import Dispatcher
from tgemu.models import now
from tgemu.state import State

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookSender:
    """POSTs pending updates one by one to the webhook URL and retries on failure."""

    def __init__(self, state: State, dispatcher: Dispatcher, retry_delay: float = 0.2) -> None:
        """Bind to the emulator state."""
        self.state = state
        self.dispatcher = dispatcher
        self.retry_delay = retry_delay
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._stopped = False

    def start(self) -> None:
        """Start the background sender (inside the running loop)."""
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._task = asyncio.create_task(self._run(), name="emulator-webhook")

    async def stop(self) -> None:
        """Stop sending and close the HTTP session."""
        self._stopped = True
        self.state.updates.kick()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        """Deliver while a webhook is set and updates are pending."""
        while not self._stopped:
            if self.state.webhook.url and self.state.updates.items:
                await self._deliver(self.state.updates.items[0])
            else:
                await self.state.updates.wait(1.0)

    async def _deliver(self, update: dict[str, Any]) -> None:
        """POST one update; confirm it on 2xx, else remember the error and retry later."""
        assert self._session is not None
        hook = self.state.webhook
        headers = {SECRET_HEADER: hook.secret_token} if hook.secret_token else {}
        try:
            async with self._session.post(hook.url, json=update, headers=headers) as resp:
                body = await resp.read()
                error = (
                    None
                    if 200 <= resp.status < 300
                    else f"Wrong response from the webhook: {resp.status} {resp.reason}"
                )
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            body, error = b"", f"Connection failed: {exc}"
        if error is not None:
            hook.last_error_date, hook.last_error_message = now(), error
            await asyncio.sleep(self.retry_delay)
            return
        self.state.updates.confirm(update["update_id"] + 1)
        self.state.updates.mark_delivered([update])
        await self._reply(body)

    async def _reply(self, body: bytes) -> None:
        """Run a method the webhook returned in its response body."""
        try:
            data = json.loads(body) if body else None
        except ValueError:
            return
        token = self.dispatcher.token
        if isinstance(data, dict) and isinstance(data.get("method"), str) and token:
            params = {k: v for k, v in data.items() if k != "method"}
            await self.dispatcher.call(token, data["method"], params)
