"""The web chat's HTTP side without a browser: bad input, foreign hosts, headers, the stream."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.webchat.conftest import FIRST_USER, web_only
from tgemu import Emulator

GROUP = -1001000000001


@pytest.fixture
async def served() -> AsyncIterator[tuple[Emulator, str, aiohttp.ClientSession]]:
    async with web_only() as (emu, url), aiohttp.ClientSession() as session:
        yield emu, url, session


async def post(session: aiohttp.ClientSession, url: str, body: Any) -> tuple[int, Any]:
    async with session.post(url, json=body) as resp:
        return resp.status, await resp.json()


@pytest.mark.parametrize(("path", "body", "status"), [
    (f"api/chats/{FIRST_USER}/messages", {"user_id": FIRST_USER, "text": "   "}, 400),
    (f"api/chats/{FIRST_USER}/messages", {"user_id": FIRST_USER, "text": "x" * 4097}, 400),
    (f"api/chats/{FIRST_USER}/messages", {"user_id": FIRST_USER, "text": 7}, 400),
    (f"api/chats/{FIRST_USER}/messages", {"user_id": FIRST_USER + 1, "text": "hi"}, 400),
    (f"api/chats/{FIRST_USER}/messages", {"user_id": 999, "text": "hi"}, 404),
    (f"api/chats/{FIRST_USER}/messages", {"text": "hi"}, 404),
    ("api/chats/424242/messages", {"user_id": FIRST_USER, "text": "hi"}, 404),
    (f"api/chats/{FIRST_USER}/press", {"user_id": FIRST_USER, "message_id": 1, "data": "x"}, 404),
    ("api/polls/nope/votes", {"user_id": FIRST_USER, "option_ids": [0]}, 404),
    ("api/polls/nope/votes", {"user_id": FIRST_USER, "option_ids": "0"}, 400),
    ("api/users", {"first_name": "", "language_code": "en"}, 400),
    ("api/users", {"first_name": "Bob", "language_code": "fr"}, 400),
    ("api/users", {"first_name": "B" * 65, "language_code": "en"}, 400),
    ("api/users", [1, 2], 400),
])
async def test_bad_input_is_refused_and_changes_nothing(
        served: tuple[Emulator, str, aiohttp.ClientSession], path: str, body: Any,
        status: int) -> None:
    emu, url, session = served
    before = (len(emu.state.users), emu.state.updates.undelivered())
    code, answer = await post(session, url + path, body)
    assert (code, answer["ok"]) == (status, False) and answer["description"]
    assert (len(emu.state.users), emu.state.updates.undelivered()) == before


async def test_foreign_hosts_and_cross_site_forms_are_refused(
        served: tuple[Emulator, str, aiohttp.ClientSession]) -> None:
    emu, url, session = served
    async with session.get(url + "api/session", headers={"Host": "evil.example:80"}) as resp:
        assert resp.status == 421
    form = {"user_id": str(FIRST_USER), "text": "hi"}
    async with session.post(url + f"api/chats/{FIRST_USER}/messages", data=form) as resp:
        assert resp.status == 415
    async with session.post(url + f"api/chats/{FIRST_USER}/messages", data="{") as resp:
        assert resp.status == 415
    async with session.post(url + f"api/chats/{FIRST_USER}/messages", data="{",
                            headers={"Content-Type": "application/json"}) as resp:
        assert resp.status == 400
    assert emu.state.chats[FIRST_USER].visible() == []


async def test_page_and_files_carry_a_strict_policy(
        served: tuple[Emulator, str, aiohttp.ClientSession]) -> None:
    _emu, url, session = served
    for path in ("", "static/app.js", "api/session"):
        async with session.get(url + path) as resp:
            assert resp.status == 200
            policy = resp.headers["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "unsafe-inline" not in policy
            assert resp.headers["X-Content-Type-Options"] == "nosniff"
    async with session.get(url + "api/session") as resp:
        session_data = (await resp.json())["result"]
    assert session_data["loopback"] is True
    assert [u["id"] for u in session_data["users"]] == [FIRST_USER, FIRST_USER + 1, FIRST_USER + 2]
    assert session_data["groups"][0]["id"] == GROUP


async def test_the_stream_says_hello_then_sends_each_change(
        served: tuple[Emulator, str, aiohttp.ClientSession]) -> None:
    emu, url, session = served
    async with session.get(url + "api/events") as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        assert b"event: hello" in await stream.content.readuntil(b"\n\n")
        code, _ = await post(session, url + f"api/chats/{GROUP}/messages",
                             {"user_id": FIRST_USER + 1, "text": "大家好"})
        assert code == 200
        line = await asyncio.wait_for(stream.content.readuntil(b"\n\n"), 5)
        event = json.loads(line.decode().removeprefix("data: "))
        assert event["type"] == "message" and event["chat_id"] == GROUP
        assert event["message"]["from_name"] == "王阿姨"
        assert emu.state.updates.undelivered() == 0  # privacy mode: the bot does not see it
