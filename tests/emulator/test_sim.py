"""The Python control side: simulated users, groups, polls, faults, limits, events, webhooks."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from tests.emulator.conftest import TOKEN, Call
from tgemu import Emulator

KB = {
    "inline_keyboard": [
        [
            {"text": "开始答题", "callback_data": "start:1"},
            {"text": "链接", "url": "https://x.org"},
        ]
    ]
}



async def _updates(call: Call) -> list[dict[str, Any]]:
    """Fetch and confirm all pending updates."""
    _, body = await call("getUpdates")
    updates: list[dict[str, Any]] = body["result"]
    if updates:
        await call("getUpdates", offset=updates[-1]["update_id"] + 1, timeout=0)
    return updates


async def test_user_send_builds_real_update(call: Call, emu: Emulator) -> None:
    """send() queues a message update with user, chat and a bot_command entity."""
    user = emu.user(1001, first_name='<b>&"', language_code="zh-hans", username=None)
    msg = await user.send("/start quiz_fake_investment")
    assert msg["from_bot"] is False and msg["message_id"] == 1
    (update,) = await _updates(call)
    message = update["message"]
    assert message["from"] == {
        "id": 1001,
        "is_bot": False,
        "first_name": '<b>&"',
        "language_code": "zh-hans",
    }
    assert message["chat"] == {"id": 1001, "type": "private", "first_name": '<b>&"'}
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["text"] == "/start quiz_fake_investment"


async def test_press_and_press_button(call: Call, emu: Emulator) -> None:
    """press() forges any data; press_button() finds the label; both carry the full message."""
    user = emu.user(1)
    _, sent = await call(
        "sendMessage", chat_id=1, text="<b>题目</b>", parse_mode="HTML", reply_markup=KB
    )
    mid = sent["result"]["message_id"]
    forged = await user.press(mid, "a:12:0:1")
    labelled = await user.press_button(mid, "开始答题")
    first, second = await _updates(call)
    assert (
        first["callback_query"]["id"] == forged and first["callback_query"]["data"] == "a:12:0:1"
    )
    query = second["callback_query"]
    assert query["data"] == "start:1" and query["message"] == sent["result"]
    assert query["from"]["id"] == 1 and isinstance(query["chat_instance"], str)
    assert labelled == query["id"]
    with pytest.raises(KeyError):
        await user.press_button(mid, "不存在")
    with pytest.raises(ValueError, match="no callback_data"):
        await user.press_button(mid, "链接")
    with pytest.raises(KeyError):
        await user.press(999, "x")


async def test_wait_for_bot_and_answers(call: Call, emu: Emulator) -> None:
    """wait_for_bot sees new messages and edits; wait_for_answer returns the answer."""
    user = emu.user(1)
    sent = await user.send("hi")

    async def bot() -> None:
        await asyncio.sleep(0.05)
        _, reply = await call("sendMessage", chat_id=1, text="v1", reply_markup=KB)
        await asyncio.sleep(0.05)
        await call(
            "editMessageText", chat_id=1, message_id=reply["result"]["message_id"], text="v2"
        )

    task = asyncio.create_task(bot())
    first = await user.wait_for_bot(since=sent["message_id"])
    assert first["text"] == "v1" and first["reply_markup"] == KB
    edited = await user.wait_for_bot(lambda m: m["text"] == "v2")
    assert edited["edit_count"] == 1 and edited["reply_markup"] is None
    await task
    with pytest.raises(TimeoutError):
        await user.wait_for_bot(lambda m: m["text"] == "never", timeout=0.1)
    query_id = await user.press(edited["message_id"], "x")
    await call("answerCallbackQuery", callback_query_id=query_id, text="已记录")
    assert await user.wait_for_answer(query_id, timeout=1) == {
        "text": "已记录",
        "show_alert": False,
        "url": None,
        "cache_time": 0,
    }


async def test_forward_and_inline(call: Call, emu: Emulator) -> None:
    """Forwarded messages carry forward_origin; inline queries carry the query."""
    user = emu.user(1)
    await user.forward("转账到这个账户", from_name="客服")
    query_id = await user.inline_query("刷单")
    forwarded, inline = await _updates(call)
    origin = forwarded["message"]["forward_origin"]
    assert origin["type"] == "hidden_user" and origin["sender_user_name"] == "客服"
    assert inline["inline_query"]["id"] == query_id and inline["inline_query"]["query"] == "刷单"
    assert inline["inline_query"]["offset"] == ""


async def test_polls_votes_and_updates(call: Call, emu: Emulator) -> None:
    """answer_poll gives poll_answer (non-anonymous) and poll updates; counts change."""
    user = emu.user(1)
    _, sent = await call(
        "sendPoll",
        chat_id=1,
        question="Q",
        options=["a", "b"],
        type="quiz",
        correct_option_ids=[1],
        is_anonymous=False,
    )
    poll_id = sent["result"]["poll"]["id"]
    await emu.answer_poll(poll_id, 1, [1])
    answer, poll = await _updates(call)
    assert answer["poll_answer"] == {
        "poll_id": poll_id,
        "user": emu.user(1).info.to_api(),
        "option_ids": [1],
        "option_persistent_ids": [f"{poll_id}-1"],
    }
    assert (
        poll["poll"]["options"][1]["voter_count"] == 1 and poll["poll"]["total_voter_count"] == 1
    )
    with pytest.raises(ValueError, match="revoting"):
        await user.vote(sent["result"]["message_id"], [0])
    await call("stopPoll", chat_id=1, message_id=sent["result"]["message_id"])
    with pytest.raises(ValueError, match="closed"):
        await emu.answer_poll(poll_id, 2, [0])
    assert user.messages()[-1]["poll"]["is_closed"] is True


async def test_group_privacy_mode(call: Call, emu: Emulator) -> None:
    """In groups the bot only sees commands, mentions and replies to its messages."""
    group = emu.group(-100123, title="家庭群")
    await group.send(5, "大家好")
    await group.send(5, "/quiz@antifraud_test_bot")
    _, sent = await call("sendMessage", chat_id=-100123, text="题目")
    await group.send(6, "回复", reply_to=sent["result"]["message_id"])
    updates = await _updates(call)
    assert [u["message"]["text"] for u in updates] == ["/quiz@antifraud_test_bot", "回复"]
    chat = updates[0]["message"]["chat"]
    assert chat == {"id": -100123, "type": "supergroup", "title": "家庭群"}
    assert len(group.messages()) == 4


async def test_block_gives_403(call: Call, emu: Emulator) -> None:
    """A user who blocked the bot: send* fails with 403 and is not a violation."""
    emu.user(1)
    emu.block(1)
    status, body = await call("sendMessage", chat_id=1, text="x")
    assert status == 403
    assert body == {
        "ok": False,
        "error_code": 403,
        "description": "Forbidden: bot was blocked by the user",
    }
    emu.unblock(1)
    assert (await call("sendMessage", chat_id=1, text="x"))[0] == 200
    assert emu.violations == []


async def test_inject_faults(call: Call, emu: Emulator) -> None:
    """Injected errors use Telegram's shapes and are consumed in order."""
    emu.user(1)
    emu.inject(method="sendMessage", status=429, retry_after=1, times=2)
    emu.inject(method="*", status=502)
    for _ in range(2):
        status, body = await call("sendMessage", chat_id=1, text="x")
        assert status == 429
        assert body == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        }
    assert (await call("getUpdates"))[0] == 200, "* never matches getUpdates"
    assert (await call("getMe"))[0] == 502
    assert (await call("sendMessage", chat_id=1, text="x"))[0] == 200
    assert emu.violations == []


async def test_flood_limits(call: Call, emu: Emulator) -> None:
    """Limit violations are counted; reject=True answers 429 with retry_after."""
    emu.user(1)
    emu.group(-5, "g")
    emu.limits(per_chat_per_s=1, group_per_min=2)
    for _ in range(3):
        await call("sendMessage", chat_id=1, text="x")
        await call("sendMessage", chat_id=-5, text="x")
    kinds = [v["kind"] for v in emu.limit_violations]
    assert kinds.count("per_chat") == 2 and kinds.count("group") == 1
    emu.limits(per_chat_per_s=1, reject=True)
    assert (await call("sendMessage", chat_id=1, text="x"))[0] == 200
    status, body = await call("sendMessage", chat_id=1, text="x")
    assert status == 429 and body["parameters"]["retry_after"] == 1


async def test_subscribe_streams_changes(call: Call, emu: Emulator) -> None:
    """Subscribers see messages, edits and callback answers."""
    events = emu.subscribe()
    user = emu.user(1)
    await user.send("hi")
    _, sent = await call("sendMessage", chat_id=1, text="x", reply_markup=KB)
    await call("editMessageText", chat_id=1, message_id=sent["result"]["message_id"], text="y")
    query_id = await user.press(sent["result"]["message_id"], "q")
    await call("answerCallbackQuery", callback_query_id=query_id, text="ok")
    kinds = []
    while not events.empty():
        event = events.get_nowait()
        assert event is not None
        kinds.append(event["type"])
    assert kinds == ["message", "message", "edit", "callback_answer"]
    emu.unsubscribe(events)


async def test_wait_idle(call: Call, emu: Emulator) -> None:
    """wait_idle needs every update fetched; it times out while the bot is away."""
    user = emu.user(1)
    await user.send("x")
    with pytest.raises(TimeoutError, match="1 update"):
        await emu.wait_idle(timeout=0.1)
    await _updates(call)
    await emu.wait_idle(timeout=10)


async def test_webhook_delivery_with_secret_and_reply_method(emu: Emulator) -> None:
    """Updates are POSTed to the webhook with the secret header; a method in the reply runs."""
    received: list[tuple[str | None, dict[str, Any]]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        chat_id = (await request.json())["message"]["chat"]["id"]
        return web.json_response({"method": "sendMessage", "chat_id": chat_id, "text": "pong"})

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with aiohttp.ClientSession() as session:
            url = f"{emu.base_url}/bot{TOKEN}/setWebhook"
            data = {"url": f"http://127.0.0.1:{port}/hook", "secret_token": "s3cret"}
            async with session.post(url, data=data) as resp:
                assert (await resp.json())["result"] is True
        user = emu.user(1)
        await user.send("ping")
        reply = await user.wait_for_bot(lambda m: m["text"] == "pong")
        assert reply["from_bot"] is True
        assert received[0][0] == "s3cret" and received[0][1]["message"]["text"] == "ping"
        await emu.wait_idle()
    finally:
        await runner.cleanup()
