"""Leader election for scheduled work: of several workers on one database, the one holding the
scheduler lease ticks; the others stand by and take over when it stops renewing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage import lease

log = logging.getLogger(__name__)
SCHEDULER = "scheduler"


def wall_clock() -> datetime:
    """Real time: leases are about live processes, not the bot's (maybe simulated) clock."""
    return datetime.now(UTC)


class Leader:
    """Holds (or waits for) one named lease on behalf of this worker."""

    def __init__(self, engine: AsyncEngine, worker: str, ttl: timedelta,
                 name: str = SCHEDULER, clock: Callable[[], datetime] = wall_clock) -> None:
        self.engine, self.worker, self.ttl, self.name, self.clock = (
            engine, worker, ttl, name, clock)
        self.leading = False
        self.terms = 0  # how many times this worker became the leader

    async def hold(self) -> bool:
        """Renew or take the lease; True while this worker is the leader."""
        try:
            now = await lease.acquire(self.engine, self.name, self.worker, self.clock(), self.ttl)
        except Exception:
            log.exception("could not reach the %s lease; standing by", self.name)
            now = False
        if now and not self.leading:
            self.terms += 1
            log.info("worker %s now runs the %s", self.worker, self.name)
        elif self.leading and not now:
            log.warning("worker %s lost the %s lease", self.worker, self.name)
        self.leading = now
        return now

    async def resign(self) -> None:
        """Let another worker take over at once (on a clean shutdown)."""
        if self.leading:
            self.leading = False
            try:
                await lease.release(self.engine, self.name, self.worker, self.clock())
            except Exception:
                log.exception("could not release the %s lease", self.name)
