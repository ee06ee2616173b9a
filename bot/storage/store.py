"""SqlStore: the unit of work over SQL, one session and connection per update; a repository
per aggregate shares it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.records import LeaderRow, UserRecord
from bot.storage.audit_store import claim_update
from bot.storage.contest_store import ContestRepo
from bot.storage.privacy import PrivacyRepo
from bot.storage.push_store import ReminderRepo, StaffRepo
from bot.storage.report_store import ReportRepo
from bot.storage.rounds_store import ProgressRepo, RoundRepo
from bot.storage.sql import Connect, upsert
from bot.storage.sqlite_driver import run_inline
from bot.storage.tables import User, WeeklyPoints
from bot.storage.times import from_db, to_db

U = User.__table__  # type: ignore[attr-defined]
W = WeeklyPoints.__table__  # type: ignore[attr-defined]
USER_FIELDS = [f for f in UserRecord.__dataclass_fields__]


def _user_record(row: Any) -> UserRecord:
    data = {f: getattr(row, f) for f in USER_FIELDS}
    data["created_at"], data["last_seen"] = from_db(row.created_at), from_db(row.last_seen)
    return UserRecord(**data)


class UserRepo:
    """Implements bot.core.ports.Users."""

    def __init__(self, connect: Connect) -> None:
        self.connect = connect

    async def get(self, user_id: int) -> UserRecord | None:
        """Load a user, holding them until the unit of work ends.

        Each update's unit of work reads the user first and saves them last, so two at once
        (two workers) would lose one's changes. SQLite's BEGIN IMMEDIATE already runs them one
        after the other; on PostgreSQL a transaction lock on the user id does, even for a user
        not stored yet.
        """
        conn = await self.connect()
        if conn.dialect.name == "postgresql":
            await conn.execute(text("SELECT pg_advisory_xact_lock(:id)").bindparams(id=user_id))
        row = (await conn.execute(select(U).where(U.c.id == user_id))).first()
        return None if row is None else _user_record(row)

    async def save(self, user: UserRecord) -> None:
        """Insert or update a user in one statement."""
        conn = await self.connect()
        data: dict[str, Any] = {f: getattr(user, f) for f in USER_FIELDS}
        data["created_at"] = to_db(user.created_at)
        data["last_seen"] = to_db(user.last_seen or user.created_at)
        changed = {k: v for k, v in data.items() if k not in ("id", "created_at")}
        await conn.execute(upsert(conn, U).values(**data).on_conflict_do_update(
            index_elements=["id"], set_=changed))


class BoardRepo:
    """Implements bot.core.ports.Boards."""

    def __init__(self, connect: Connect) -> None:
        self.connect = connect

    async def add_week_points(self, user_id: int, week: date, points: int) -> None:
        """Add points to a user's total for the week starting on `week`."""
        if points == 0:
            return
        conn = await self.connect()
        stmt = upsert(conn, W).values(week=week, user_id=user_id, points=points)
        added = {"points": W.c.points + stmt.excluded.points}
        await conn.execute(stmt.on_conflict_do_update(index_elements=["week", "user_id"],
                                                      set_=added))

    async def leaderboard(self, week: date | None, limit: int) -> list[LeaderRow]:
        """Top opted-in users by points in one week, or of all time."""
        conn = await self.connect()
        if week is None:
            q = (select(U.c.id, U.c.display_name, U.c.points)
                 .where(U.c.leaderboard.is_(True), U.c.points > 0)
                 .order_by(U.c.points.desc(), U.c.id).limit(limit))
        else:
            q = (select(U.c.id, U.c.display_name, W.c.points)
                 .join(U, U.c.id == W.c.user_id)
                 .where(W.c.week == week, W.c.points > 0, U.c.leaderboard.is_(True))
                 .order_by(W.c.points.desc(), U.c.id).limit(limit))
        return [LeaderRow(*r) for r in (await conn.execute(q)).all()]

    async def rank(self, user_id: int, points: int) -> int:
        """A board member's place on the all-time board, in the order `leaderboard` lists."""
        conn = await self.connect()
        ahead = or_(U.c.points > points, and_(U.c.points == points, U.c.id < user_id))
        q = select(func.count()).select_from(U).where(U.c.leaderboard.is_(True), ahead)
        return int((await conn.execute(q)).scalar_one()) + 1


class SqlStore:
    """Implements bot.core.ports.Store: one session; its repositories share the transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session
        self._conn: AsyncConnection | None = None
        self.users = UserRepo(self.connection)
        self.rounds = RoundRepo(self.connection)
        self.progress = ProgressRepo(self.connection)
        self.boards = BoardRepo(self.connection)
        self.reminders = ReminderRepo(session)
        self.contests = ContestRepo(session)
        self.staff = StaffRepo(session)
        self.privacy = PrivacyRepo(session)
        self.reports = ReportRepo(self.connection)

    async def connection(self) -> AsyncConnection:
        """The unit of work's connection, begun on first use."""
        if self._conn is None:
            self._conn = await self.s.connection()
            await run_inline(self._conn)  # short statements: no thread hop (sqlite_driver)
        return self._conn

    async def claim_update(self, update_id: int, now: datetime) -> bool:
        """Note an update as handled in this unit of work; False if it already was."""
        return await claim_update(await self.connection(), update_id, now)

    async def commit(self) -> None:
        """Make the unit of work's changes durable."""
        self._conn = None
        await self.s.commit()


def store_factory(engine: AsyncEngine):  # type: ignore[no-untyped-def]
    """A factory of unit-of-work contexts, each a fresh session."""

    @asynccontextmanager
    async def open_store() -> AsyncIterator[SqlStore]:
        async with AsyncSession(engine, expire_on_commit=False) as session:
            yield SqlStore(session)

    return open_store
