"""The SQLite driver: inside a unit of work, statements make no trips to aiosqlite's thread."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text

from bot.app import migrate_async
from bot.core.records import UserRecord
from bot.storage import sqlite_driver
from bot.storage.engine import make_engine
from bot.storage.store import store_factory

NOW = datetime(2026, 12, 1, tzinfo=UTC)


async def test_statements_inside_a_write_transaction_stay_on_the_loop_thread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'd.db'}"  # SQLite also on the PostgreSQL pass
    await migrate_async(url)
    engine = make_engine(url)
    assert engine.dialect.driver == sqlite_driver.DRIVER
    trips: list[str] = []
    original = aiosqlite.Connection._execute

    async def counting(self: aiosqlite.Connection, fn: Any, *args: Any, **kw: Any) -> Any:
        trips.append(getattr(fn, "__name__", repr(fn)))
        return await original(self, fn, *args, **kw)

    stores = store_factory(engine)
    async with stores() as s:
        await s.users.get(1)  # BEGIN IMMEDIATE: may wait for another writer, so on the thread
        monkeypatch.setattr(aiosqlite.Connection, "_execute", counting)
        for uid in range(2, 12):
            await s.users.save(UserRecord(uid, uid, "en", "UTC", leaderboard=True,
                                          created_at=NOW))
            assert await s.users.get(uid) is not None
        assert trips == []  # twenty statements, no trip
        await s.commit()
    async with engine.begin() as conn:  # bulk work (outbox, CLI) did not ask: on the thread
        await conn.execute(text("SELECT count(*) FROM users"))
    assert "_run" in trips
    monkeypatch.undo()
    async with stores() as s:
        assert await s.boards.rank(12, 0) == 11  # ten saved and committed: all of them ahead
    await engine.dispose()
