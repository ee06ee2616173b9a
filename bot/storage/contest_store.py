"""Contests, their polls and votes over SQLModel tables (the Contests port)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, cast, func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.contest import ContestRecord, PollRecord, Standing
from bot.storage.tables import Contest, ContestAnswer, ContestPoll
from bot.storage.times import from_db, to_db

OPEN = ("running", "stopping")
_TIMES = ("next_at", "started_at", "finished_at")


def _record(row: Contest) -> ContestRecord:
    assert row.id is not None
    return ContestRecord(
        id=row.id, chat_id=row.chat_id, started_by=row.started_by, locale=row.locale,
        topic=row.topic, question_ids=tuple(row.question_ids.split(",")), seconds=row.seconds,
        position=row.position, status=row.status, next_at=from_db(row.next_at),
        started_at=from_db(row.started_at),
    )


def _board(rows: Any) -> list[Standing]:
    return [Standing(int(uid), str(name), int(points or 0), int(correct or 0))
            for uid, name, points, correct in rows]


class ContestRepo:
    """Implements bot.core.ports.Contests over the unit of work's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def running(self, chat_id: int) -> ContestRecord | None:
        """The group's contest that has not ended, if any."""
        q = select(Contest).where(Contest.chat_id == chat_id, col(Contest.status).in_(OPEN))
        row = (await self.s.exec(q.order_by(col(Contest.id).desc()))).first()
        return None if row is None else _record(row)

    async def get(self, contest_id: int) -> ContestRecord | None:
        """Load a contest."""
        row = await self.s.get(Contest, contest_id)
        return None if row is None else _record(row)

    async def create(self, record: ContestRecord) -> ContestRecord:
        """Store a new contest (its id is assigned)."""
        row = Contest(
            chat_id=record.chat_id, started_by=record.started_by, locale=record.locale,
            topic=record.topic, question_ids=",".join(record.question_ids),
            seconds=record.seconds, position=record.position, status=record.status,
            next_at=to_db(record.next_at), started_at=to_db(record.started_at),
        )
        self.s.add(row)
        await self.s.flush()
        return _record(row)

    async def due(self, now: datetime) -> list[int]:
        """Ids of contests whose clock is due."""
        q = select(Contest.id).where(col(Contest.status).in_(OPEN),
                                     col(Contest.next_at) <= to_db(now))
        return [int(i or 0) for i in (await self.s.exec(q.order_by(col(Contest.next_at)))).all()]

    async def move(self, contest_id: int, *, from_position: int, from_status: str,
                           fields: dict[str, Any]) -> bool:
        """Update a contest if it is still where the caller saw it; False if it moved on."""
        values = {k: to_db(v) if k in _TIMES else v for k, v in fields.items()}
        res = await self.s.exec(  # type: ignore[call-overload]
            update(Contest)
            .where(col(Contest.id) == contest_id, col(Contest.position) == from_position,
                   col(Contest.status) == from_status)
            .values(**values)
        )
        return bool(res.rowcount == 1)

    async def add_poll(self, poll: PollRecord) -> None:
        """Remember which question a sent poll is."""
        self.s.add(ContestPoll(poll_id=poll.poll_id, contest_id=poll.contest_id,
                               position=poll.position, message_id=poll.message_id,
                               closes_at=to_db(poll.closes_at)))
        await self.s.flush()

    async def poll(self, poll_id: str) -> PollRecord | None:
        """The contest question of a poll, if it is one."""
        row = await self.s.get(ContestPoll, poll_id)
        if row is None:
            return None
        return PollRecord(row.poll_id, row.contest_id, row.position, row.message_id,
                          from_db(row.closes_at))

    async def last_poll(self, contest_id: int) -> PollRecord | None:
        """The poll of the contest's latest question, if one was sent."""
        q = (select(ContestPoll).where(ContestPoll.contest_id == contest_id)
             .order_by(col(ContestPoll.position).desc()))
        row = (await self.s.exec(q)).first()
        return None if row is None else await self.poll(row.poll_id)

    async def record_vote(self, poll: PollRecord, user_id: int, name: str, correct: bool,
                          points: int, now: datetime) -> bool:
        """Store a vote once per (poll, user); False if it was already counted."""
        dialect = self.s.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = insert(ContestAnswer).values(
            poll_id=poll.poll_id, user_id=user_id, contest_id=poll.contest_id, name=name[:64],
            correct=correct, points=points, answered_at=to_db(now),
        ).on_conflict_do_nothing(index_elements=["poll_id", "user_id"])
        res = await self.s.exec(stmt)  # type: ignore[call-overload]
        return bool(res.rowcount == 1)

    async def standings(self, contest_id: int) -> list[Standing]:
        """Points and right answers per voter in one contest."""
        a = ContestAnswer
        q = (select(a.user_id, func.max(a.name), func.sum(a.points),
                    func.sum(cast(a.correct, Integer)))
             .where(a.contest_id == contest_id).group_by(col(a.user_id)))
        return _board((await self.s.exec(q)).all())  # type: ignore[call-overload]

    async def group_standings(self, chat_id: int, since: datetime) -> list[Standing]:
        """Points per voter over the group's contests started since a time."""
        a = ContestAnswer
        q = (select(a.user_id, func.max(a.name), func.sum(a.points),
                    func.sum(cast(a.correct, Integer)))
             .join(Contest, col(Contest.id) == col(a.contest_id))
             .where(Contest.chat_id == chat_id, col(Contest.started_at) >= to_db(since))
             .group_by(col(a.user_id)))
        return _board((await self.s.exec(q)).all())  # type: ignore[call-overload]

