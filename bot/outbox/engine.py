"""The delivery engine: claim from the ledger, send within limits, record every outcome."""

from __future__ import annotations

import asyncio
import logging
import math
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.outbox.batching import GroupCommit
from bot.outbox.limiter import RateLimiter
from bot.storage import outbox as ledger
from bot.storage.outbox import Claimed, Outcome
from bot.telegram.api import PUSHES, ApiFailure, Blocked, RetryLater, with_retries
from bot.texts.catalog import Rendered

log = logging.getLogger(__name__)
Compose = Callable[[Claimed], Awaitable[Rendered | None]]


class Sender(Protocol):
    """The one call of the Bot API port (bot/telegram/api.py) the outbox needs; fakes too."""

    async def send(self, chat_id: int, msg: Rendered, push: bool = False) -> int:
        """Send and return the message id."""


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class Outbox:
    """Sends pending deliveries of a job; safe to stop at any point."""

    def __init__(self, engine: AsyncEngine, sender: Sender, limiter: RateLimiter,
                 clock: Callable[[], datetime] = utcnow, worker: str | None = None,
                 lease: timedelta = timedelta(seconds=30)) -> None:
        self.engine, self.sender, self.limiter, self.clock = engine, sender, limiter, clock
        self.worker = worker or uuid.uuid4().hex[:12]
        self.lease = lease
        # Up to 100/s one message is in flight at a time, so a crash leaves at most one
        # delivery unconfirmed; faster (paid) broadcasts send small concurrent groups, and each
        # delivery is marked just before its own request, so only requests in flight can be.
        self.group = 1 if limiter.rate <= 100 else min(100, math.ceil(limiter.rate * 0.02))
        self.batch = max(self.group, min(500, math.ceil(limiter.rate * 0.5)))
        # Deliveries marked or recorded at the same moment share one write.
        self._marks: GroupCommit[int] = GroupCommit(
            lambda ids: ledger.mark_sending(self.engine, ids))
        self._records: GroupCommit[Outcome] = GroupCommit(
            lambda outcomes: ledger.record(self.engine, outcomes, self.clock()))

    async def drain(self, job_kind: str, job_key: str | None, compose: Compose,
                    stop: asyncio.Event | None = None) -> dict[str, int]:
        """Send every pending delivery of a job until none is left or stop is set."""
        counts: dict[str, int] = {}
        while stop is None or not stop.is_set():
            batch = await ledger.claim(self.engine, self.worker, self.clock(), self.batch,
                                       job_kind, job_key)
            if not batch:
                break
            for at in range(0, len(batch), self.group):
                if stop is not None and stop.is_set():
                    await ledger.release(self.engine, [c.id for c in batch[at:]])
                    return counts
                for o in await self._group(batch[at:at + self.group], compose):
                    counts[o.status] = counts.get(o.status, 0) + 1
        return counts

    async def _group(self, group: list[Claimed], compose: Compose) -> list[Outcome]:
        ready: list[tuple[Claimed, Rendered]] = []
        outcomes: list[Outcome] = []
        for c in group:
            msg = await self._compose(c, compose)
            if isinstance(msg, Outcome):
                outcomes.append(msg)
            else:
                ready.append((c, msg))
        await ledger.record(self.engine, outcomes, self.clock())
        # Cancelled mid-send, a row stays 'sending' and later becomes 'unconfirmed': it may
        # have gone out, and sending twice is worse than asking staff to check.
        return outcomes + list(await asyncio.gather(*(self._deliver(c, m) for c, m in ready)))

    async def _deliver(self, c: Claimed, msg: Rendered) -> Outcome:
        """Wait for a slot, mark this one delivery 'sending', send it, record the outcome."""
        await self.limiter.acquire(c.chat_id)
        try:
            await self._marks.submit(c.id)
        except BaseException:
            self.limiter.done()  # the slot was reserved but nothing went out
            raise
        outcome = await self._send(c, msg)
        await self._records.submit(outcome)
        return outcome

    async def _compose(self, c: Claimed, compose: Compose) -> Rendered | Outcome:
        try:
            msg = await compose(c)
        except Exception as exc:  # a broken template or tip must not stop the broadcast
            log.exception("delivery %s: could not compose", c.id)
            return Outcome(c.id, c.user_id, "failed", 0, f"compose: {exc!r}")
        return Outcome(c.id, c.user_id, "skipped", 0, "nothing to send") if msg is None else msg

    async def _send(self, c: Claimed, msg: Rendered) -> Outcome:
        attempts = 0

        async def attempt() -> int:
            nonlocal attempts
            if attempts:  # the first slot was taken in _deliver
                await self.limiter.acquire(c.chat_id)
            attempts += 1
            try:
                return await self.sender.send(c.chat_id, msg, push=True)
            finally:
                self.limiter.done()

        async def wait(exc: ApiFailure, seconds: float) -> None:
            if isinstance(exc, RetryLater):  # 429 means not delivered: every send waits
                self.limiter.pause(seconds)
            else:
                await asyncio.sleep(seconds)

        try:
            await with_retries(attempt, PUSHES, wait)
        except Blocked as exc:
            return Outcome(c.id, c.user_id, "blocked", attempts, str(exc))
        except ApiFailure as exc:
            return Outcome(c.id, c.user_id, "failed", attempts, str(exc))
        return Outcome(c.id, c.user_id, "sent", attempts)

    async def recover(self) -> int:
        """Take back what a dead worker left; returns how many became unconfirmed."""
        back, lost = await ledger.recover(self.engine, self.clock(), self.lease)
        if back:
            log.info("%d deliveries claimed by a stopped worker are pending again", back)
        if lost:
            log.warning("%d deliveries were interrupted mid-send; marked unconfirmed", lost)
        return lost
