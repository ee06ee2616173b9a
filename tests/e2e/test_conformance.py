"""One user script, both frameworks: the same messages, buttons, calls and stored rows.

Each scenario runs once on python-telegram-bot and once on aiogram, each against a fresh emulator
and database, and the two transcripts (tests/e2e/harness.py `transcript`) must be equal. The
scripts also assert the expected outcome, so both frameworks can't pass by failing alike.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.app import migrate
from bot.config import Framework
from tests.databases import on_postgres
from tests.e2e.harness import (
    MODES,
    Harness,
    answer_current,
    buttons,
    has,
    running,
    transcript,
    until,
)

Script = Callable[[Harness], Awaitable[None]]
EXPIRED = "过期"


async def stale_forged_and_double_presses(h: Harness) -> None:
    """A double tap counts once; foreign, forged, oversized and old callbacks change nothing."""
    owner, other = h.emu.user(601, first_name="乙"), h.emu.user(602, first_name="丙")
    await owner.send("/quiz")
    q = await owner.wait_for_bot(has("第 1/5 题"))
    data = buttons(q)[1]["callback_data"]
    first = await owner.press(q["message_id"], data)
    second = await owner.press(q["message_id"], data)
    await owner.wait_for_answer(first)
    assert "已经回答过" in ((await owner.wait_for_answer(second))["text"] or "")
    rid = data.split(":")[1]
    await other.send("/start")
    welcome = await other.wait_for_bot(has("欢迎"))
    await other.wait_for_bot(has("请问你是"))
    before = await h.rows("select * from answers")
    for forged in (data, f"a:{rid}:1:0", "a:999999:0:0", "garbage", "x" * 64, f"n:{rid}:0",
                   f"s:{rid}", "t:no_such_topic", "aud:hacker", "a:1:2:3:4:5"):
        cq = await other.press(welcome["message_id"], forged)
        assert EXPIRED in ((await other.wait_for_answer(cq))["text"] or ""), forged
    assert await h.rows("select * from answers") == before
    fb = await owner.wait_for_bot(lambda m: m["message_id"] == q["message_id"])
    old_next = buttons(fb)[0]["callback_data"]
    await owner.send("/quiz card_renting")
    await owner.wait_for_bot(has("第 1/5 题 · 出租出借"))
    cq = await owner.press(q["message_id"], old_next)
    assert EXPIRED in ((await owner.wait_for_answer(cq))["text"] or "")
    assert await h.rows("select count(*) from answers where user_id=601") == [(1,)]


async def restart_mid_round_under_flood_control(h: Harness) -> None:
    """A 429 and a 502 are waited out and retried; a restart mid-round loses nothing."""
    user = h.emu.user(611, first_name="Amy", language_code="en")
    await user.send("/quiz")
    q = await user.wait_for_bot(has("Question 1/5"))
    h.emu.inject("editMessageText", 429, retry_after=1)
    fb = await answer_current(user, q)
    assert "💡" in fb["text"]
    await h.restart()
    await user.press(fb["message_id"], buttons(fb)[0]["callback_data"])
    q2 = await user.wait_for_bot(has("Question 2/5"))
    h.emu.inject("answerCallbackQuery", 502)
    await answer_current(user, q2, choice=1)
    await h.restart()
    await user.send("/quiz")
    await user.wait_for_bot(has("unfinished round"))
    calls = [m for m, _ in h.emu.requests]
    assert calls.count("editMessageText") == 4  # feedback (429, retry), next question, feedback
    assert calls.count("answerCallbackQuery") == 4  # 502 and its retry
    assert await h.rows("select count(*) from answers where user_id=611") == [(2,)]
    assert await h.rows("select status from rounds where user_id=611") == [("active",)]


async def hostile_names_and_blocked_user(h: Harness) -> None:
    """Markup in names is escaped; a user who blocked the bot (403) is skipped, then served."""
    evil = h.emu.user(621, first_name='<b>&"</i><a href="tg://x">', language_code="zh-hans")
    await evil.send("/start")
    welcome = await evil.wait_for_bot(has("欢迎"))
    assert welcome["text"].startswith('👋 <b>&"</i><a href="tg://x">')
    await evil.send("/name <script>&amp;")
    assert "<script>&amp;" in (await evil.wait_for_bot(has("显示名已设为")))["text"]
    odd = h.emu.user(622, first_name="\u202e" + "夏" * 60 + "🙂\u200b", language_code="en")
    await odd.send("/start")
    await odd.wait_for_bot(has("welcome"))
    await odd.send("/name " + "长" * 200)
    await odd.wait_for_bot(has("can't"))
    sends = len(h.emu.calls("sendMessage"))
    shown = len(evil.bot_messages())
    h.emu.block(621)
    await evil.send("/me")
    await until(lambda: len(h.emu.calls("sendMessage")) == sends + 1)
    cq = await evil.press_button(welcome["message_id"], "开始答题")
    await evil.wait_for_answer(cq)
    await until(lambda: len(h.emu.calls("sendMessage")) == sends + 2)
    assert len(evil.bot_messages()) == shown
    h.emu.unblock(621)
    h.emu.inject("sendMessage", 403)
    await evil.send("/me")
    await until(lambda: len(h.emu.calls("sendMessage")) == sends + 3)
    await evil.send("/me")
    await evil.wait_for_bot(has("我的成绩"))
    assert len(evil.bot_messages()) == shown + 1
    assert await h.rows("select display_name from users where id=621") == [("<script>&amp;",)]


async def play_round(user: Any, first: dict[str, Any]) -> dict[str, Any]:
    """Answer a whole round by pressing buttons; the summary message."""
    msg = first
    for i in range(5):
        fb = await answer_current(user, msg, choice=i % 3)
        await user.press(fb["message_id"], buttons(fb)[0]["callback_data"])
        if i < 4:
            msg = await user.wait_for_bot(has(f"第 {i + 2}/5 题"))
    return await user.wait_for_bot(has("本轮结束"))


async def feature_tour(h: Harness) -> None:
    """Every command and flow once: quiz, topics, profile, boards, settings, reminders, admin."""
    h.env["admin_ids"] = frozenset({690})
    await h.restart()
    user = h.emu.user(631, first_name="王阿姨", language_code="zh-hans")
    await user.send("/start quiz_fake_loan")
    ask = await user.wait_for_bot(has("请问你是"))
    await user.press_button(ask["message_id"], "老年人")
    q = await user.wait_for_bot(has("第 1/5 题 · 虚假网络贷款"))
    assert "本轮结束" in (await play_round(user, q))["text"]
    for cmd, fragment in [("/topics", "选择主题"), ("/me", "我的成绩"), ("/top", "本周"),
                          ("/name 王阿姨", "显示名已设为"),
                          ("/timezone Europe/Berlin", "Europe/Berlin"),
                          ("/subscribe weekly 09:15", "已订阅反诈提醒"), ("/help", "/quiz")]:
        await user.send(cmd)
        await user.wait_for_bot(has(fragment))
    settings = await user.send("/settings")
    panel = await user.wait_for_bot(has("语言："))
    await user.press_button(panel["message_id"], "English")
    await user.wait_for_bot(has("Settings"))
    await user.send("/unsubscribe")
    await user.wait_for_bot(has("Tips are off"))
    admin = h.emu.user(690, first_name="民警")
    draft = await admin.send("⚠️ 警惕“征信修复”诈骗")
    await admin.send("/broadcast", reply_to=draft["message_id"])
    confirm = await admin.wait_for_bot(has("确认群发"))
    await admin.press(confirm["message_id"], buttons(confirm)[0]["callback_data"])
    await admin.wait_for_bot(has("已排队"))
    assert h.container is not None and settings
    await h.container.pushes.tick()
    await h.container.pushes.idle()
    await user.wait_for_bot(has("征信修复"))
    await admin.send("/stats")
    await admin.wait_for_bot(has("运营数据"))
    assert await h.rows("select status, total from broadcasts") == [("done", 2)]
    assert await h.rows("select language, timezone, audience from users where id=631") == [
        ("en", "Europe/Berlin", "elderly")]


async def group_contest(h: Harness) -> None:
    """A group contest: a refused member, two quiz polls with votes, a duplicate update, the board;
    an inline query and a refused certificate on the side."""
    from tests.e2e.test_contest import Clock, next_poll, redeliver_vote, setup

    clock = Clock()
    group, admin, (a, b, _) = setup(h)
    await group.send(a, "/contest")
    await group.wait_for_bot(has("只有群管理员"))
    await group.send(admin, "/contest 2 fake_loan 10")
    await group.wait_for_bot(has("竞赛开始"))
    for seconds in (0, 11):
        msg = await next_poll(h, group, clock, seconds)
        right = msg["poll"]["correct_option_ids"]
        await group.vote(a, msg["message_id"], right)
        await group.vote(b, msg["message_id"], [(right[0] + 1) % len(msg["poll"]["options"])])
        await h.emu.wait_idle()
    await redeliver_vote(h, msg["poll"], a, right)
    assert await clock.tick(h, 11) == 1
    results = await group.wait_for_bot(has("竞赛结束"))
    assert results["text"].index("阿明") < results["text"].index("小红")
    qid = await a.inline_query("网贷")
    await until(lambda: qid in h.emu.inline_answers)
    await a.send("/certificate")
    await a.wait_for_bot(has("还差"))
    assert await h.rows("select count(*), sum(correct) from contest_answers") == [(4, 2)]


SCRIPTS: list[Script] = [
    stale_forged_and_double_presses,
    restart_mid_round_under_flood_control,
    hostile_names_and_blocked_user,
    feature_tour,
    group_contest,
]


# Every script runs in both modes with FULL=1; by default webhook mode plays the scripts with
# contests and reminders, so each mode still runs on each framework, contests included.
WEBHOOK_DEFAULT = {feature_tour, group_contest}
CASES = [pytest.param(script, mode, id=f"{script.__name__}-{mode}")
         for mode in MODES for script in SCRIPTS
         if mode == "polling" or script in WEBHOOK_DEFAULT or os.environ.get("FULL")]


async def play(script: Script, framework: Framework, mode: str, tmp: Path) -> dict[str, Any]:
    """Run a script on one framework in one mode with its own emulator and database; its
    transcript."""
    url = f"sqlite+aiosqlite:///{tmp / f'{framework}-{mode}.db'}"
    await asyncio.to_thread(migrate, url)
    async with running(framework, url, webhook=mode == "webhook") as h:
        await script(h)
        await h.emu.wait_idle()
        return await transcript(h)


@pytest.mark.skipif(on_postgres(), reason="compares frameworks, not databases: the SQLite run")
@pytest.mark.parametrize(("script", "mode"), CASES)
async def test_same_transcript_on_both_frameworks(script: Script, mode: str,
                                                  tmp_path: Path) -> None:
    ptb = await play(script, "ptb", mode, tmp_path)
    aiogram = await play(script, "aiogram", mode, tmp_path)
    for part in ("chats", "answers", "requests", "rows"):
        assert aiogram[part] == ptb[part], part
