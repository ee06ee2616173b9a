"""Async engine creation: SQLite in WAL mode by default; PostgreSQL (asyncpg) in UTC."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.storage import sqlite_driver

BUSY_TIMEOUT_MS = 10_000


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and memory."""
    u = make_url(url)
    if not u.drivername.startswith("sqlite") or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


class DatabaseUnwritable(RuntimeError):
    """The SQLite file (or its folder) can't be written by this process."""


def check_writable(url: str) -> None:
    """Fail clearly, before anything is opened, when a SQLite database can't be written.

    SQLite in WAL mode writes the file and creates <name>-wal and <name>-shm beside it, so the
    folder must be writable too. Without this check the bot dies with "attempt to write a
    readonly database" deep inside a migration's traceback.
    """
    path = sqlite_path(url)
    if path is None:
        return
    problems = []
    try:
        if path.exists() and not os.access(path, os.W_OK):
            problems.append(f"the file {path} is read-only")
        if path.parent.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
            problems.append(f"its folder {path.parent} is read-only (SQLite creates "
                            f"{path.name}-wal and {path.name}-shm there)")
    except OSError as exc:
        problems.append(f"{path} can't be reached ({exc.strerror})")
    if problems:
        raise DatabaseUnwritable(
            f"Can't write the database: {'; '.join(problems)} for user id {os.getuid()}. "
            "Give this user write access (chown/chmod) or point DATABASE_URL elsewhere. "
            "Nothing was changed.")


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Autocommit at the driver level so SQLAlchemy's "begin" event controls transactions.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _on_sqlite_begin(conn: Any) -> None:
    # Take the write lock up front: a deferred transaction that upgrades to a writer
    # can fail with "database is locked" without waiting for busy_timeout.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the async engine, creating the SQLite file's folder if needed."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    parsed = make_url(url)
    if parsed.drivername == "postgresql+asyncpg":
        # Day boundaries in SQL (the stats' activity per day) are UTC, as on SQLite.
        kwargs.setdefault("connect_args", {"server_settings": {"timezone": "UTC"}})
    if parsed.drivername == "sqlite+aiosqlite":
        sqlite_driver.register()  # one thread hop per statement (see sqlite_driver)
        parsed = parsed.set(drivername=f"sqlite+{sqlite_driver.DRIVER}")
    engine = create_async_engine(parsed, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
        event.listen(engine.sync_engine, "begin", _on_sqlite_begin)
        sqlite_driver.attach(engine)
    return engine


async def ping(engine: AsyncEngine, timeout: float = 3.0) -> bool:
    """Whether the database answers a trivial query in time (for /healthz)."""
    async def probe() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    try:
        await asyncio.wait_for(probe(), timeout)
    except Exception:
        return False
    return True
