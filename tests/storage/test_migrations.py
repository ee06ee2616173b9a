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
