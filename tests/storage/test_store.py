"""SqlStore on a real database (SQLite, or PostgreSQL): answers count once, rounds advance once."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.core.progress import QuestionStat
from bot.core.records import AnswerRecord, RoundRecord, UserRecord
from bot.core.rounds import Answered
from bot.storage.store import store_factory

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def user(uid: int, points: int = 0, board: bool = True, name: str | None = None) -> UserRecord:
    return UserRecord(uid, uid, "zh-Hans", "Asia/Shanghai", points=points, leaderboard=board,
                      display_name=name, created_at=NOW, last_seen=NOW)


def answer(rnd: RoundRecord, pos: int, correct: bool = True, points: int = 10, uid: int = 1,
           qid: str = "q", at: datetime = NOW) -> Answered:
    """A graded answer as the round rules would give it."""
    points = points if correct else 0
    record = AnswerRecord(rnd.id, uid, pos, qid, "t", 0, correct, points, at)
    after = replace(rnd, answered=(*rnd.answered, pos), correct=rnd.correct + int(correct),
                    points=rnd.points + points)
    return Answered(after, user(uid), record, QuestionStat(qid))


async def test_user_round_trip(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    async with stores() as s:
        await s.users.save(user(1, name="<b>&\""))
        await s.commit()
    async with stores() as s:
        got = await s.users.get(1)
    assert got is not None and got.display_name == "<b>&\"" and got.created_at == NOW


async def test_answer_counts_once_and_round_advances_once(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    async with stores() as s:
        await s.users.save(user(1))
        rnd = await s.rounds.create(1, None, ["a", "b"], NOW)
        await s.commit()
    async with stores() as s:
        assert await s.rounds.record_answer(answer(rnd, 0))
        assert not await s.rounds.record_answer(answer(rnd, 0))
        await s.commit()
    async with stores() as s:
        assert await s.rounds.advance(rnd.id, 0)
        assert not await s.rounds.advance(rnd.id, 0)
        await s.commit()
    async with stores() as s:
        got = await s.rounds.get(rnd.id)
    assert got is not None and (got.position, got.correct, got.points, got.answered) == (
        1, 1, 10, (0,))


async def test_concurrent_answers_to_same_position(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    async with stores() as s:
        await s.users.save(user(1))
        rnd = await s.rounds.create(1, None, ["a"], NOW)
        await s.commit()

    async def press() -> bool:
        async with stores() as s:
            ok = await s.rounds.record_answer(answer(rnd, 0))
            await s.commit()
            return ok

    results = await asyncio.gather(*(press() for _ in range(8)))
    assert results.count(True) == 1
    async with stores() as s:
        got = await s.rounds.get(rnd.id)
    assert got is not None and got.points == 10


async def test_new_round_abandons_the_old_one(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    async with stores() as s:
        await s.users.save(user(1))
        first = await s.rounds.create(1, None, ["a"], NOW)
        second = await s.rounds.create(1, "t", ["b"], NOW)
        await s.commit()
    async with stores() as s:
        active = await s.rounds.active(1)
        old = await s.rounds.get(first.id)
    assert active is not None and active.id == second.id
    assert old is not None and old.status == "abandoned"


async def test_stats_leaderboard_and_rank(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    async with stores() as s:
        await s.users.save(user(1, 50, name="甲"))
        await s.users.save(user(2, 80, board=False))
        await s.users.save(user(3, 30))
        r = await s.rounds.create(3, None, ["a"], NOW)
        await s.rounds.record_answer(answer(r, 0, points=30, uid=3))
        await s.boards.add_week_points(3, NOW.date(), 20)
        await s.boards.add_week_points(3, NOW.date(), 10)
        await s.boards.add_week_points(2, NOW.date(), 99)  # not on the board: opted out
        await s.boards.add_week_points(1, NOW.date() - timedelta(days=7), 50)  # last week
        await s.progress.save(1, QuestionStat("q", 1, 1, True, NOW, NOW + timedelta(days=1),
                                              state=2, stability=2.3, difficulty=2.1))
        await s.commit()
    async with stores() as s:
        overall = await s.boards.leaderboard(None, 10)
        weekly = await s.boards.leaderboard(NOW.date(), 10)
        stats = await s.progress.stats(1)
        assert [r.user_id for r in overall] == [1, 3]
        assert [(r.user_id, r.points) for r in weekly] == [(3, 30)]
        # the board's own order: user 2 (80 points) is not on it, so user 1 is first
        assert await s.boards.rank(1, 50) == 1 and await s.boards.rank(3, 30) == 2
        assert await s.boards.rank(4, 50) == 2  # a tie goes by id, as on the board
    assert stats["q"].due_at == NOW + timedelta(days=1)
    assert (stats["q"].state, stats["q"].stability, stats["q"].difficulty) == (2, 2.3, 2.1)


async def test_staff_figures_count_days_in_utc(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    late = NOW.replace(hour=23, minute=30)  # 07:30 the next day in Shanghai: still the 22nd
    async with stores() as s:
        await s.users.save(user(1))
        r = await s.rounds.create(1, None, ["a", "b"], NOW)
        await s.rounds.record_answer(answer(r, 0))
        await s.rounds.record_answer(answer(r, 1, correct=False, qid="q2", at=late))
        await s.commit()
    async with stores() as s:
        figures = await s.staff.admin_stats(NOW + timedelta(days=1))
    assert figures["activity"] == [{"day": "2026-11-22", "answers": 2, "users": 1}]
    assert figures["accuracy_by_type"]["t"] == {"answers": 2, "correct": 1, "accuracy": 0.5}
    assert figures["most_missed"][0]["question"] == "q2"


async def test_concurrent_units_of_work_on_one_user_lose_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    # Two workers handling the same user's updates at once: each reads, adds, and saves.
    stores = store_factory(engine)
    async with stores() as s:
        await s.users.save(user(1))
        await s.commit()

    async def add_points() -> None:
        async with stores() as s:
            u = await s.users.get(1)
            assert u is not None
            await asyncio.sleep(0.05)  # the other one reads meanwhile, unless it waits
            await s.users.save(replace(u, points=u.points + 10))
            await s.commit()

    await asyncio.gather(add_points(), add_points(), add_points())
    async with stores() as s:
        got = await s.users.get(1)
    assert got is not None and got.points == 30
