"""/mydata and /forget find a user's rows through indexes, never by scanning a whole table
(SQLite's EXPLAIN QUERY PLAN of every statement they run); /mydata has a cooldown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text

from bot.storage.store import store_factory
from tests.databases import on_postgres

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
USER = 4242


def record_statements(engine: Any) -> list[tuple[str, Any]]:
    """Every SQL statement the engine runs from now on, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "DELETE", "UPDATE")):
            seen.append((statement, params))

    event.listen(engine.sync_engine, "before_cursor_execute", note)
    return seen


@pytest.mark.skipif(on_postgres(), reason="SQLite's EXPLAIN QUERY PLAN")
async def test_mydata_and_forget_never_scan_a_table(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    statements = record_statements(engine)
    async with stores() as s:
        assert await s.privacy.claim_export(USER, NOW, timedelta(minutes=10)) is None
        await s.privacy.export(USER)
        await s.privacy.forget(USER)
        await s.commit()
    assert len(statements) >= 12
    scans = []
    async with engine.connect() as conn:
        for sql, params in statements:
            plan = (await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)).all()
            details = [str(row[-1]) for row in plan]
            if any(d.startswith("SCAN") for d in details):
                scans.append((sql.split("WHERE")[0].strip(), details))
    assert scans == []


async def test_mydata_cooldown(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    async with engine.begin() as conn:
        await conn.execute(text(
            "insert into users (id, chat_id, language, timezone, round_length, leaderboard, "
            "points, blocked, rounds, streak, best_streak, created_at, last_seen) values "
            "(:u, :u, 'en', 'UTC', 5, false, 0, false, 0, 0, 0, :t, :t)"), {"u": USER, "t": NOW})
    cooldown = timedelta(minutes=10)

    async def claim(at: datetime) -> datetime | None:
        async with stores() as s:
            got = await s.privacy.claim_export(USER, at, cooldown)
            await s.commit()
        return got

    assert await claim(NOW) is None
    assert await claim(NOW + timedelta(minutes=3)) == NOW + cooldown
    assert await claim(NOW + timedelta(minutes=10)) is None
    assert await claim(NOW + timedelta(minutes=11)) == NOW + timedelta(minutes=20)
