"""Webhook mode end to end: the emulator posts updates to the bot's own server, on both
frameworks; forged requests are refused and change nothing; /healthz; graceful shutdown."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest

from bot.runner import HEALTH_CACHE_SECONDS, BotRunner
from bot.storage.engine import make_engine
from bot.telegram.webhook import SECRET_HEADER
from tests.e2e.harness import (
    FRAMEWORKS,
    Harness,
    all_rows,
    answer_current,
    buttons,
    has,
    running,
)


@pytest.fixture(params=FRAMEWORKS, ids=FRAMEWORKS)
async def hook(request: pytest.FixtureRequest, db_url: str) -> AsyncIterator[Harness]:
    """A bot in webhook mode against a fresh emulator and database, once per framework."""
    async with running(request.param, db_url, webhook=True) as h:
        yield h


def endpoint(h: Harness) -> str:
    """The bot's update URL."""
    return str(h.env["webhook_url"])


def forged_update(user_id: int) -> dict[str, Any]:
    """A /start from a user nobody has seen, as an attacker would post it."""
    return {"update_id": 990001, "message": {
        "message_id": 1, "date": 1_790_000_000, "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        "chat": {"id": user_id, "type": "private", "first_name": "X"},
        "from": {"id": user_id, "is_bot": False, "first_name": "X"}}}


async def test_quiz_round_over_the_webhook(hook: Harness) -> None:
    info = hook.emu.state.webhook
    assert info.url == endpoint(hook) and info.secret_token  # set by the bot at start
    user = hook.emu.user(601, first_name="小红", language_code="zh-hans")
    await user.send("/quiz")
    msg = await user.wait_for_bot(has("第 1/5 题"))
    for i in range(5):
        fb = await answer_current(user, msg, choice=i % 2)
        await user.press(fb["message_id"], buttons(fb)[0]["callback_data"])
        if i < 4:
            msg = await user.wait_for_bot(has(f"第 {i + 2}/5 题"))
    await user.wait_for_bot(has("本轮结束"))
    assert await hook.rows("select status from rounds where user_id=601") == [("finished",)]
    assert await hook.rows("select count(*) from answers where user_id=601") == [(5,)]
    assert hook.emu.calls("getUpdates") == []  # no polling in webhook mode


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", "x" * 300])
async def test_forged_requests_are_refused_and_change_nothing(hook: Harness,
                                                              secret: str | None) -> None:
    user = hook.emu.user(602, first_name="甲")
    await user.send("/start")
    await user.wait_for_bot(has("欢迎"))
    await hook.emu.wait_idle()
    before, sent = await all_rows(hook), len(hook.emu.requests)
    headers = {} if secret is None else {SECRET_HEADER: secret}
    async with aiohttp.ClientSession() as http:
        for body in (forged_update(666), forged_update(602)):
            async with http.post(endpoint(hook), json=body, headers=headers) as resp:
                assert resp.status == (401 if secret is None else 403)
    await asyncio.sleep(0.2)
    assert await all_rows(hook) == before
    assert len(hook.emu.requests) == sent  # the bot answered nobody


async def test_the_right_secret_is_accepted(hook: Harness) -> None:
    assert isinstance(hook.bot, BotRunner)
    hook.emu.user(603, first_name="X")  # a chat the bot's reply can go to
    async with aiohttp.ClientSession() as http:
        async with http.post(endpoint(hook), json=forged_update(603),
                             headers={SECRET_HEADER: hook.bot.secret}) as resp:
            assert resp.status == 200
        async with http.post(endpoint(hook), data=b"not json",
                             headers={SECRET_HEADER: hook.bot.secret}) as resp:
            assert resp.status == 400
    assert await hook.rows("select id from users where id=603") == [(603,)]


async def test_healthz_reports_the_database(hook: Harness) -> None:
    assert hook.container is not None
    url = endpoint(hook).replace("/telegram", "/healthz")
    async with aiohttp.ClientSession() as http, http.get(url) as resp:
        body = json.loads(await resp.text())
    assert resp.status == 200
    assert body["status"] == "ok" and body["database"] == "ok" and body["ready"] is True
    assert body["framework"] == hook.framework
    real = hook.container.engine
    hook.container.engine = make_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert isinstance(hook.bot, BotRunner)
    later = hook.bot.clock() + HEALTH_CACHE_SECONDS
    hook.bot.clock = lambda: later  # past the cached ping
    try:
        async with aiohttp.ClientSession() as http, http.get(url) as resp:
            assert resp.status == 503
            assert json.loads(await resp.text())["database"] == "unreachable"
    finally:
        await hook.container.engine.dispose()
        hook.container.engine = real


async def test_stopping_lets_the_update_in_flight_finish(
        hook: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    bot = hook.bot
    assert isinstance(bot, BotRunner)
    user = hook.emu.user(604, first_name="乙")
    started = asyncio.Event()
    real_feed = bot.frontend.feed

    async def slow_feed(data: dict[str, Any]) -> None:
        started.set()
        await asyncio.sleep(0.5)  # stop() arrives while this update is being handled
        await real_feed(data)

    monkeypatch.setattr(bot.frontend, "feed", slow_feed)
    await user.send("/start")
    await started.wait()
    await bot.stop()
    hook.bot = None  # stopped here; the fixture only closes the database
    assert await hook.rows("select id from users where id=604") == [(604,)]
    assert any("欢迎" in (m.text or "") for m in hook.emu.state.chats[604].visible())


async def test_a_contest_advances_on_the_runners_own_clock(hook: Harness) -> None:
    """Webhook mode attaches the contest clock too: nobody calls tick here, time is the test's."""
    from tests.e2e.test_contest import Clock, polls, setup

    hook.env["contest_tick_seconds"] = 0.05
    await hook.restart()
    assert hook.container is not None
    clock = Clock()
    hook.container.contests.clock = lambda: clock.now
    group, admin, (a, _, _) = setup(hook)
    await group.send(admin, "/contest 2 fake_loan 10")
    await group.wait_for_bot(has("竞赛开始"))
    clock.now = datetime.now(UTC)  # the first question is due at once
    for count in (1, 2):
        poll = await group.wait_for_bot(
            lambda m, n=count: m["poll"] is not None and len(polls(group)) == n, timeout=20)
        while await hook.rows("select count(*) from contest_polls") != [(count,)]:
            await asyncio.sleep(0.01)  # the clock records the poll just after sending it
        await group.vote(a, poll["message_id"], poll["poll"]["correct_option_ids"])
        await hook.emu.wait_idle()
        clock.now += timedelta(seconds=11)  # the poll's open period is over
    results = await group.wait_for_bot(has("竞赛结束"), timeout=20)
    assert "阿明" in results["text"]
    assert await hook.rows("select count(*), sum(correct) from contest_answers") == [(2, 2)]
    assert hook.emu.calls("getUpdates") == []
