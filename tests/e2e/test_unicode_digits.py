"""`/subscribe ²²:00` and `/contest ²` through the real bot: a clear answer, never 出了点问题."""

from __future__ import annotations

from tests.e2e.harness import Harness, has

ERROR = "出了点问题"


async def test_unicode_digits_get_a_clear_answer(harness: Harness) -> None:
    user = harness.emu.user(881, first_name="阿数", language_code="zh-hans")
    asked = ("²²:00", "２２:００", "٢٢:٠٠")
    for time in asked:
        await user.send(f"/subscribe {time}")
        await user.wait_for_bot(has(f"“{time}”"))
    group = harness.emu.group(-1008810000001, "数字群")
    group.make_admin(user)
    await group.send(user, "/contest ²")
    await group.wait_for_bot()
    private = [m["text"] for m in user.bot_messages()]
    assert len(private) == 3 and all("看不懂" in t for t in private), private
    assert [t for t in private if any(a in t for a in asked)] == private
    [answer] = [m["text"] or "" for m in group.bot_messages()]
    assert ERROR not in answer and ERROR not in "".join(private)
    assert await harness.rows("select count(*) from subscriptions where user_id=881") == [(0,)]
