"""The Bot API wire format over raw HTTP: transports, tokens, errors, getUpdates."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import aiohttp
import pytest

from tgemu import Emulator

TOKEN = "123:ABC-def_9"
Call = Callable[..., Coroutine[Any, Any, tuple[int, Any]]]


@pytest.fixture
async def call(emu: Emulator) -> AsyncIterator[Call]:
    """POST a form-encoded Bot API call; nested values are JSON strings like PTB/aiogram."""
    async with aiohttp.ClientSession() as session:

        async def run(method: str, token: str = TOKEN, **params: Any) -> tuple[int, Any]:
            form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
            url = f"{emu.base_url}/bot{token}/{method}"
            async with session.post(url, data=form) as resp:
                return resp.status, await resp.json()

        yield run


async def test_get_me_shape(call: Call) -> None:
    """getMe returns the bot user with the fields both frameworks need."""
    status, body = await call("getMe")
    assert status == 200 and body["ok"] is True
    assert body["result"] == {
        "id": 123,
        "is_bot": True,
        "first_name": "Antifraud Test Bot",
        "username": "antifraud_test_bot",
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def test_methods_are_case_insensitive_and_get_works(emu: Emulator) -> None:
    """GET with a query string and any method case work; requests log the canonical name."""
    emu.user(7)
    async with aiohttp.ClientSession() as session:
        url = f"{emu.base_url}/bot{TOKEN}/SENDMESSAGE?chat_id=7&text=hi"
        async with session.get(url) as resp:
            body = await resp.json()
    assert body["result"]["text"] == "hi"
    assert emu.requests[-1] == ("sendMessage", {"chat_id": 7, "text": "hi"})


async def test_json_body_with_real_nested_objects(emu: Emulator) -> None:
    """JSON bodies carry nested objects directly."""
    emu.user(7)
    payload = {
        "chat_id": 7,
        "text": "<b>x</b>",
        "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
    }
    async with aiohttp.ClientSession() as session:
        url = f"{emu.base_url}/bot{TOKEN}/sendMessage"
        async with session.post(url, json=payload) as resp:
            body = await resp.json()
    result = body["result"]
    assert result["entities"] == [{"type": "bold", "offset": 0, "length": 1}]
    assert result["reply_markup"] == payload["reply_markup"]


async def test_bad_token_is_401(call: Call, emu: Emulator) -> None:
    """Tokens must look like digits:secret."""
    for token in ("abc:def", "123", "123:", "123:a b"):
        status, body = await call("getMe", token=token)
        assert status == 401
        assert body == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert len(emu.violations) == 4


async def test_unknown_method_is_404(call: Call, emu: Emulator) -> None:
    """Unknown methods answer like Telegram and count as violations."""
    status, body = await call("sendRocket", chat_id=1)
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert emu.violations[0].method == "sendRocket"


async def test_message_ids_dates_and_chat(call: Call, emu: Emulator) -> None:
    """Message ids grow per chat; user and bot messages share the sequence."""
    user = emu.user(42, first_name="王")
    await user.send("hi")
    _, first = await call("sendMessage", chat_id=42, text="a")
    _, second = await call("sendMessage", chat_id="42", text="b")
    other = emu.user(43)
    _, third = await call("sendMessage", chat_id=other.id, text="c")
    assert [first["result"]["message_id"], second["result"]["message_id"]] == [2, 3]
    assert third["result"]["message_id"] == 1
    msg = first["result"]
    assert msg["chat"] == {"id": 42, "type": "private", "first_name": "王"}
    assert msg["from"]["is_bot"] is True and isinstance(msg["date"], int)


async def test_get_updates_offset_limit_and_negative_offset(call: Call, emu: Emulator) -> None:
    """offset confirms earlier updates; limit caps the batch; -N keeps the last N."""
    user = emu.user(5)
    for text in ("a", "b", "c", "d"):
        await user.send(text)
    _, body = await call("getUpdates", limit=2)
    ids = [u["update_id"] for u in body["result"]]
    assert len(ids) == 2 and body["result"][0]["message"]["text"] == "a"
    _, body = await call("getUpdates", offset=ids[1] + 1)
    assert [u["message"]["text"] for u in body["result"]] == ["c", "d"]
    _, body = await call("getUpdates", offset=-1)
    assert [u["message"]["text"] for u in body["result"]] == ["d"]
    _, body = await call("getUpdates", offset=body["result"][0]["update_id"] + 1)
    assert body["result"] == []


async def test_long_poll_waits_and_wakes(call: Call, emu: Emulator) -> None:
    """timeout holds the request until an update arrives (or the timeout passes)."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    _, body = await call("getUpdates", timeout=1)
    assert body["result"] == [] and loop.time() - start >= 0.9
    user = emu.user(5)
    poll = asyncio.create_task(call("getUpdates", timeout=5))
    await asyncio.sleep(0.05)
    await user.send("wake")
    _, body = await poll
    assert body["result"][0]["message"]["text"] == "wake"
    assert loop.time() - start < 3


async def test_second_poll_terminates_the_first(call: Call, emu: Emulator) -> None:
    """Two concurrent getUpdates: the older one gets 409 Conflict."""
    first = asyncio.create_task(call("getUpdates", timeout=5))
    await asyncio.sleep(0.05)
    _, second = await call("getUpdates", timeout=0)
    status, body = await first
    assert second["result"] == []
    assert status == 409 and body["description"].startswith("Conflict: terminated by other")


async def test_allowed_updates_are_remembered(call: Call, emu: Emulator) -> None:
    """Types not in allowed_updates are dropped; omitting it keeps the setting."""
    user = emu.user(5)
    await call("getUpdates", allowed_updates=["callback_query"])
    await user.send("ignored")
    _, body = await call("getUpdates")
    assert body["result"] == []
    await call("getUpdates", allowed_updates=[])
    await user.send("seen")
    _, body = await call("getUpdates")
    assert [u["message"]["text"] for u in body["result"]] == ["seen"]
    assert len(emu.state.updates.dropped) == 1


async def test_webhook_blocks_get_updates(call: Call, emu: Emulator) -> None:
    """With a webhook set getUpdates is a 409; getWebhookInfo reports it."""
    assert (await call("setWebhook", url="http://127.0.0.1:9/hook"))[1]["result"] is True
    status, body = await call("getUpdates")
    assert status == 409 and "webhook is active" in body["description"]
    _, info = await call("getWebhookInfo")
    assert info["result"]["url"] == "http://127.0.0.1:9/hook"
    await call("deleteWebhook", drop_pending_updates=True)
    _, info = await call("getWebhookInfo")
    assert info["result"] == {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": 0,
    }


async def test_multipart_document_upload_and_download(emu: Emulator) -> None:
    """sendDocument stores filename and bytes; getFile + /file/ serve them back."""
    emu.user(9)
    form = aiohttp.FormData()
    form.add_field("chat_id", "9")
    form.add_field("caption", "<i>报告</i>")
    form.add_field("parse_mode", "HTML")
    form.add_field("document", b"a,b\n1,2\n", filename="report.csv")
    base = f"{emu.base_url}/bot{TOKEN}"
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base}/sendDocument", data=form) as resp:
            msg = (await resp.json())["result"]
        file_id = msg["document"]["file_id"]
        async with session.post(f"{base}/getFile", data={"file_id": file_id}) as resp:
            path = (await resp.json())["result"]["file_path"]
        async with session.get(f"{emu.base_url}/file/bot{TOKEN}/{path}") as resp:
            content = await resp.read()
    assert msg["caption"] == "报告" and msg["caption_entities"][0]["type"] == "italic"
    assert msg["document"]["file_name"] == "report.csv" and msg["document"]["file_size"] == 8
    assert content == b"a,b\n1,2\n"
    assert emu.file(file_id).content == content
    assert emu.requests[0].params["document"].filename == "report.csv"


async def test_edit_message_text_sets_edit_date(call: Call, emu: Emulator) -> None:
    """Edits return the message with edit_date; no reply_markup removes the keyboard."""
    user = emu.user(3)
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    _, sent = await call("sendMessage", chat_id=3, text="one", reply_markup=markup)
    mid = sent["result"]["message_id"]
    _, edited = await call("editMessageText", chat_id=3, message_id=mid, text="two")
    assert edited["result"]["text"] == "two" and "edit_date" in edited["result"]
    assert "reply_markup" not in edited["result"]
    _, edited = await call(
        "editMessageReplyMarkup", chat_id=3, message_id=mid, reply_markup=markup
    )
    assert edited["result"]["reply_markup"] == markup
    assert user.messages()[-1]["edit_count"] == 2
    empty: dict[str, list[Any]] = {"inline_keyboard": []}
    _, edited = await call("editMessageReplyMarkup", chat_id=3, message_id=mid, reply_markup=empty)
    assert "reply_markup" not in edited["result"]
    assert user.messages()[-1]["reply_markup"] is None


async def test_delete_and_chat_action(call: Call, emu: Emulator) -> None:
    """deleteMessage hides the message; sendChatAction is accepted."""
    user = emu.user(3)
    _, sent = await call("sendMessage", chat_id=3, text="bye")
    mid = sent["result"]["message_id"]
    assert (await call("sendChatAction", chat_id=3, action="typing"))[1]["result"] is True
    assert (await call("deleteMessage", chat_id=3, message_id=mid))[1]["result"] is True
    assert user.messages() == []
    status, body = await call("deleteMessage", chat_id=3, message_id=mid)
    assert body["description"] == "Bad Request: message to delete not found"
    status, body = await call("sendChatAction", chat_id=3, action="dancing")
    assert status == 400
