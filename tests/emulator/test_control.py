"""The /_emu/ JSON control API and the server-sent event stream."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tgemu import Emulator

TOKEN = "123:ABC"


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """An HTTP client."""
    async with aiohttp.ClientSession() as client:
        yield client


async def _json(session: aiohttp.ClientSession, verb: str, url: str, body: Any = None) -> Any:
    """Send a control request and return the decoded reply (with status)."""
    async with session.request(verb, url, json=body) as resp:
        return resp.status, await resp.json()


async def test_users_messages_press_and_logs(
    emu: Emulator, session: aiohttp.ClientSession
) -> None:
    """Users talk and press buttons over HTTP; chats, requests and violations are readable."""
    root = f"{emu.base_url}/_emu"
    status, sent = await _json(
        session,
        "POST",
        f"{root}/users/77/messages",
        {"text": "/start", "first_name": "李", "language_code": "zh-hans"},
    )
    assert status == 200 and sent["result"]["text"] == "/start"
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    _, bot_msg = await _json(
        session,
        "POST",
        f"{emu.base_url}/bot{TOKEN}/sendMessage",
        {"chat_id": 77, "text": "Q", "reply_markup": markup},
    )
    mid = bot_msg["result"]["message_id"]
    _, pressed = await _json(
        session, "POST", f"{root}/users/77/press", {"message_id": mid, "data": "a"}
    )
    query_id = pressed["result"]["callback_query_id"]
    _, by_label = await _json(
        session, "POST", f"{root}/users/77/press", {"message_id": mid, "button": "A"}
    )
    assert by_label["ok"] is True
    await _json(
        session,
        "POST",
        f"{emu.base_url}/bot{TOKEN}/answerCallbackQuery",
        {"callback_query_id": query_id, "text": "done"},
    )
    _, answer = await _json(session, "GET", f"{root}/callbacks/{query_id}")
    assert answer["result"]["text"] == "done"
    _, messages = await _json(session, "GET", f"{root}/chats/77/messages")
    assert [m["text"] for m in messages["result"]] == ["/start", "Q"]
    await _json(
        session, "POST", f"{emu.base_url}/bot{TOKEN}/sendMessage", {"chat_id": 77, "text": ""}
    )
    _, requests = await _json(session, "GET", f"{root}/requests?method=sendMessage")
    assert len(requests["result"]) == 2
    _, violations = await _json(session, "GET", f"{root}/violations")
    assert violations["result"][0]["description"] == "Bad Request: message text is empty"
    assert emu.user(77).info.first_name == "李"


async def test_block_inject_and_errors(emu: Emulator, session: aiohttp.ClientSession) -> None:
    """Block and inject over HTTP; bad control input gives 400/404."""
    root = f"{emu.base_url}/_emu"
    emu.user(5)
    await _json(session, "POST", f"{root}/block/5")
    status, _ = await _json(
        session, "POST", f"{emu.base_url}/bot{TOKEN}/sendMessage", {"chat_id": 5, "text": "x"}
    )
    assert status == 403
    await _json(session, "DELETE", f"{root}/block/5")
    await _json(session, "POST", f"{root}/inject", {"method": "sendMessage", "status": 500})
    status, body = await _json(
        session, "POST", f"{emu.base_url}/bot{TOKEN}/sendMessage", {"chat_id": 5, "text": "x"}
    )
    assert status == 500 and body["description"] == "Internal Server Error"
    status, body = await _json(session, "GET", f"{root}/chats/404/messages")
    assert status == 404 and body["ok"] is False
    status, body = await _json(session, "POST", f"{root}/users/5/press", {"message_id": 1})
    assert status == 404
    status, body = await _json(session, "POST", f"{root}/users/x/messages", {"text": "hi"})
    assert status == 400


async def test_event_stream(emu: Emulator, session: aiohttp.ClientSession) -> None:
    """GET /_emu/events streams one JSON event per change and ends on stop."""
    async with session.get(f"{emu.base_url}/_emu/events") as resp:
        assert (await resp.content.readline()).startswith(b": connected")
        await resp.content.readline()
        await emu.user(1).send("hello")
        line = await asyncio.wait_for(resp.content.readline(), 2)
        event = json.loads(line.decode().removeprefix("data: "))
        assert event["type"] == "message" and event["message"]["text"] == "hello"
        await emu.stop()
        rest = await asyncio.wait_for(resp.content.read(), 2)
        assert rest.strip() == b""
