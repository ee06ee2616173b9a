"""Small helpers the repositories share: the unit of work's connection, dialect upserts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

# The unit of work's connection (its transaction begins on first use).
Connect = Callable[[], Awaitable[AsyncConnection]]


def upsert(conn: AsyncConnection, table: Any) -> Any:
    """INSERT that takes the dialect's ON CONFLICT clauses."""
    return (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(table)
