"""The Store methods for /mydata and /forget: every table keyed by a user, found from models."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Column, Table, delete, select, update
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage import tables
from bot.storage.times import from_db, to_db

# Rows that name a user without a user_id column: broadcasts an admin created in the bot.
CREATOR_PREFIX = "telegram:"
FORGOTTEN_CREATOR = "telegram:forgotten"


def user_tables() -> list[tuple[Table, Column[Any]]]:
    """Every table with rows about one user and the column holding their id, children first.

    Found from the models, so a table added later with a user_id column is covered too.
    """
    assert tables.User.__tablename__ == "users"
    out = []
    for table in reversed(SQLModel.metadata.sorted_tables):
        column = table.c.id if table.name == "users" else table.c.get("user_id")
        if column is not None:
            out.append((table, column))
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class PrivacyRepo:
    """Implements bot.core.ports.Privacy over the unit of work's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def export(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every stored row about a user, per table (JSON-ready values)."""
        out: dict[str, list[dict[str, Any]]] = {}
        conn = await self.s.connection()
        for table, column in sorted(user_tables(), key=lambda tc: tc[0].name):
            res = await conn.execute(select(table).where(column == user_id))
            out[table.name] = [{k: _plain(v) for k, v in r._mapping.items()} for r in res]
        bc = tables.Broadcast.__table__  # type: ignore[attr-defined]
        res = await conn.execute(select(bc).where(bc.c.created_by == _creator(user_id)))
        out["broadcasts_created"] = [{k: _plain(v) for k, v in r._mapping.items()} for r in res]
        audit = tables.AdminAction.__table__  # type: ignore[attr-defined]
        res = await conn.execute(select(audit).where(audit.c.admin_id == user_id))
        out["admin_actions"] = [{k: _plain(v) for k, v in r._mapping.items()} for r in res]
        contests = tables.Contest.__table__  # type: ignore[attr-defined]
        res = await conn.execute(select(contests).where(contests.c.started_by == user_id))
        out["contests_started"] = [{k: _plain(v) for k, v in r._mapping.items()} for r in res]
        return out

    async def claim_export(self, user_id: int, now: datetime,
                           cooldown: timedelta) -> datetime | None:
        """Note an export now unless one was made within cooldown; else when one is allowed."""
        users = tables.User.__table__  # type: ignore[attr-defined]
        conn = await self.s.connection()
        # One conditional write, so two workers handling two /mydata at once let one through.
        res = await conn.execute(update(users).where(
            users.c.id == user_id,
            users.c.exported_at.is_(None) | (users.c.exported_at <= to_db(now - cooldown)))
            .values(exported_at=to_db(now)))
        if res.rowcount:
            return None
        last = (await conn.execute(select(users.c.exported_at)
                                   .where(users.c.id == user_id))).scalar_one_or_none()
        return None if last is None else from_db(last) + cooldown  # None: no row yet

    async def forget(self, user_id: int) -> dict[str, int]:
        """Delete every row about a user; returns the number deleted per table."""
        counts: dict[str, int] = {}
        conn = await self.s.connection()
        for table, column in user_tables():
            res = await conn.execute(delete(table).where(column == user_id))
            counts[table.name] = int(res.rowcount or 0)
        bc = tables.Broadcast.__table__  # type: ignore[attr-defined]
        # A broadcast went to others and stays; only the link to who wrote it goes.
        res = await conn.execute(update(bc).where(bc.c.created_by == _creator(user_id))
                                   .values(created_by=FORGOTTEN_CREATOR))
        counts["broadcasts_created"] = int(res.rowcount or 0)
        return counts


def _creator(user_id: int) -> str:
    return f"{CREATOR_PREFIX}{user_id}"
