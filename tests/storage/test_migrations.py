"""Alembic owns the schema: migrations produce exactly what the models describe."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import bot.storage.tables  # noqa: F401
from bot.app import migrate


def test_models_match_migrations(db_url: str) -> None:
    sync_url = db_url.replace("+aiosqlite", "")
    engine = create_engine(sync_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_database_is_in_wal_mode(db_url: str) -> None:
    path = db_url.split("///", 1)[1]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    migrate(url)
    from alembic import command
    from bot.app import alembic_config

    command.downgrade(alembic_config(url), "base")
    migrate(url)
    with sqlite3.connect(tmp_path / "x.db") as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert {"users", "rounds", "answers", "question_progress"} <= tables
