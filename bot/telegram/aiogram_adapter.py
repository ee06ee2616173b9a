"""aiogram 3 adapter: updates handed to the runtime (its Bot API port is aiogram_api.py).

It behaves like the PTB adapter (tests/e2e/test_conformance.py holds both to the same transcript):
the same parser (bot/telegram/updates.py), updates handled one at a time in order, the webhook
deleted before polling, aiogram's errors classified as PTB's are (bot/telegram/api.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Dispatcher, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import TelegramObject
from aiogram.types import Update as AiogramUpdate

from bot.telegram.aiogram_api import AiogramApi
from bot.telegram.runtime import Runtime
from bot.telegram.updates import UPDATE_TYPES

log = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class FinishInFlight(BaseMiddleware):
    """Lets an update being handled finish when polling stops, as PTB does, instead of
    cancelling it half-way; remembers the last update id so stop() can confirm it."""

    def __init__(self) -> None:
        self.inflight: set[asyncio.Task[Any]] = set()
        self.last_update_id: int | None = None

    async def __call__(self, handler: Handler, event: TelegramObject,
                       data: dict[str, Any]) -> Any:
        """Run the rest of the chain in its own task, shielded from the polling loop's cancel."""
        if isinstance(event, AiogramUpdate):
            self.last_update_id = event.update_id
        task = asyncio.ensure_future(handler(event, data))
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)
        return await asyncio.shield(task)

    async def drain(self) -> None:
        """Wait for every update still being handled."""
        while self.inflight:
            await asyncio.gather(*self.inflight, return_exceptions=True)


async def on_update(_event: TelegramObject, event_update: AiogramUpdate, runtime: Runtime,
                    api: AiogramApi) -> None:
    """Every subscribed update type: the shared parser, the service, delivery."""
    await runtime.process_update(api, event_update, api.username)


def build_aiogram(runtime: Runtime, api: AiogramApi) -> Dispatcher:
    """Build the Dispatcher, its router and middleware all registered here."""
    router = Router(name="antifraud")
    for kind in UPDATE_TYPES:
        router.observers[kind].register(on_update)
    inflight = FinishInFlight()
    # Dependencies reach handlers as workflow data; the FSM is unused (state is in the database).
    dp = Dispatcher(disable_fsm=True, runtime=runtime, api=api, inflight=inflight)
    dp.update.outer_middleware(inflight)
    dp.include_router(router)
    return dp


class AiogramBot:
    """An aiogram Dispatcher taking updates by polling or from the webhook, one at a time."""

    def __init__(self, runtime: Runtime, api: AiogramApi) -> None:
        self.api, self.bot = api, api.bot
        self.dp = build_aiogram(runtime, api)
        self.inflight: FinishInFlight = self.dp["inflight"]
        self._polling: asyncio.Task[None] | None = None
        self._webhook = False
        # aiogram logs every update at INFO; PTB doesn't, and the logs should read alike.
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)

    async def start(self, poll_timeout: int) -> None:
        """Delete the webhook and start polling."""
        # PTB does this itself; aiogram doesn't, and getUpdates fails (409) while a webhook is set.
        await self.bot.delete_webhook()
        started = asyncio.Event()

        async def on_startup() -> None:
            started.set()

        self.dp.startup.register(on_startup)
        # handle_as_tasks=False: one update at a time, in order, like PTB's default, so a double
        # press is seen as a second press rather than racing the first.
        self._polling = asyncio.create_task(self.dp.start_polling(
            self.bot, polling_timeout=poll_timeout, handle_as_tasks=False,
            allowed_updates=list(UPDATE_TYPES), handle_signals=False, close_bot_session=False,
        ))
        waiter = asyncio.create_task(started.wait())
        await asyncio.wait({waiter, self._polling}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        if self._polling.done():
            self._polling.result()

    async def start_webhook(self, url: str, secret: str) -> None:
        """setWebhook; updates then come to feed()."""
        await self.bot.set_webhook(url=url, secret_token=secret,
                                   allowed_updates=list(UPDATE_TYPES))
        self._webhook = True

    async def feed(self, data: dict[str, Any]) -> None:
        """Handle one update posted to the webhook, through the same router as polling."""
        await self.dp.feed_raw_update(self.bot, data)

    async def stop(self) -> None:
        """Stop polling and let in-flight updates finish (the port closes the connections)."""
        polling, self._polling = self._polling, None
        if polling is not None:
            if not polling.done():
                await self.dp.stop_polling()
            try:
                await polling
            except Exception:
                log.exception("aiogram polling failed")
        await self.inflight.drain()
        if not self._webhook:  # a webhook confirms each update by its HTTP reply
            await self._confirm()

    async def _confirm(self) -> None:
        # aiogram confirms an update only with its next getUpdates, which stopping cancels; without
        # this the next start would handle the last update twice. PTB sends the same call on stop.
        last = self.inflight.last_update_id
        if last is None:
            return
        try:
            await self.bot.get_updates(offset=last + 1, timeout=0,
                                       allowed_updates=list(UPDATE_TYPES))
        except TelegramAPIError as exc:
            log.warning("could not confirm update %s: %s", last, exc)
