"""SqlStore: the Store port over SQLModel tables, one session per unit of work."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.progress import QuestionStat
from bot.core.records import AnswerRecord, LeaderRow, RoundRecord, UserRecord
from bot.storage.audit_store import AuditStore
from bot.storage.contest_store import ContestRepo
from bot.storage.privacy import PrivacyStore
from bot.storage.push_store import PushStore
from bot.storage.tables import Answer, CheckCount, QuestionProgress, Round, User, WeeklyPoints
from bot.storage.times import from_db, to_db

USER_FIELDS = [f for f in UserRecord.__dataclass_fields__]


def _user_record(row: User) -> UserRecord:
    data = {f: getattr(row, f) for f in USER_FIELDS}
    data["created_at"], data["last_seen"] = from_db(row.created_at), from_db(row.last_seen)
    return UserRecord(**data)


def _round_record(row: Round, answered: list[int]) -> RoundRecord:
    assert row.id is not None
    return RoundRecord(
        id=row.id, user_id=row.user_id, topic=row.topic,
        question_ids=row.question_ids.split(","), position=row.position,
        correct=row.correct, points=row.points, status=row.status,
        started_at=from_db(row.started_at), finished_at=from_db(row.finished_at),
        answered=answered,
    )


class SqlStore(PushStore, ContestRepo, PrivacyStore, AuditStore):
    """Implements bot.core.ports.Store."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    def _insert(self, table: Any) -> Any:
        """INSERT with the dialect's ON CONFLICT clauses."""
        dialect = self.s.get_bind().dialect.name
        return (pg_insert if dialect == "postgresql" else sqlite_insert)(table)

    async def get_user(self, user_id: int) -> UserRecord | None:
        """Load a user, holding them until the unit of work ends.

        Each update's unit of work reads the user first and saves them last, so two at once
        (two workers) would lose one's changes. SQLite's BEGIN IMMEDIATE already runs them one
        after the other; on PostgreSQL a transaction lock on the user id does, even for a user
        not stored yet.
        """
        if self.s.get_bind().dialect.name == "postgresql":
            await self.s.exec(  # type: ignore[call-overload]
                text("SELECT pg_advisory_xact_lock(:id)").bindparams(id=user_id))
        row = await self.s.get(User, user_id)
        return None if row is None else _user_record(row)

    async def save_user(self, user: UserRecord) -> None:
        """Insert or update a user."""
        data: dict[str, Any] = {f: getattr(user, f) for f in USER_FIELDS}
        data["created_at"] = to_db(user.created_at)
        data["last_seen"] = to_db(user.last_seen or user.created_at)
        row = await self.s.get(User, user.id)
        if row is None:
            self.s.add(User(**data))
        else:
            for k, v in data.items():
                setattr(row, k, v)
        await self.s.flush()

    async def _answered(self, round_id: int) -> list[int]:
        res = await self.s.exec(select(Answer.position).where(Answer.round_id == round_id))
        return sorted(res.all())

    async def active_round(self, user_id: int) -> RoundRecord | None:
        """The user's unfinished round, if any."""
        q = select(Round).where(Round.user_id == user_id, Round.status == "active")
        row = (await self.s.exec(q.order_by(col(Round.id).desc()))).first()
        return None if row is None else _round_record(row, await self._answered(row.id or 0))

    async def get_round(self, round_id: int) -> RoundRecord | None:
        """Load a round with the positions already answered."""
        row = await self.s.get(Round, round_id)
        return None if row is None else _round_record(row, await self._answered(round_id))

    async def create_round(self, user_id: int, topic: str | None, question_ids: list[str],
                           now: datetime) -> RoundRecord:
        """Start a round, abandoning any unfinished one."""
        await self.s.exec(  # type: ignore[call-overload]
            update(Round)
            .where(col(Round.user_id) == user_id, col(Round.status) == "active")
            .values(status="abandoned")
        )
        row = Round(user_id=user_id, topic=topic, question_ids=",".join(question_ids),
                    started_at=to_db(now))  # type: ignore[arg-type]
        self.s.add(row)
        await self.s.flush()
        return _round_record(row, [])

    async def record_answer(self, answer: AnswerRecord) -> bool:
        """Store an answer once; False if that position was already answered."""
        values = dict(answer.__dict__, answered_at=to_db(answer.answered_at))
        stmt = self._insert(Answer).values(**values).on_conflict_do_nothing(
            index_elements=["round_id", "position"]
        )
        res = await self.s.exec(stmt)  # type: ignore[call-overload]
        if res.rowcount != 1:
            return False
        await self.s.exec(  # type: ignore[call-overload]
            update(Round).where(col(Round.id) == answer.round_id).values(
                correct=Round.correct + int(answer.correct),
                points=Round.points + answer.points,
            )
        )
        return True

    async def advance_round(self, round_id: int, from_position: int) -> bool:
        """Move a round to its next question if it is still at from_position."""
        res = await self.s.exec(  # type: ignore[call-overload]
            update(Round)
            .where(col(Round.id) == round_id, col(Round.position) == from_position,
                   col(Round.status) == "active")
            .values(position=from_position + 1)
        )
        return bool(res.rowcount == 1)

    async def finish_round(self, round_id: int, now: datetime, bonus: int = 0) -> bool:
        """Mark a round finished, adding its bonus; False if it already was."""
        res = await self.s.exec(  # type: ignore[call-overload]
            update(Round)
            .where(col(Round.id) == round_id, col(Round.status) == "active")
            .values(status="finished", finished_at=to_db(now), points=Round.points + bonus)
        )
        return bool(res.rowcount == 1)

    async def round_answers(self, round_id: int) -> list[AnswerRecord]:
        """All answers of a round."""
        res = await self.s.exec(select(Answer).where(Answer.round_id == round_id))
        return [
            AnswerRecord(a.round_id, a.user_id, a.position, a.question_id, a.scam_type,
                         a.chosen, a.correct, a.points, from_db(a.answered_at) or a.answered_at)
            for a in res.all()
        ]

    async def question_stats(self, user_id: int) -> dict[str, QuestionStat]:
        """The user's stat for every question they have seen."""
        q = select(QuestionProgress).where(QuestionProgress.user_id == user_id)
        res = await self.s.exec(q)
        return {
            p.question_id: QuestionStat(p.question_id, p.seen, p.correct, p.last_correct,
                                        from_db(p.last_seen), p.box, from_db(p.due_at))
            for p in res.all()
        }

    async def save_stat(self, user_id: int, stat: QuestionStat) -> None:
        """Insert or update one question stat."""
        row = await self.s.get(QuestionProgress, (user_id, stat.question_id))
        if row is None:
            row = QuestionProgress(user_id=user_id, question_id=stat.question_id)
            self.s.add(row)
        row.seen, row.correct, row.last_correct = stat.seen, stat.correct, stat.last_correct
        row.last_seen, row.box, row.due_at = to_db(stat.last_seen), stat.box, to_db(stat.due_at)
        await self.s.flush()

    async def add_week_points(self, user_id: int, week: date, points: int) -> None:
        """Add points to a user's total for the week starting on `week`."""
        if points == 0:
            return
        stmt = self._insert(WeeklyPoints).values(week=week, user_id=user_id, points=points)
        await self.s.exec(stmt.on_conflict_do_update(  # type: ignore[call-overload]
            index_elements=["week", "user_id"],
            set_={"points": WeeklyPoints.points + stmt.excluded.points}))

    async def count_check(self, day: date, kind: str, scam_type: str) -> None:
        """Count one checked message under its verdict."""
        stmt = self._insert(CheckCount).values(day=day, kind=kind, scam_type=scam_type, count=1)
        await self.s.exec(stmt.on_conflict_do_update(  # type: ignore[call-overload]
            index_elements=["day", "kind", "scam_type"],
            set_={"count": CheckCount.count + 1}))

    async def leaderboard(self, week: date | None, limit: int) -> list[LeaderRow]:
        """Top opted-in users by points in one week, or of all time."""
        if week is None:
            q = (select(User.id, User.display_name, User.points)
                 .where(col(User.leaderboard).is_(True), User.points > 0)
                 .order_by(col(User.points).desc(), col(User.id)).limit(limit))
            return [LeaderRow(*r) for r in (await self.s.exec(q)).all()]
        q2 = (select(User.id, User.display_name, WeeklyPoints.points)
              .join(User, col(User.id) == col(WeeklyPoints.user_id))
              .where(col(WeeklyPoints.week) == week, WeeklyPoints.points > 0,
                     col(User.leaderboard).is_(True))
              .order_by(col(WeeklyPoints.points).desc(), col(User.id)).limit(limit))
        return [LeaderRow(*r) for r in (await self.s.exec(q2)).all()]

    async def rank(self, user_id: int, points: int) -> int:
        """A board member's place on the all-time board, in the order `leaderboard` lists."""
        ahead = or_(col(User.points) > points,
                    and_(col(User.points) == points, col(User.id) < user_id))
        q = (select(func.count()).select_from(User)
             .where(col(User.leaderboard).is_(True), ahead))
        return int((await self.s.exec(q)).one()) + 1

    async def commit(self) -> None:
        """Make the unit of work's changes durable."""
        await self.s.commit()


def store_factory(engine: AsyncEngine):  # type: ignore[no-untyped-def]
    """A factory of unit-of-work contexts, each a fresh session."""

    @asynccontextmanager
    async def open_store() -> AsyncIterator[SqlStore]:
        async with AsyncSession(engine, expire_on_commit=False) as session:
            yield SqlStore(session)

    return open_store
