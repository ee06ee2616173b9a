"""Verdicts fit the channel the message came by and who the user said they are."""

from __future__ import annotations

from tests.e2e.harness import Harness, has


async def test_verdicts_fit_the_channel_and_the_audience(harness: Harness) -> None:
    user = harness.emu.user(805, first_name="王大爷", language_code="zh-hans")
    await user.send("/start")
    ask = await user.wait_for_bot(has("请问你是"))
    await user.press_button(ask["message_id"], "老年人")
    await user.wait_for_bot(lambda m: "老年人" in m["text"] and m is not ask)
    await user.send("微信上有人说我是你领导，我在开会不方便接电话，你先帮我给客户转一笔款")
    verdict = await user.wait_for_bot(has("冒充领导"))
    assert "财务人员" not in verdict["text"] and "家人" in verdict["text"]
    assert "别在聊天里转账" in verdict["text"]  # a chat: no "hang up"
    await user.send("【ETC】您的ETC卡已失效，请于今日内登录 etc-renzhen.top 进行实名认证")
    sms = await user.wait_for_bot(has("etc-renzhen.top"))
    assert "别点短信里的链接" in sms["text"] and "挂断" not in sms["text"]
