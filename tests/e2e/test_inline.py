"""Inline sharing on both frameworks: `@bot 刷单` offers scam cards, cases and tips in the
user's language, each with a button back to the bot's quiz on that topic."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import Harness, until
from tgemu import SimUser

LINK = "https://t.me/antifraud_test_bot?start=quiz_"


async def ask(h: Harness, user: SimUser, query: str) -> list[dict[str, Any]]:
    """Type @bot query and wait for the bot's answerInlineQuery."""
    qid = await user.inline_query(query)
    await until(lambda: qid in h.emu.inline_answers)
    return h.emu.inline_answers[qid]


def url(result: dict[str, Any]) -> str:
    return str(result["reply_markup"]["inline_keyboard"][0][0]["url"])


async def test_inline_query_in_chinese(harness: Harness) -> None:
    user = harness.emu.user(801, first_name="小李", language_code="zh-hans")
    results = await ask(harness, user, "刷单")
    assert 1 < len(results) <= 50
    assert all(r["type"] == "article" for r in results)
    first = results[0]
    assert first["title"] == "📘 刷单返利" and url(first) == LINK + "order_brushing"
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML" and "<b>刷单返利</b>" in content["message_text"]
    assert any(r["id"].startswith("tip:") for r in results)
    assert all(url(r).startswith("https://t.me/antifraud_test_bot") for r in results)
    assert await harness.rows("select count(*) from users") == [(0,)]
    (call,) = harness.emu.calls("answerInlineQuery")
    assert call["is_personal"] is True  # the results depend on who asks (their language)


async def test_inline_query_in_english_and_traditional(harness: Harness) -> None:
    amy = harness.emu.user(802, first_name="Amy", language_code="en")
    results = await ask(harness, amy, "order brushing")
    assert results[0]["title"] == "📘 Order-brushing rebate scam"
    assert "Take the quiz" in results[0]["reply_markup"]["inline_keyboard"][0][0]["text"]
    assert "How it goes" in results[0]["input_message_content"]["message_text"]
    mei = harness.emu.user(803, first_name="美", language_code="zh-hant")
    results = await ask(harness, mei, "刷單")
    assert results[0]["title"] == "📘 刷單返利"


async def test_empty_and_unmatched_queries(harness: Harness) -> None:
    user = harness.emu.user(804, first_name="Bo", language_code="en")
    featured = await ask(harness, user, "")
    assert [r["id"].split(":")[0] for r in featured] == ["scam"] * 3 + ["tip"] * 2
    assert await ask(harness, user, "zzzz-nothing-like-this") == []
