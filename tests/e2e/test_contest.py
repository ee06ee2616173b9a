"""Group contests on both frameworks: admins only, quiz polls one after another, votes counted
once, the contest board and the week's group standings, /stopcontest, a restart mid-contest."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.e2e.harness import Harness, has, until
from tgemu import SimGroup, SimUser

GROUP = -100_700


class Clock:
    """The contest clock's notion of now, moved on by hand so open periods pass at once."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    async def tick(self, h: Harness, seconds: float = 0) -> int:
        """Let `seconds` pass, then run one contest tick."""
        assert h.container is not None
        self.now = max(self.now + timedelta(seconds=seconds), datetime.now(UTC))
        return await h.container.contests.tick(self.now)


def setup(h: Harness) -> tuple[SimGroup, SimUser, list[SimUser]]:
    group = h.emu.group(GROUP, "反诈志愿者群")
    admin = h.emu.user(701, first_name="李警官", language_code="zh-hans")
    group.make_admin(admin)
    players = [h.emu.user(710 + i, first_name=n) for i, n in enumerate(("阿明", "小红", "老王"))]
    return group, admin, players


def polls(group: SimGroup) -> list[dict[str, Any]]:
    """The bot's quiz polls in the group, oldest first."""
    return [m for m in group.bot_messages() if m["poll"] is not None]


async def redeliver_vote(h: Harness, poll: dict[str, Any], user: SimUser,
                         option_ids: list[int]) -> None:
    """Queue a poll_answer again, as Telegram may after a crash (the app allows no revote)."""
    h.emu.state.updates.push("poll_answer", {
        "poll_id": poll["id"], "user": user.info.to_api(), "option_ids": option_ids,
        "option_persistent_ids": [f"{poll['id']}-{i}" for i in option_ids]})
    await h.emu.wait_idle()


async def next_poll(h: Harness, group: SimGroup, clock: Clock, seconds: float) -> dict[str, Any]:
    """Tick the clock and wait for the new poll."""
    count = len(polls(group))
    assert await clock.tick(h, seconds) == 1
    return await group.wait_for_bot(lambda m: m["poll"] is not None and len(polls(group)) > count)


async def test_full_contest_scores_each_vote_once(harness: Harness) -> None:
    h, clock = harness, Clock()
    group, admin, (a, b, c) = setup(h)
    await group.send(admin, "/contest 3 order_brushing 5")
    await group.wait_for_bot(has("竞赛开始"))
    for seconds in (0, 6, 6):
        msg = await next_poll(h, group, clock, seconds)
        poll = msg["poll"]
        assert (poll["type"], poll["is_anonymous"], poll["open_period"]) == ("quiz", False, 5)
        assert len(poll.get("explanation", "")) <= 200
        right = poll["correct_option_ids"][0]
        wrong = (right + 1) % len(poll["options"])
        await group.vote(a, msg["message_id"], [right])
        await group.vote(b, msg["message_id"], [wrong])
        await group.vote(c, msg["message_id"], [right])
        await h.emu.wait_idle()
    # Telegram may deliver an update twice (e.g. after a crash): the vote still counts once.
    await redeliver_vote(h, poll, b, [right])
    assert await clock.tick(h, 6) == 1
    results = await group.wait_for_bot(has("竞赛结束"))
    rows = await h.rows("select user_id, count(*), sum(case when correct then 1 else 0 end),"
                        " sum(points) from contest_answers group by user_id order by user_id")
    assert [r[:3] for r in rows] == [(710, 3, 3), (711, 3, 0), (712, 3, 3)]
    text = results["text"]
    assert "阿明" in text and "老王" in text and "本周群排行" in text
    assert text.index("阿明") < text.index("小红")
    assert f"— {rows[0][3]} 分（答对 3）" in text
    assert await h.rows("select status, position from contests") == [("finished", 2)]
    assert await h.rows("select count(*) from users where id in (710, 711, 712)") == [(0,)]
    assert await clock.tick(h, 60) == 0  # nothing more is sent


async def test_only_admins_start_or_stop_and_never_in_private(harness: Harness) -> None:
    h = harness
    group, admin, (a, _, _) = setup(h)
    await group.send(a, "/contest")
    await group.wait_for_bot(has("只有群管理员"))
    await group.send(a, "/stopcontest")
    await h.emu.wait_idle()
    await a.send("/contest")
    await a.wait_for_bot(has("要在群里进行"))
    await group.send(admin, "/stopcontest")
    await group.wait_for_bot(has("没有进行中的竞赛"))
    await group.send(a, "随便聊聊，不是命令")
    await h.emu.wait_idle()
    assert len(group.bot_messages()) == 3
    assert await h.rows("select count(*) from contests") == [(0,)]
    # First seen in the group: pushes would go to their private chat, never to the group.
    assert await h.rows("select id, chat_id from users order by id") == [(701, 701), (710, 710)]


async def test_stopcontest_closes_the_poll_and_posts_results(harness: Harness) -> None:
    h, clock = harness, Clock()
    group, admin, (a, _, _) = setup(h)
    await group.send(admin, "/contest 5 30")
    await group.wait_for_bot(has("共 5 题"))
    msg = await next_poll(h, group, clock, 0)
    await group.vote(a, msg["message_id"], msg["poll"]["correct_option_ids"])
    await group.send(admin, "/contest")
    await group.wait_for_bot(has("已有一场竞赛"))
    await group.send(admin, "/stopcontest")
    await h.emu.wait_idle()
    assert await clock.tick(h) == 1
    results = await group.wait_for_bot(has("竞赛提前结束"))
    assert "共 1 题" in results["text"] and "阿明" in results["text"]
    assert group.chat.messages[msg["message_id"]].poll.closed  # type: ignore[union-attr]
    assert await h.rows("select status from contests") == [("stopped",)]
    assert await clock.tick(h, 60) == 0


async def test_a_restart_mid_contest_carries_on(harness: Harness) -> None:
    h, clock = harness, Clock()
    group, admin, (a, b, _) = setup(h)
    await group.send(admin, "/contest 2 fake_loan 5")
    await group.wait_for_bot(has("竞赛开始"))
    first = await next_poll(h, group, clock, 0)
    await group.vote(a, first["message_id"], first["poll"]["correct_option_ids"])
    await h.emu.wait_idle()
    await h.restart()
    second = await next_poll(h, group, clock, 6)
    await group.vote(b, second["message_id"], second["poll"]["correct_option_ids"])
    await h.emu.wait_idle()
    assert await clock.tick(h, 6) == 1
    results = await group.wait_for_bot(has("竞赛结束"))
    assert "阿明" in results["text"] and "小红" in results["text"]
    assert len(polls(group)) == 2


async def test_the_group_gets_at_most_twenty_messages_a_minute(harness: Harness) -> None:
    h = harness
    h.emu.limits(enabled=True)
    group, _, (a, _, _) = setup(h)
    for _ in range(24):
        await group.send(a, "/contest")
    # Every /contest asks who the sender is before its reply is counted against the budget.
    await until(lambda: len(h.emu.calls("getChatMember")) == 24, timeout=30)
    await h.emu.wait_idle()
    assert len(group.bot_messages()) == 20
    assert [v for v in h.emu.limit_violations if v["kind"] == "group"] == []


async def test_the_clock_asks_and_ends_on_its_own(harness: Harness) -> None:
    h = harness
    h.env["contest_tick_seconds"] = 0.2  # the clock's own timer ticks; the test never calls tick
    await h.restart()
    assert h.container is not None
    # Contest time is real time plus a jump the test makes: the question's deadline passes when
    # the test says so, never because a busy machine was slow to vote.
    jump = [timedelta(0)]
    h.container.contests.clock = lambda: datetime.now(UTC) + jump[0]
    h.container.contests.start()
    group, admin, (a, _, _) = setup(h)
    await group.send(admin, "/contest 1 600")
    msg = await group.wait_for_bot(lambda m: m["poll"] is not None)
    # A person votes after the clock has recorded the poll it sent (a few ms later).
    for _ in range(3000):  # up to 30 s on a slow machine; usually a few ms
        if await h.rows("select count(*) from contest_polls") == [(1,)]:
            break
        await asyncio.sleep(0.01)
    await group.vote(a, msg["message_id"], msg["poll"]["correct_option_ids"])
    for _ in range(3000):
        if await h.rows("select count(*) from contest_answers") == [(1,)]:
            break
        await asyncio.sleep(0.01)
    jump[0] = timedelta(seconds=601)
    results = await group.wait_for_bot(has("竞赛结束"))
    assert "阿明" in results["text"]
    # The question ran its full time, which Telegram ends by itself (open_period): the bot
    # doesn't stopPoll it, which would be a 400 on a poll already closed.
    poll = group.chat.messages[msg["message_id"]].poll
    assert poll is not None and poll.open_period == 600 and poll.close_date is not None
    assert h.emu.calls("stopPoll") == []
