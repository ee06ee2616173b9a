"""Rounds, answers and question stats over SQL (the Rounds and Progress ports).

These are on every button press, so they are plain Core statements on the unit of work's
connection: one query loads a round with its answered positions, one writes each change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.progress import QuestionStat
from bot.core.records import AnswerRecord, RoundRecord
from bot.core.rounds import Answered
from bot.storage.sql import Connect, upsert
from bot.storage.tables import Answer, QuestionProgress, Round
from bot.storage.times import from_db, to_db

R = Round.__table__  # type: ignore[attr-defined]
A = Answer.__table__  # type: ignore[attr-defined]
P = QuestionProgress.__table__  # type: ignore[attr-defined]


def _round(rows: list[Any]) -> RoundRecord | None:
    """A round from its row joined with its answers' positions (one row per answer)."""
    if not rows:
        return None
    r = rows[0]
    answered = tuple(sorted(x.answered for x in rows if x.answered is not None))
    return RoundRecord(
        id=r.id, user_id=r.user_id, topic=r.topic, question_ids=tuple(r.question_ids.split(",")),
        position=r.position, correct=r.correct, points=r.points, status=r.status,
        started_at=from_db(r.started_at), finished_at=from_db(r.finished_at), answered=answered)


def _with_answers(where: Any) -> Any:
    return (select(R, A.c.position.label("answered"))
            .select_from(R.outerjoin(A, A.c.round_id == R.c.id)).where(where))


class RoundRepo:
    """Implements bot.core.ports.Rounds."""

    def __init__(self, connect: Connect) -> None:
        self.connect = connect

    async def _load(self, conn: AsyncConnection, where: Any) -> RoundRecord | None:
        return _round(list((await conn.execute(_with_answers(where))).all()))

    async def active(self, user_id: int) -> RoundRecord | None:
        """The user's unfinished round, if any."""
        newest = (select(func.max(R.c.id))
                  .where(R.c.user_id == user_id, R.c.status == "active").scalar_subquery())
        return await self._load(await self.connect(), R.c.id == newest)

    async def get(self, round_id: int) -> RoundRecord | None:
        """Load a round with the positions already answered (one query)."""
        return await self._load(await self.connect(), R.c.id == round_id)

    async def create(self, user_id: int, topic: str | None, question_ids: list[str],
                     now: datetime) -> RoundRecord:
        """Start a round, abandoning any unfinished one."""
        conn = await self.connect()
        await conn.execute(update(R).where(R.c.user_id == user_id, R.c.status == "active")
                           .values(status="abandoned"))
        res = await conn.execute(R.insert().values(
            user_id=user_id, topic=topic, question_ids=",".join(question_ids),
            position=0, correct=0, points=0, status="active", started_at=to_db(now)))
        (round_id,) = res.inserted_primary_key or (0,)
        return RoundRecord(int(round_id), user_id, topic, tuple(question_ids), started_at=now)

    async def record_answer(self, graded: Answered) -> bool:
        """Store the answer once, then the round's totals and status as graded."""
        conn = await self.connect()
        a, rnd = graded.answer, graded.round
        stmt = upsert(conn, A).values(
            round_id=a.round_id, user_id=a.user_id, position=a.position,
            question_id=a.question_id, scam_type=a.scam_type, chosen=a.chosen,
            correct=a.correct, points=a.points, answered_at=to_db(a.answered_at),
        ).on_conflict_do_nothing(index_elements=["round_id", "position"])
        if (await conn.execute(stmt)).rowcount != 1:
            return False
        # The user's unit of work holds them (see Users.get), so this is the round as read.
        await conn.execute(update(R).where(R.c.id == rnd.id, R.c.status == "active").values(
            correct=rnd.correct, points=rnd.points, status=rnd.status,
            finished_at=to_db(rnd.finished_at)))
        return True

    async def advance(self, round_id: int, from_position: int) -> bool:
        """Move a round to its next question if it is still at from_position."""
        res = await (await self.connect()).execute(
            update(R).where(R.c.id == round_id, R.c.position == from_position,
                            R.c.status == "active").values(position=from_position + 1))
        return bool(res.rowcount == 1)

    async def answer_at(self, round_id: int, position: int) -> AnswerRecord | None:
        """The answer given at one position of a round, if any."""
        row = (await (await self.connect()).execute(
            select(A).where(A.c.round_id == round_id, A.c.position == position))).first()
        return None if row is None else _answer(row)

    async def answers_of(self, user_id: int) -> list[AnswerRecord]:
        """Every answer a user has given, oldest first."""
        rows = await (await self.connect()).execute(
            select(A).where(A.c.user_id == user_id)
            .order_by(A.c.answered_at, A.c.round_id, A.c.position))
        return [_answer(row) for row in rows]


def _answer(row: Any) -> AnswerRecord:
    return AnswerRecord(row.round_id, row.user_id, row.position, row.question_id, row.scam_type,
                        row.chosen, row.correct, row.points, from_db(row.answered_at))


def _stat(row: Any) -> QuestionStat:
    return QuestionStat(row.question_id, row.seen, row.correct, row.last_correct,
                        from_db(row.last_seen), from_db(row.due_at), row.state, row.step,
                        row.stability, row.difficulty)


class ProgressRepo:
    """Implements bot.core.ports.Progress."""

    def __init__(self, connect: Connect) -> None:
        self.connect = connect

    async def stats(self, user_id: int) -> dict[str, QuestionStat]:
        """The user's stat for every question they have seen."""
        rows = await (await self.connect()).execute(select(P).where(P.c.user_id == user_id))
        return {row.question_id: _stat(row) for row in rows}

    async def stat(self, user_id: int, question_id: str) -> QuestionStat | None:
        """The user's stat for one question (a primary-key read), if seen."""
        row = (await (await self.connect()).execute(
            select(P).where(P.c.user_id == user_id, P.c.question_id == question_id))).first()
        return None if row is None else _stat(row)

    async def save(self, user_id: int, stat: QuestionStat) -> None:
        """Insert or update one question stat in one statement."""
        conn = await self.connect()
        values = {"seen": stat.seen, "correct": stat.correct, "last_correct": stat.last_correct,
                  "last_seen": to_db(stat.last_seen), "due_at": to_db(stat.due_at),
                  "state": stat.state, "step": stat.step, "stability": stat.stability,
                  "difficulty": stat.difficulty}
        stmt = upsert(conn, P).values(user_id=user_id, question_id=stat.question_id, **values)
        await conn.execute(stmt.on_conflict_do_update(
            index_elements=["user_id", "question_id"], set_=values))
