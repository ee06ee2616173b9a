"""Contests in SQLite: a step is claimed once, a vote counts once, boards per contest and week."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.core.contest import ContestRecord, PollRecord
from bot.storage.store import store_factory

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def contest(chat_id: int, started: datetime = NOW) -> ContestRecord:
    return ContestRecord(0, chat_id, 1, "zh-Hans", None, ("q1", "q2"), 30, -1, "running",
                         next_at=started, started_at=started)


async def test_step_claimed_once_and_vote_counted_once(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    async with stores() as s:
        c = await s.contests.create(contest(-100))
        await s.commit()
    async with stores() as s:
        assert await s.contests.due(NOW) == [c.id]
        moved = {"position": 0, "next_at": NOW + timedelta(seconds=31)}
        assert await s.contests.move(c.id, from_position=-1, from_status="running", fields=moved)
        assert not await s.contests.move(c.id, from_position=-1, from_status="running",
                                        fields=moved)
        poll = PollRecord("p1", c.id, 0, 7, NOW + timedelta(seconds=30))
        await s.contests.add_poll(poll)
        assert await s.contests.record_vote(poll, 5, "阿明", True, 10, NOW)
        assert not await s.contests.record_vote(poll, 5, "阿明", False, 0, NOW)
        await s.commit()
    async with stores() as s:
        assert await s.contests.due(NOW) == []
        assert await s.contests.poll("p1") == poll and await s.contests.last_poll(c.id) == poll
        (row,) = await s.contests.standings(c.id)
        assert (row.user_id, row.name, row.points, row.correct) == (5, "阿明", 10, 1)
        running = await s.contests.running(-100)
        assert running is not None and running.position == 0


async def test_week_standings_add_up_the_groups_contests(engine) -> None:  # type: ignore[no-untyped-def]
    stores = store_factory(engine)
    async with stores() as s:
        for started, points in ((NOW - timedelta(days=30), 50), (NOW, 10), (NOW, 20)):
            c = await s.contests.create(contest(-100, started))
            poll = PollRecord(f"p{c.id}", c.id, 0, c.id, started)
            await s.contests.add_poll(poll)
            await s.contests.record_vote(poll, 5, "阿明", True, points, started)
        other = await s.contests.create(contest(-200))
        await s.contests.add_poll(PollRecord("px", other.id, 0, 1, NOW))
        await s.contests.record_vote(PollRecord("px", other.id, 0, 1, NOW), 5, "阿明", True, 99,
                                     NOW)
        await s.commit()
    async with stores() as s:
        (row,) = await s.contests.group_standings(-100, NOW - timedelta(days=1))
    assert (row.points, row.correct) == (30, 2)


async def test_a_withdrawn_question_is_skipped_at_once(engine) -> None:  # type: ignore[no-untyped-def]
    from bot.services.contest import step
    from tests.conftest import make_bank

    bank = make_bank({"t": 1})
    stores = store_factory(engine)
    async with stores() as s:
        record = replace(contest(-100), question_ids=("gone", "t-01"))
        c = await s.contests.create(record)
        assert await step(s, bank, c.id, NOW, "Asia/Shanghai") is None
        nxt = await step(s, bank, c.id, NOW, "Asia/Shanghai")
        assert nxt is not None and nxt.poll is not None and nxt.position == 1
        assert nxt.poll.question == "问题 t-01"
        assert await step(s, bank, c.id, NOW, "Asia/Shanghai") is None  # not due for 31 s
        later = NOW + timedelta(seconds=32)
        done = await step(s, bank, c.id, later, "Asia/Shanghai")
        assert done is not None and done.results is not None and done.results.ctx["asked"] == 2
