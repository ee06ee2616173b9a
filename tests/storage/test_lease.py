"""The scheduler lease: one holder at a time, renewals, expiry, release, and a race."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.storage import lease
from bot.storage.engine import make_engine

T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
TTL = timedelta(seconds=15)


async def test_one_holder_renewal_expiry_and_release(engine: Any) -> None:
    assert await lease.acquire(engine, "scheduler", "a", T0, TTL)
    assert not await lease.acquire(engine, "scheduler", "b", T0 + timedelta(seconds=5), TTL)
    assert await lease.acquire(engine, "scheduler", "a", T0 + timedelta(seconds=10), TTL)
    # a renewed until T0+25s: b still waits at T0+20s, and gets it once a stops renewing
    assert not await lease.acquire(engine, "scheduler", "b", T0 + timedelta(seconds=20), TTL)
    assert await lease.acquire(engine, "scheduler", "b", T0 + timedelta(seconds=26), TTL)
    assert not await lease.acquire(engine, "scheduler", "a", T0 + timedelta(seconds=27), TTL)
    await lease.release(engine, "scheduler", "b", T0 + timedelta(seconds=28))
    assert await lease.acquire(engine, "scheduler", "a", T0 + timedelta(seconds=29), TTL)
    held = await lease.holder_of(engine, "scheduler")
    assert held is not None and held[0] == "a"


async def test_other_leases_are_independent(engine: Any) -> None:
    assert await lease.acquire(engine, "scheduler", "a", T0, TTL)
    assert await lease.acquire(engine, "other", "b", T0, TTL)


async def test_racing_workers_elect_exactly_one(db_url: str) -> None:
    engines = [make_engine(db_url) for _ in range(8)]
    try:
        for when in (T0, T0 + TTL * 2, T0 + TTL * 4):  # a first election, then two expiries
            won = await asyncio.gather(*(lease.acquire(e, "scheduler", f"w{i}", when, TTL)
                                         for i, e in enumerate(engines)))
            assert sum(won) == 1, won
    finally:
        for e in engines:
            await e.dispose()
