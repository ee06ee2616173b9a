"""APScheduler drives the pushes: one periodic tick over our own schedule rows."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.outbox.leader import Leader
from bot.outbox.pushes import Pushes

log = logging.getLogger(__name__)
PRUNE_EVERY = 3600.0  # seconds between retention sweeps (reports past their retention period)


class PushScheduler:
    """Runs Pushes.tick every few seconds; the schedules themselves live in the database.

    Nothing is kept in APScheduler's job store (PTB's JobQueue cannot pickle its jobs), so a
    restart rebuilds everything from the subscriptions and broadcasts tables.
    """

    def __init__(self, pushes: Pushes, tick_seconds: float, leader: Leader | None = None,
                 prune: Callable[[], Awaitable[int]] | None = None) -> None:
        self.pushes = pushes
        self.prune = prune  # deletes expired rows; run by the leader once an hour
        self.pruned_at: float | None = None
        self.tick_seconds = tick_seconds
        self.leader = leader  # with several workers, only the lease holder ticks
        self.scheduler: AsyncIOScheduler | None = None
        self.ticks = 0

    async def tick(self) -> None:
        """One tick of Pushes, if this worker leads (or runs alone)."""
        if self.leader is not None and not await self.leader.hold():
            return
        self.ticks += 1
        await self.pushes.tick()
        await self.sweep()

    async def sweep(self, force: bool = False) -> int:
        """Delete what is past its retention period, at most once an hour unless forced."""
        now = time.monotonic()
        if self.prune is None or not (force or self.pruned_at is None
                                      or now - self.pruned_at >= PRUNE_EVERY):
            return 0
        self.pruned_at = now
        try:
            deleted = await self.prune()
        except Exception:  # a failed sweep must not stop the pushes; the next hour retries
            log.exception("retention sweep failed")
            return 0
        if deleted:
            log.info("retention: deleted %s expired reports", deleted)
        return deleted

    def start(self) -> None:
        """Start ticking now (inside the running event loop)."""
        if self.scheduler is not None:
            return
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.scheduler.add_job(
            self.tick, "interval", seconds=self.tick_seconds, id="pushes.tick",
            # The first tick after one interval: a process just started (or a test setting its
            # clock) is not raced by a tick at once.
            next_run_time=datetime.now(UTC) + timedelta(seconds=self.tick_seconds),
            max_instances=1, coalesce=True,
            misfire_grace_time=max(1, int(self.tick_seconds)),
        )
        self.scheduler.start()
        log.info("scheduler started: tick every %ss", self.tick_seconds)

    async def stop(self) -> None:
        """Stop ticking and let in-flight sends finish."""
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self.scheduler = None
        await self.pushes.stop()
        if self.leader is not None:
            await self.leader.resign()
