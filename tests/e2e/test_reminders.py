"""Tip reminders end to end: /subscribe, the tip at the chosen local time, 403, /unsubscribe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.e2e.harness import Harness, buttons, has, labels


class Clock:
    """A settable clock for the scheduler."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def use_clock(h: Harness) -> Clock:
    clock = Clock()
    assert h.container is not None
    h.container.pushes.clock = clock
    h.container.pushes.outbox.clock = clock
    return clock


async def tick(h: Harness) -> None:
    assert h.container is not None
    await h.container.pushes.tick()
    await h.container.pushes.idle()


async def test_subscribe_then_the_tip_arrives_at_the_chosen_local_time(
        harness: Harness) -> None:
    user = harness.emu.user(701, first_name="王阿姨", language_code="zh-hans")
    await user.send("/subscribe 19:30")
    panel = await user.wait_for_bot(has("已订阅反诈提醒"))
    assert "19:30" in panel["text"] and "Asia/Shanghai" in panel["text"]
    [(due,)] = await harness.rows("select next_due_at from subscriptions where user_id=701")
    due_at = datetime.fromisoformat(str(due)).replace(tzinfo=UTC)
    assert (due_at + timedelta(hours=8)).strftime("%H:%M") == "19:30"  # Shanghai is UTC+8

    clock = use_clock(harness)
    clock.now = due_at - timedelta(minutes=1)
    await tick(harness)
    assert not any("防骗" in (m["text"] or "") for m in user.bot_messages()[1:])
    clock.now = due_at + timedelta(seconds=20)
    await tick(harness)
    tip = await user.wait_for_bot(has("今日防骗提醒"))
    assert any("做一轮" in label for label in labels(tip)) or "反诈口号" in tip["text"]
    assert "取消提醒" in labels(tip)[-1]
    await tick(harness)  # the same slot is never sent twice
    assert sum("防骗提醒" in (m["text"] or "") or "反诈口号" in (m["text"] or "")
               for m in user.bot_messages()) == 1
    [(nxt,)] = await harness.rows("select next_due_at from subscriptions where user_id=701")
    assert datetime.fromisoformat(str(nxt)).replace(tzinfo=UTC) == due_at + timedelta(days=1)

    off = buttons(tip)[-1]
    await user.press(tip["message_id"], off["callback_data"])
    await user.wait_for_bot(has("已取消反诈提醒"))
    assert await harness.rows("select count(*) from subscriptions") == [(0,)]


async def test_a_blocked_user_is_marked_inactive_until_they_return(harness: Harness) -> None:
    user = harness.emu.user(702, first_name="Li", language_code="en")
    await user.send("/subscribe")
    await user.wait_for_bot(has("Anti-fraud tips are on"))
    [(due,)] = await harness.rows("select next_due_at from subscriptions where user_id=702")
    clock = use_clock(harness)
    clock.now = datetime.fromisoformat(str(due)).replace(tzinfo=UTC) + timedelta(seconds=5)
    harness.emu.block(702)
    await tick(harness)
    assert await harness.rows("select blocked from users where id=702") == [(1,)]
    assert await harness.rows("select status from deliveries where user_id=702") == [("blocked",)]
    clock.now += timedelta(days=1)
    await tick(harness)  # never messaged again while blocked
    assert await harness.rows("select count(*) from deliveries where user_id=702") == [(1,)]
    harness.emu.unblock(702)
    await user.send("/unsubscribe")
    await user.wait_for_bot(has("Tips are off"))
    assert await harness.rows("select blocked from users where id=702") == [(0,)]
