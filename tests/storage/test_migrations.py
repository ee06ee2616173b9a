"""Alembic owns the schema: migrations produce exactly what the models describe."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import bot.storage.tables  # noqa: F401
from bot.app import migrate
from bot.storage.engine import make_engine
from tests.databases import on_postgres


def _diff(conn: Any) -> list[Any]:
    ctx = MigrationContext.configure(conn, opts={"compare_type": True})
    return list(compare_metadata(ctx, SQLModel.metadata))


async def test_models_match_migrations(db_url: str) -> None:
    engine = make_engine(db_url)
    async with engine.connect() as conn:
        diff = await conn.run_sync(_diff)
    await engine.dispose()
    assert diff == []


@pytest.mark.skipif(on_postgres(), reason="SQLite only")
def test_database_is_in_wal_mode(db_url: str) -> None:
    path = db_url.split("///", 1)[1]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    async with engine.connect() as conn:
        tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
    await engine.dispose()
    return tables


def test_downgrade_and_upgrade_again(db_url: str) -> None:
    from alembic import command
    from bot.app import alembic_config

    command.downgrade(alembic_config(db_url), "base")
    assert asyncio.run(_tables(db_url)) <= {"alembic_version"}
    migrate(db_url)
    assert {"users", "rounds", "answers", "question_progress"} <= asyncio.run(_tables(db_url))


async def _exec(url: str, sql: str) -> list[Any]:
    from sqlalchemy import text

    engine = make_engine(url)
    async with engine.begin() as conn:
        result = await conn.execute(text(sql))
        rows = list(result) if result.returns_rows else []
    await engine.dispose()
    return rows


SEEN = "'2026-12-01 00:00:00'"


def test_old_review_boxes_become_fsrs_cards(db_url: str) -> None:
    """0011 maps the 1/3/7-day ladder onto FSRS cards, keeping what each row said."""
    from alembic import command
    from bot.app import alembic_config

    command.downgrade(alembic_config(db_url), "0008")
    asyncio.run(_exec(db_url, "insert into question_progress (user_id, question_id, seen, "
                      "correct, last_correct, last_seen, box, due_at) values "
                      f"(1, 'missed', 1, 0, false, {SEEN}, 0, '2026-12-02 00:00:00'),"
                      f"(1, 'climbing', 3, 2, true, {SEEN}, 2, '2026-12-08 00:00:00'),"
                      f"(1, 'graduated', 4, 3, true, {SEEN}, 3, null),"
                      f"(1, 'known', 1, 1, true, {SEEN}, 0, null)"))
    migrate(db_url)
    rows = asyncio.run(_exec(db_url, "select question_id, state, stability, difficulty, due_at "
                             "from question_progress order by question_id"))
    got = {r[0]: (r[1], r[2], r[3], str(r[4])[:10]) for r in rows}
    assert got == {
        "climbing": (2, 7.0, 7.0, "2026-12-08"),
        "graduated": (2, 14.0, 5.0, "2026-12-15"),
        "known": (2, 2.3065, 2.1181, "2026-12-03"),
        "missed": (2, 1.0, 7.0, "2026-12-02"),
    }
