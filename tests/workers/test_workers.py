"""Two workers on one database: updates land on either, the scheduler runs on one only, and a
broadcast reaches every user exactly once, even when the leader stops half-way."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from bot.storage import outbox as ledger
from bot.storage.engine import make_engine
from tests.e2e.harness import has
from tests.outbox.conftest import seed_users
from tests.workers.conftest import Fleet, fleet

FAST = {"scheduler_tick_seconds": 0.2, "broadcast_rate": 100.0}


async def broadcast_now(engine: Any, text_: str = "冒充公检法预警") -> int:
    now = datetime.now(UTC)
    return await ledger.create_broadcast(engine, kind="text", text=text_, scheduled_at=now,
                                         created_by="test", created_at=now)


async def wait_done(engine: Any, bid: int, timeout: float = 30.0) -> dict[str, Any]:
    b: dict[str, Any] = {}
    for _ in range(int(timeout / 0.05)):
        b = await ledger.get_broadcast(engine, bid) or {}
        if b.get("status") == "done":
            return b
        await asyncio.sleep(0.05)
    raise AssertionError(f"broadcast not done: {b}")


def per_user(f: Fleet, ids: range, fragment: str) -> dict[int, int]:
    return {i: sum(fragment in (m.get("text") or "") for m in f.emu.user(i).bot_messages())
            for i in ids}


@pytest.mark.parametrize("framework", ["ptb", "aiogram"])
async def test_updates_on_both_workers_scheduler_on_one(db_url: str, framework: str) -> None:
    async with fleet(db_url, 2, framework, **FAST) as f:  # type: ignore[arg-type]
        users = [f.emu.user(800 + i, first_name=f"U{i}") for i in range(6)]
        for u in users:
            await u.send("/start")
        for u in users:
            await u.wait_for_bot(has("欢迎"))
        assert all(w.bot.server.handled > 0 for w in f.workers)  # both took updates
        await seed_users(f.engine, f.emu, range(1, 41))
        bid = await broadcast_now(f.engine)
        b = await wait_done(f.engine, bid)
        assert b["total"] == 46
        assert per_user(f, range(1, 41), "冒充公检法预警") == dict.fromkeys(range(1, 41), 1)
        ticking = [w for w in f.workers if w.container.scheduler.ticks > 0]
        assert len(ticking) == 1  # the scheduler ran on one worker only
        assert sum(w.container.scheduler.leader.terms for w in f.workers  # type: ignore[union-attr]
                   ) == 1
        async with f.engine.connect() as conn:
            claimers = (await conn.execute(text(
                "select distinct claimed_by from deliveries"))).scalars().all()
        assert claimers == [ticking[0].container.worker]


async def test_leader_stops_mid_broadcast_and_the_other_finishes_it(db_url: str) -> None:
    async with fleet(db_url, 2, "ptb", scheduler_tick_seconds=0.2, broadcast_rate=30.0) as f:
        await seed_users(f.engine, f.emu, range(1, 61))
        observer = make_engine(db_url)  # outlives the workers' engines
        try:
            bid = await broadcast_now(observer)
            while len(f.emu.calls("sendMessage")) < 15:
                await asyncio.sleep(0.01)
            leader = next(w for w in f.workers if w.container.scheduler.ticks > 0)
            await leader.stop()  # like SIGTERM: sends in flight finish, the lease is released
            await wait_done(observer, bid)
            progress = await ledger.progress(observer, "broadcast", str(bid))
        finally:
            await observer.dispose()
        assert per_user(f, range(1, 61), "冒充公检法预警") == dict.fromkeys(range(1, 61), 1)
        assert progress == {"sent": 60}
        terms = [w.container.scheduler.leader.terms for w in f.workers]  # type: ignore[union-attr]
        assert sorted(terms) == [1, 1]  # one handover, never two leaders at once
