"""Every staff action refuses non-admins and changes nothing; what admins do is logged."""

from __future__ import annotations

import logging

import pytest

from tests.e2e.harness import Harness, buttons, has
from tests.e2e.test_admin import ADMIN, as_admin

STRANGER = 902
REFUSED = "只对管理员开放"
# Each way in to a staff action: a command (optionally replying to a message) or a button press.
ACTIONS = {
    "stats": ("/stats", None),
    "broadcast": ("/broadcast", None),
    "broadcast-reply": ("/broadcast", "全体注意：这是伪造的群发"),
    "broadcast-confirm": (None, "bc:ok:{bid}"),
    "broadcast-drop": (None, "bc:no:{bid}"),
}


async def draft_broadcast(h: Harness) -> int:
    """A real draft awaiting the admin's confirmation, for a stranger to try to confirm."""
    admin = h.emu.user(ADMIN, first_name="民警")
    draft = await admin.send("今晚的反诈提醒")
    await admin.send("/broadcast", reply_to=draft["message_id"])
    await admin.wait_for_bot(has("确认群发"))
    (bid,), = await h.rows("select id from broadcasts where status='draft'")
    return int(bid)


@pytest.mark.parametrize("action", list(ACTIONS))
async def test_staff_action_refuses_non_admins(harness: Harness, action: str,
                                               caplog: pytest.LogCaptureFixture) -> None:
    await as_admin(harness)
    bid = await draft_broadcast(harness)
    before = await harness.rows("select id, status, text from broadcasts")
    user = harness.emu.user(STRANGER, first_name="路人")
    command, extra = ACTIONS[action]
    caplog.set_level(logging.INFO, logger="antifraud.admin")
    if command is None:
        await user.send("/start")
        menu = await user.wait_for_bot(has("欢迎"))
        await user.press(menu["message_id"], (extra or "").format(bid=bid))
    elif extra is not None:
        quoted = await user.send(extra)
        await user.send(command, reply_to=quoted["message_id"])
    else:
        await user.send(command)
    await user.wait_for_bot(has(REFUSED))
    await harness.emu.wait_idle()
    assert await harness.rows("select id, status, text from broadcasts") == before
    refusals = [r.getMessage() for r in caplog.records if r.name == "antifraud.admin"]
    assert any(f"user {STRANGER} tried admin action" in m for m in refusals), refusals
    assert not any(f"admin {STRANGER}" in m for m in refusals)
    assert await harness.rows("select count(*) from admin_actions where admin_id=:u",
                              u=STRANGER) == [(0,)]


async def test_admin_actions_are_logged_with_who_did_what(
        harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    await as_admin(harness)
    caplog.set_level(logging.INFO, logger="antifraud.admin")
    admin = harness.emu.user(ADMIN, first_name="民警")
    await admin.send("/stats")
    await admin.wait_for_bot(has("运营数据"))
    draft = await admin.send("⚠️ 冒充客服退款")
    await admin.send("/broadcast", reply_to=draft["message_id"])
    confirm = await admin.wait_for_bot(has("确认群发"))
    await admin.press(confirm["message_id"], buttons(confirm)[1]["callback_data"])
    await admin.wait_for_bot(has("已取消群发"))
    lines = [r.getMessage() for r in caplog.records if r.name == "antifraud.admin"]
    (bid,), = await harness.rows("select id from broadcasts")
    assert lines == [f"admin {ADMIN} viewed /stats",
                     f"admin {ADMIN} drafted broadcast {bid} for 1 users",
                     f"admin {ADMIN} dropped broadcast {bid}"]
    audit = await harness.rows("select admin_id, action, detail from admin_actions order by id")
    assert audit == [
        (ADMIN, "stats", None), (ADMIN, "broadcast_draft", f"broadcast {bid} to 1 users"),
        (ADMIN, "broadcast_drop", f"broadcast {bid}")]
