"""Pasting a suspicious message in a private chat: the verdict, its buttons, the scam's card."""

from __future__ import annotations

from tests.e2e.harness import Harness, all_rows, has, labels


async def test_a_pasted_scam_sms_gets_a_verdict_card_and_quiz(harness: Harness) -> None:
    user = harness.emu.user(801, first_name="刘阿姨", language_code="zh-hans")
    sms = "【公安局】您的身份证涉嫌洗钱，请将资金转入安全账户配合调查，不要告诉家人。"
    await user.send(sms)
    verdict = await user.wait_for_bot(has("诈骗"))
    assert "冒充公检法" in verdict["text"] and "“安全账户”" in verdict["text"]
    assert "96110" in verdict["text"]
    assert labels(verdict) == ["了解这种骗局", "做一轮相关测验", "📣 匿名提交到反诈库"]
    await user.press_button(verdict["message_id"], "了解这种骗局")
    card = await user.wait_for_bot(has("📘"))
    assert "🚩" in card["text"] and "冒充公检法" in card["text"]
    await user.press_button(card["message_id"], "做一轮相关测验")
    await user.wait_for_bot(has("第 1/5 题 · 冒充公检法"))
    assert await harness.rows("select count(*) from rounds where user_id=801") == [(1,)]


async def test_traditional_english_greeting_and_benign(harness: Harness) -> None:
    user = harness.emu.user(802, first_name="Ann", language_code="en")
    await user.send("你好，我是你領導，我在開會不方便接電話，你先幫我給客戶轉一筆款")
    verdict = await user.wait_for_bot(has("scam"))
    assert "“我是你領導”" in verdict["text"] and "開會不方便" in verdict["text"]
    await user.send("hello")
    greeting = await user.wait_for_bot(has("Tap a button"))
    assert "Start quiz" in labels(greeting) or labels(greeting)
    await user.send("See you at dinner tonight")
    calm = await user.wait_for_bot(has("does not mean it is safe"))
    assert "96110" in calm["text"]
    await user.send("The man said to send him the verification code")
    unsure = await user.wait_for_bot(has("can't tell for sure"))
    assert "“verification code”" in unsure["text"]


async def test_checked_text_is_never_stored_only_its_verdict_is_counted(harness: Harness) -> None:
    user = harness.emu.user(803, first_name="Wu", language_code="zh-hans")
    secret = "兼职刷单日结佣金先垫付3000元，联系人张三13800001111"
    await user.send(secret)
    await user.wait_for_bot(has("刷单"))
    await user.send("明天一起吃饭吗")
    await user.wait_for_bot(has("没认出"))
    assert await harness.rows("select kind, scam_type, count from check_counts order by kind") == [
        ("benign", "none", 1), ("scam", "order_brushing", 1)]
    for table, rows in (await all_rows(harness)).items():
        for row in rows:
            assert not any("13800001111" in str(v) or "张三" in str(v) for v in row), table
