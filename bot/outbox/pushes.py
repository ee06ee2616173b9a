"""Reminders and broadcasts end to end: find what is due, write the ledger, drain it."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.schedule import QuietHours, next_due, postpone_quiet
from bot.outbox.engine import Outbox
from bot.services.push import compose_broadcast, compose_reminder
from bot.services.service import BankSource, StoreFactory
from bot.storage import outbox as ledger
from bot.storage.outbox import Claimed
from bot.texts.catalog import Rendered, Texts

log = logging.getLogger(__name__)


class Pushes:
    """Everything the scheduler triggers; each step is safe to repeat after a crash."""

    def __init__(self, engine: AsyncEngine, outbox: Outbox, stores: StoreFactory,
                 bank: BankSource, texts: Texts, clock: Callable[[], datetime],
                 quiet: QuietHours, grace: timedelta, rng: random.Random | None = None) -> None:
        self.engine, self.outbox, self.stores, self.bank = engine, outbox, stores, bank
        self.texts, self.clock, self.quiet, self.grace = texts, clock, quiet, grace
        self.rng = rng or random.Random()
        self.running: dict[str, asyncio.Task[Any]] = {}
        self.stopping = asyncio.Event()

    async def enqueue_reminders(self, limit: int = 2000) -> tuple[int, int]:
        """Turn due subscriptions into ledger rows; returns (queued, skipped as missed)."""
        now = self.clock()
        due = await ledger.due_subscriptions(self.engine, now, limit)
        rows, moves, queued, skipped = [], [], 0, 0
        for d in due:
            zone = ZoneInfo(d.timezone)
            if postpone_quiet(now, zone, self.quiet) != now:
                moves.append((d.user_id, postpone_quiet(now, zone, self.quiet)))
                continue  # catching up at night: wait for the morning, don't wake anyone
            late = now - d.due_at > self.grace
            rows.append({
                "job_kind": "reminder", "job_key": d.due_at.strftime("%Y-%m-%dT%H:%M"),
                "user_id": d.user_id, "chat_id": d.chat_id,
                "status": "skipped" if late else "pending",
                "error": "missed while the bot was down" if late else None,
                "created_at": now,
            })
            skipped, queued = skipped + late, queued + (not late)
            moves.append((d.user_id, next_due(now, d.minute, zone, d.frequency, d.weekday,
                                              self.quiet)))
        await ledger.advance(self.engine, rows, moves)
        if skipped:
            log.warning("%d reminders were missed by more than %s and skipped", skipped,
                        self.grace)
        return queued, skipped

    async def _compose_reminder(self, c: Claimed) -> Rendered | None:
        async with self.stores() as store:
            user = await store.users.get(c.user_id)
            if user is None or user.blocked:
                return None
            msg = await compose_reminder(store, self.bank(), user, self.clock(), self.rng)
            await store.commit()
        return None if msg is None else self.texts.message(msg, user.language)

    async def send_reminders(self) -> dict[str, int]:
        """Send every pending reminder."""
        await self.bank.refresh()
        return await self.outbox.drain("reminder", None, self._compose_reminder, self.stopping)

    async def run_broadcast(self, b: dict[str, Any], stop: asyncio.Event | None = None
                            ) -> dict[str, int]:
        """Send one broadcast to everyone it targets, resuming where a previous run stopped."""
        bid = b["id"]
        if b["status"] == "scheduled":
            if self.clock() - b["scheduled_at"] > self.grace:
                await ledger.set_broadcast_status(self.engine, bid, "skipped", ("scheduled",),
                                                  finished_at=self.clock())
                log.warning("broadcast %s missed its time by more than %s: skipped", bid,
                            self.grace)
                return {}
            await ledger.enqueue_broadcast(self.engine, b, self.clock())
            await ledger.set_broadcast_status(self.engine, bid, "running", ("scheduled",),
                                              started_at=self.clock())
        await self.bank.refresh()
        cache: dict[str, Rendered | None] = {}

        async def compose(c: Claimed) -> Rendered | None:
            payload = c.payload or "zh-Hans"
            locale, _, region = payload.partition(":")
            if payload not in cache:
                msg = compose_broadcast(self.bank(), b, locale, region or None)
                cache[payload] = None if msg is None else self.texts.message(msg, locale)
            return cache[payload]

        counts = await self.outbox.drain("broadcast", str(bid), compose, stop)
        left = await ledger.progress(self.engine, "broadcast", str(bid))
        if not any(left.get(s) for s in ("pending", "claimed", "sending")):
            await ledger.set_broadcast_status(self.engine, bid, "done", ("running",),
                                              finished_at=self.clock())
        return counts

    async def _watch_cancel(self, bid: int, stop: asyncio.Event) -> None:
        while not stop.is_set():
            b = await ledger.get_broadcast(self.engine, bid)
            if b is None or b["status"] == "cancelled" or self.stopping.is_set():
                stop.set()
            await asyncio.sleep(0.2)

    async def _broadcast_task(self, b: dict[str, Any]) -> None:
        stop = asyncio.Event()
        watcher = asyncio.create_task(self._watch_cancel(b["id"], stop))
        try:
            await self.run_broadcast(b, stop)
        finally:
            stop.set()
            watcher.cancel()

    async def tick(self) -> None:
        """One scheduler tick: recover, enqueue due reminders, start due work."""
        await self.outbox.recover()
        await self.enqueue_reminders()
        self._spawn("reminders", self.send_reminders)
        for b in await ledger.due_broadcasts(self.engine, self.clock()):
            self._spawn(f"broadcast:{b['id']}", partial(self._broadcast_task, b))

    def _spawn(self, name: str, work: Callable[[], Any]) -> None:
        task = self.running.get(name)
        if task is not None and not task.done():
            return
        self.running[name] = asyncio.create_task(self._guard(name, work), name=name)

    async def _guard(self, name: str, work: Callable[[], Any]) -> None:
        try:
            await work()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed; it will be retried on the next tick", name)

    async def idle(self) -> None:
        """Wait for every running send task (tests and shutdown)."""
        tasks = [t for t in self.running.values() if not t.done()]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def stop(self, timeout: float = 10.0) -> None:
        """Let in-flight batches finish, then cancel what is left."""
        self.stopping.set()
        tasks = [t for t in self.running.values() if not t.done()]
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=timeout)
            for t in pending:
                t.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
