"""Processed update ids are kept by time, not by distance: ids that restart lower still act
(Telegram picks a random next id after a week without updates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from bot.storage.store import store_factory

T0 = datetime(2026, 11, 22, 12, tzinfo=UTC)


async def claim(stores: Any, update_id: int, now: datetime) -> bool:
    async with stores() as s:
        fresh = await s.claim_update(update_id, now)
        await s.commit()
    return bool(fresh)


async def test_ids_restarting_lower_are_not_dropped(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    for uid in range(700_000, 700_010):
        assert await claim(stores, uid, T0)
    assert not await claim(stores, 700_005, T0 + timedelta(minutes=5))  # a real redelivery
    week = T0 + timedelta(days=7)
    # After a quiet week the ids restart lower and climb through the old ones.
    assert all([await claim(stores, uid, week) for uid in range(699_995, 700_012)])
    assert not await claim(stores, 700_003, week + timedelta(hours=1))  # redelivered: once


async def test_old_ids_are_pruned_by_age(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    for uid in (5, 6, 7_000_000):
        assert await claim(stores, uid, T0)
    assert await claim(stores, 1_000, T0 + timedelta(hours=23))
    assert await claim(stores, 2_000, T0 + timedelta(hours=25))  # a prune runs on every 1000th
    async with engine.connect() as conn:
        kept = (await conn.execute(text("select update_id from processed_updates"))).all()
    assert sorted(r[0] for r in kept) == [1_000, 2_000]
