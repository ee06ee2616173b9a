"""A scripted user plays the bot end to end through the emulator."""

from __future__ import annotations

from tests.e2e.harness import Harness, answer_current, buttons, has, labels


async def test_start_audience_quiz_summary(harness: Harness) -> None:
    user = harness.emu.user(501, first_name="小明", language_code="zh-hans")
    await user.send("/start")
    welcome = await user.wait_for_bot(has("欢迎"))
    assert labels(welcome) == ["开始答题", "选择主题", "🔍 查可疑消息", "设置"]
    ask = await user.wait_for_bot(has("请问你是"))
    assert labels(ask) == ["老年人", "学生", "财务人员", "商户", "独居", "其他"]
    await user.press_button(ask["message_id"], "老年人")
    await user.wait_for_bot(has("已记下"))
    assert await harness.rows("select audience from users where id=501") == [("elderly",)]

    await user.send("/quiz")
    msg = await user.wait_for_bot(has("第 1/5 题"))
    for i in range(5):
        fb = await answer_current(user, msg, choice=i % 2)
        assert "你选了" in fb["text"] and "💡" in fb["text"] and "🎯 手法" in fb["text"]
        nxt = buttons(fb)[0]
        if i < 4:
            assert nxt["text"] == "下一题 ▶"
            await user.press(fb["message_id"], nxt["callback_data"])
            msg = await user.wait_for_bot(has(f"第 {i + 2}/5 题"))
            # The answered question stays readable above, its button gone; the next is new.
            assert msg["message_id"] > fb["message_id"]
            kept = next(m for m in user.messages() if m["message_id"] == fb["message_id"])
            assert "你选了" in kept["text"] and not buttons(kept)
        else:
            assert nxt["text"] == "查看成绩 📊"
            await user.press(fb["message_id"], nxt["callback_data"])
    summary = await user.wait_for_bot(has("本轮结束"))
    assert "连续答题" in summary["text"]
    assert "再来一轮" in labels(summary)

    rounds = await harness.rows("select status, correct, points from rounds where user_id=501")
    answers = await harness.rows("select count(*), sum(points) from answers where user_id=501")
    users = await harness.rows("select points, rounds, streak from users where id=501")
    assert rounds[0][0] == "finished" and answers[0][0] == 5
    assert users[0][0] == rounds[0][2] and users[0][1:] == (1, 1)
    assert rounds[0][2] == answers[0][1] + (10 if rounds[0][1] == 5 else 0)


async def test_restart_mid_round_continues(harness: Harness) -> None:
    user = harness.emu.user(502, first_name="Amy", language_code="en")
    await user.send("/quiz")
    msg = await user.wait_for_bot(has("Question 1/5"))
    fb = await answer_current(user, msg)
    await harness.restart()
    await user.press(fb["message_id"], buttons(fb)[0]["callback_data"])
    msg = await user.wait_for_bot(has("Question 2/5"))
    await answer_current(user, msg)
    await harness.restart()
    await user.send("/quiz")
    resumed = await user.wait_for_bot(lambda m: "unfinished round" in (m.get("text") or ""))
    assert resumed
    assert await harness.rows("select count(*) from answers where user_id=502") == [(2,)]


async def test_double_press_counts_once(harness: Harness) -> None:
    user = harness.emu.user(503, first_name="甲")
    await user.send("/quiz")
    msg = await user.wait_for_bot(has("第 1/5 题"))
    data = buttons(msg)[0]["callback_data"]
    first = await user.press(msg["message_id"], data)
    second = await user.press(msg["message_id"], data)
    a1 = await user.wait_for_answer(first)
    a2 = await user.wait_for_answer(second)
    assert "已经回答过" in (a2["text"] or "") or "已经回答过" in (a1["text"] or "")
    assert await harness.rows("select count(*) from answers where user_id=503") == [(1,)]


async def test_forged_and_stale_callbacks_change_nothing(harness: Harness) -> None:
    owner = harness.emu.user(504, first_name="乙")
    other = harness.emu.user(505, first_name="丙")
    await owner.send("/quiz")
    msg = await owner.wait_for_bot(has("第 1/5 题"))
    rid = buttons(msg)[0]["callback_data"].split(":")[1]
    await other.send("/start")
    await other.wait_for_bot(has("欢迎"))
    before = await harness.rows("select * from answers")
    forged = [f"a:{rid}:0:0", "a:999999:0:0", "garbage", "x" * 64, "a:1:2", f"n:{rid}:0",
              f"a:{rid}:3:0", f"s:{rid}", "t:no_such_topic", "aud:hacker"]
    for data in forged:
        cq = await other.press(msg["message_id"], data)
        ans = await other.wait_for_answer(cq)
        assert "过期" in (ans["text"] or ""), data
    assert await harness.rows("select * from answers") == before
    await answer_current(owner, msg)
    old_round_button = buttons(msg)[0]["callback_data"]
    await owner.send("/quiz card_renting")
    await owner.wait_for_bot(has("第 1/5 题 · 出租出借"))
    cq = await owner.press(msg["message_id"], old_round_button)
    assert "过期" in ((await owner.wait_for_answer(cq))["text"] or "")


async def test_hostile_name_is_escaped(harness: Harness) -> None:
    user = harness.emu.user(506, first_name='<b>&"</i>', language_code="zh-hans")
    await user.send("/start")
    welcome = await user.wait_for_bot(has("欢迎"))
    assert welcome["text"].startswith('👋 <b>&"</i>')
    await user.send("/name <script>&amp;")
    saved = await user.wait_for_bot(has("显示名已设为"))
    assert "<script>&amp;" in saved["text"]


async def test_deep_link_english_and_other_commands(harness: Harness) -> None:
    user = harness.emu.user(507, first_name="Bo", language_code="en-US")
    await user.send("/start quiz_card_renting")
    await user.wait_for_bot(has("welcome"))
    q = await user.wait_for_bot(has("Question 1/"))
    assert "两卡" in q["text"] or "card" in q["text"].lower()
    for cmd, fragment in [("/me", "My progress"), ("/top", "This week"),
                          ("/topics", "Choose a topic"), ("/settings", "Settings"),
                          ("/help", "commands"), ("/nonsense", "I don't know"),
                          ("hello", "Tap a button")]:
        await user.send(cmd)
        await user.wait_for_bot(has(fragment))
    settings = await user.wait_for_bot(has("Settings"))
    await user.press_button(settings["message_id"], "简体中文")
    await user.wait_for_bot(has("设置"))
    assert await harness.rows("select language from users where id=507") == [("zh-Hans",)]
    commands = [p for m, p in harness.emu.requests if m == "setMyCommands"]
    assert {c.get("language_code") for c in commands} >= {"zh", "en"}
