"""Learning end to end on both frameworks: shuffled options that survive a restart, the
scam-or-genuine kind, and feedback that stays readable in the chat."""

from __future__ import annotations

from typing import Any

from bot.core.content import pick
from tests.e2e.harness import Harness, answer_current, buttons, has, labels
from tests.services.test_learning import real_bank

VERDICTS = ["🚨 诈骗", "✅ 正常", "🤔 拿不准"]


async def test_the_option_pressed_after_a_restart_is_the_one_that_was_shown(
        harness: Harness) -> None:
    user = harness.emu.user(601, first_name="丁")
    await user.send("/quiz")
    msg = await user.wait_for_bot(has("第 1/5 题"))
    await harness.restart()
    fb = await answer_current(user, msg, choice=1)
    rows = await harness.rows("select question_id, chosen from answers where user_id=601")
    (qid, chosen), = rows
    shown = pick(real_bank().questions[qid].options[chosen].text, "zh-Hans")
    if labels(msg) == VERDICTS:
        assert shown == "正常" and "你选了：正常" in fb["text"]
    else:
        assert f"B. {shown}" in msg["text"] and "你选了：B" in fb["text"]
        assert f"B. {shown}" in fb["text"]  # the feedback lists the options as they were shown


async def _find_scam_or_genuine(harness: Harness, user: Any) -> dict[str, Any]:
    """Play the fake-loan topic until a scam-or-genuine item comes up (unseen ones come first)."""
    await user.send("/quiz fake_loan")
    msg = await user.wait_for_bot(has("/5 题"))
    for _ in range(40):
        if labels(msg) == VERDICTS:
            return msg
        fb = await answer_current(user, msg)
        nxt = buttons(fb)[0]
        await user.press(fb["message_id"], nxt["callback_data"])
        if "成绩" in nxt["text"]:
            await user.wait_for_bot(has("本轮结束"))
            await user.send("/quiz fake_loan")
        msg = await user.wait_for_bot(lambda m: "题" in (m.get("text") or "") and bool(buttons(m))
                                      and "下一题" not in labels(m), since=fb["message_id"])
    raise AssertionError("no scam-or-genuine item served")


async def test_a_scam_or_genuine_item_is_served_and_unsure_is_explained(
        harness: Harness) -> None:
    user = harness.emu.user(602, first_name="戊")
    msg = await _find_scam_or_genuine(harness, user)
    assert "这条消息是诈骗还是正常" in msg["text"] and "📨" in msg["text"]
    assert any(e["type"] == "blockquote" for e in msg.get("entities") or [])
    fb = await answer_current(user, msg, choice=2)
    assert "你选了：拿不准" in fb["text"] and "拿不准很正常" in fb["text"]
    assert "🔑 关键" in fb["text"] and "🎯 手法" in fb["text"]
    rows = await harness.rows(
        "select chosen, correct from answers where user_id=602 order by answered_at desc")
    assert rows[0] == (2, False) or rows[0] == (2, 0)
