"""Staff commands in the bot: refused for everyone else; /broadcast by reply, confirmed, sent."""

from __future__ import annotations

from tests.e2e.harness import Harness, buttons, has

ADMIN = 900


async def as_admin(h: Harness) -> None:
    h.env["admin_ids"] = frozenset({ADMIN})
    await h.restart()


async def test_admin_commands_refuse_everyone_else(harness: Harness) -> None:
    await as_admin(harness)
    user = harness.emu.user(901, first_name="路人")
    for command in ("/stats", "/broadcast"):
        await user.send(command)
        refused = await user.wait_for_bot(has("只对管理员开放"))
    await user.press(refused["message_id"], "bc:ok:1")  # a forged confirmation changes nothing
    await harness.emu.wait_idle()
    assert await harness.rows("select count(*) from broadcasts") == [(0,)]


async def test_broadcast_by_reply_with_confirmation(harness: Harness) -> None:
    await as_admin(harness)
    fans = [harness.emu.user(i, first_name=f"u{i}") for i in (911, 912)]
    for fan in fans:
        await fan.send("/start")
        await fan.wait_for_bot(has("欢迎"))
    admin = harness.emu.user(ADMIN, first_name="民警")
    draft = await admin.send("⚠️ 近期出现冒充“客服”退款诈骗，请勿点击陌生链接！")
    await admin.send("/broadcast", reply_to=draft["message_id"])
    confirm = await admin.wait_for_bot(has("确认群发"))
    assert "冒充“客服”退款诈骗" in confirm["text"] and "3" in buttons(confirm)[0]["text"]
    await admin.press(confirm["message_id"], buttons(confirm)[0]["callback_data"])
    await admin.wait_for_bot(has("已排队"))
    assert harness.container is not None
    await harness.container.pushes.tick()
    await harness.container.pushes.idle()
    for fan in fans:
        alert = await fan.wait_for_bot(has("反诈预警"))
        assert "请勿点击陌生链接" in alert["text"]
    assert await harness.rows("select status, total from broadcasts") == [("done", 3)]
    await admin.send("/stats")
    figures = await admin.wait_for_bot(has("运营数据"))
    assert "用户 3" in figures["text"]
