"""What a retiree and a student ran into: the checker is findable, /me agrees with /top, toasts
say what happened, buttons stay where they were pressed. All of it lives in the shared services,
so one framework plays it (the conformance suite holds the two adapters to the same wire). One
bot, emulator and database serve the whole module (starting them is most of a test's time); each
test keeps to users of its own. The logic behind each is also tested on the in-memory store
(tests/services/test_ux_use_cases.py); these check what a user reads and taps."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import text

from tests.e2e.harness import Harness, buttons, has, labels, running

pytestmark = pytest.mark.asyncio(loop_scope="module")
IDS = itertools.count(7880001, 10)
SCAM = ("【市公安局】你的身份证涉嫌一起跨境洗钱案，请立即将名下全部资金转入我们指定的“安全账户”"
        "配合资金核查，否则明天冻结你所有银行卡。此案保密，不要告诉家人。")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def harness(module_db_url: str) -> AsyncIterator[Harness]:
    """The real bot (PTB) against an emulator and database of this module."""
    async with running("ptb", module_db_url) as h:
        yield h


@pytest.fixture
def uid() -> int:
    """A user id no other test in the module uses (the next one is free too)."""
    return next(IDS)


def rows_of(msg: dict[str, Any]) -> list[list[str]]:
    """Button labels row by row."""
    return [[b["text"] for b in row]
            for row in (msg.get("reply_markup") or {}).get("inline_keyboard") or []]


async def edited(user: Any, msg: dict[str, Any], label: str) -> tuple[dict[str, Any], str]:
    """Press a button by label; the same message after its edit, and the toast text."""
    query = await user.press_button(msg["message_id"], label)
    answer = await user.wait_for_answer(query)
    new = await user.wait_for_bot(lambda m: m["message_id"] == msg["message_id"]
                                  and m.get("edit_count", 0) > msg.get("edit_count", 0))
    return new, answer.get("text") or ""


async def test_start_help_and_menu_say_how_to_check_a_message(harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send("/start")
    welcome = await me.wait_for_bot(has("欢迎"))
    assert "粘贴或转发给我" in welcome["text"]
    assert "🔍 查可疑消息" in labels(welcome)
    await me.press_button(welcome["message_id"], "🔍 查可疑消息")
    how = await me.wait_for_bot(has("直接粘贴"))
    assert "转发" in how["text"]
    await me.send("/help")
    assert "粘贴或转发给我" in (await me.wait_for_bot(has("命令")))["text"]


async def test_me_ranks_as_top_lists_and_forget_leaves_no_rank(harness: Harness, uid: int) -> None:
    me, rival = harness.emu.user(uid), harness.emu.user(uid + 1)
    for user in (me, rival):
        await user.send("/start")
        await user.wait_for_bot(has("欢迎"))
    await harness.emu.wait_idle()
    # the rival has more points but keeps off the board, so /top lists me first
    assert harness.container is not None
    async with harness.container.engine.begin() as conn:
        await conn.execute(text("update users set points=90, leaderboard=false where id=:id"),
                           {"id": uid + 1})
        await conn.execute(text("update users set points=40, leaderboard=true where id=:id"),
                           {"id": uid})
    await me.send("/top")
    top = await me.wait_for_bot(has("总排行"))
    overall = top["text"].split("总排行")[1]
    assert overall.strip().splitlines()[0].startswith("1. ") and "⬅️" in overall
    await me.send("/me")
    assert "总排行第 1 名" in (await me.wait_for_bot(has("我的成绩")))["text"]

    await me.send("/forget")
    ask = await me.wait_for_bot(has("删除你的全部数据"))
    gone, toast = await edited(me, ask, "🗑 永久删除")
    assert toast == "已删除" and "已删除关于你的全部数据" in gone["text"]
    await me.send("/me")
    after = await me.wait_for_bot(has("我的成绩"), since=gone["message_id"])
    assert after["text"].splitlines()[1] == "积分：0（未加入排行榜）"


async def test_forget_cancelled_says_so(harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send("/forget")
    ask = await me.wait_for_bot(has("删除你的全部数据"))
    kept, toast = await edited(me, ask, "取消")
    assert "未删除" in toast and toast != "已保存" and "数据未删除" in kept["text"]


async def test_joining_under_top_keeps_the_board(harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send("/top")
    top = await me.wait_for_bot(has("本周排行"))
    board, toast = await edited(me, top, "加入排行榜")
    assert toast == "已加入排行榜"
    assert "本周排行" in board["text"] and "设置" not in board["text"]
    assert "你还没有加入排行榜" not in board["text"] and labels(board) == []
    assert await harness.rows(f"select leaderboard from users where id={uid}") == [(True,)]


async def test_me_is_headed_by_a_name_not_a_code(harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send("/me")
    first = await me.wait_for_bot(has("我的成绩"))
    assert first["text"].splitlines()[0] == "👤 我的成绩"
    await me.send("/name 小明")
    await me.wait_for_bot(has("显示名已设为"))
    await me.send("/me")
    named = await me.wait_for_bot(has("我的成绩 · 小明"))
    assert named["text"].splitlines()[0] == "👤 我的成绩 · 小明"


async def test_reminder_times_fit_a_phone_row(harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send("/subscribe 20:00")
    panel = await me.wait_for_bot(has("已订阅"))
    rows = rows_of(panel)
    assert max(len(r) for r in rows) <= 3
    assert "✓ 20:00" in labels(panel) and "✓ 每天" in labels(panel)


async def test_topics_are_listed_once(harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send("/topics")
    msg = await me.wait_for_bot(has("选择主题"))
    names = [label.split(" · ")[0].removeprefix("🏅 ") for label in labels(msg)]
    assert len(names) == 12 and "刷单返利" in names
    assert not any(name in msg["text"] for name in names)  # the buttons carry the names


async def test_quiz_finds_a_topic_by_chinese_or_english_name(harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send("/quiz 刷单")
    first = await me.wait_for_bot(has("第 1/5 题"))
    assert "刷单返利" in first["text"]
    await me.send("/quiz investment")
    second = await me.wait_for_bot(has("虚假投资理财"), since=first["message_id"])
    assert "第 1/5 题" in second["text"]
    await me.send("/quiz 火星人")
    missing = await me.wait_for_bot(has("没有找到"), since=second["message_id"])
    assert "火星人" in missing["text"] and "中文或英文" in missing["text"]
    picker = await me.wait_for_bot(has("选择主题"), since=second["message_id"])
    assert len(labels(picker)) == 12


async def test_timezone_offers_buttons_and_marks_the_current_one(
        harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send("/timezone")
    ask = await me.wait_for_bot(has("时区"))
    assert "✓ 北京时间" in labels(ask) and "台北" in labels(ask)
    saved, toast = await edited(me, ask, "台北")
    assert toast == "已保存" and "Asia/Taipei" in saved["text"]
    assert "✓ 台北" in labels(saved) and "北京时间" in labels(saved)
    assert await harness.rows(f"select timezone from users where id={uid}") == [("Asia/Taipei",)]
    await me.send("/timezone Mars/Base")
    unknown = await me.wait_for_bot(has("不认识时区"))
    assert "✓ 台北" in labels(unknown)


async def test_current_language_is_ticked(harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send("/settings")
    panel = await me.wait_for_bot(has("设置"))
    assert "✓ 简体中文" in labels(panel) and "English" in labels(panel)
    english, _toast = await edited(me, panel, "English")
    assert "✓ English" in labels(english) and "简体中文" in labels(english)


async def test_scam_card_is_short_with_case_steps_and_quiz_behind_buttons(
        harness: Harness, uid: int) -> None:
    me = harness.emu.user(uid)
    await me.send(SCAM)
    verdict = await me.wait_for_bot(has("冒充公检法"))
    await me.press_button(verdict["message_id"], "了解这种骗局")
    card = await me.wait_for_bot(has("📘"))
    assert len(card["text"].splitlines()) <= 4
    assert rows_of(card) == [["📰 真实案例", "🛡 怎么办"], ["做一轮相关测验"]]
    await me.press_button(card["message_id"], "📰 真实案例")
    case = await me.wait_for_bot(has("真实案例："))
    assert "🛡 怎么办" in labels(case) and "📰 真实案例" not in labels(case)
    await me.press_button(case["message_id"], "🛡 怎么办")
    steps = await me.wait_for_bot(has("遇到“冒充公检法”怎么办"))
    assert "1. " in steps["text"] and "📰 真实案例" in labels(steps)
    await me.press(steps["message_id"], buttons(steps)[-1]["callback_data"])
    assert "冒充公检法" in (await me.wait_for_bot(has("第 1/5 题")))["text"]
