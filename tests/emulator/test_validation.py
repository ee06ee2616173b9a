"""Telegram's validation errors, each recorded as a violation."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.emulator.conftest import Call
from tgemu import Emulator
from tgemu.errors import NOT_MODIFIED, QUERY_TOO_OLD

KB = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """A running emulator with user 1 known."""
    emulator = Emulator()
    await emulator.start()
    emulator.user(1)
    yield emulator
    await emulator.stop()



async def _error(call: Call, method: str, **params: Any) -> str:
    """The description of a call that must fail with 400."""
    status, body = await call(method, **params)
    assert status == 400, body
    assert body["ok"] is False and body["error_code"] == 400
    return str(body["description"])


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"text": ""}, "Bad Request: message text is empty"),
        ({"text": " \n "}, "Bad Request: message text is empty"),
        ({"text": "<b> </b>", "parse_mode": "HTML"}, "Bad Request: message text is empty"),
        ({"text": "x" * 4097}, "Bad Request: message is too long"),
        ({"text": "x", "parse_mode": "BBCode"}, "Bad Request: unsupported parse_mode"),
        (
            {"text": "<foo>", "parse_mode": "HTML"},
            'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 0',
        ),
        (
            {"text": "a.b", "parse_mode": "MarkdownV2"},
            "Bad Request: can't parse entities: Character '.' is reserved and must be escaped "
            "with the preceding '\\'",
        ),
        (
            {"text": "x", "reply_markup": "{oops"},
            "Bad Request: can't parse reply keyboard markup JSON object",
        ),
    ],
)
async def test_send_message_text_errors(
    call: Call, emu: Emulator, params: dict[str, Any], description: str
) -> None:
    """Empty, too long and badly formatted texts are rejected and recorded."""
    assert await _error(call, "sendMessage", chat_id=1, **params) == description
    assert emu.violations[-1].description == description
    assert emu.violations[-1].method == "sendMessage"


async def test_text_length_counts_after_entity_parsing(call: Call) -> None:
    """4096 characters after parsing is fine even if the HTML source is longer."""
    status, body = await call(
        "sendMessage", chat_id=1, text=f"<b>{'中' * 4096}</b>", parse_mode="HTML"
    )
    assert status == 200 and len(body["result"]["text"]) == 4096


async def test_chat_not_found(call: Call) -> None:
    """Chats no simulated user opened do not exist."""
    assert (
        await _error(call, "sendMessage", chat_id=999, text="x") == "Bad Request: chat not found"
    )
    assert await _error(call, "sendMessage", chat_id="@nobody", text="x") == (
        "Bad Request: chat not found"
    )
    assert await _error(call, "sendMessage", text="x") == "Bad Request: chat_id is empty"


@pytest.mark.parametrize(
    ("button", "description"),
    [
        ({"text": "A", "callback_data": "x" * 65}, "Bad Request: BUTTON_DATA_INVALID"),
        ({"text": "A", "callback_data": "中" * 22}, "Bad Request: BUTTON_DATA_INVALID"),
        ({"text": "A", "callback_data": ""}, "Bad Request: BUTTON_DATA_INVALID"),
        (
            {"text": "A", "url": "javascript:alert(1)"},
            "Bad Request: inline keyboard button URL 'javascript:alert(1)' is invalid: "
            "Wrong HTTP URL",
        ),
        (
            {"text": "A"},
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the "
            "inline keyboard",
        ),
        (
            {"callback_data": "a"},
            "Bad Request: can't parse inline keyboard button: "
            'Field "text" must be of type String',
        ),
        (
            {"text": "A", "callback_data": "a", "url": "https://x.org"},
            "Bad Request: can't parse inline keyboard button: exactly one of the optional fields "
            "must be used",
        ),
    ],
)
async def test_inline_keyboard_errors(
    call: Call, button: dict[str, Any], description: str
) -> None:
    """Inline buttons are checked like Telegram does."""
    markup = {"inline_keyboard": [[button]]}
    assert (
        await _error(call, "sendMessage", chat_id=1, text="x", reply_markup=markup) == description
    )


async def test_valid_keyboards(call: Call) -> None:
    """64-byte data, http(s)/tg URLs, switch_inline_query and reply keyboards are fine."""
    markup = {
        "inline_keyboard": [
            [
                {"text": "A", "callback_data": "中" * 21},
                {"text": "B", "url": "https://t.me/x"},
                {"text": "C", "url": "tg://resolve?domain=x"},
                {"text": "D", "switch_inline_query": "刷单"},
            ]
        ]
    }
    status, _ = await call("sendMessage", chat_id=1, text="x", reply_markup=markup)
    assert status == 200
    for reply in ({"keyboard": [["a", {"text": "b"}]]}, {"remove_keyboard": True}):
        assert (await call("sendMessage", chat_id=1, text="x", reply_markup=reply))[0] == 200


async def test_edit_errors(call: Call, emu: Emulator) -> None:
    """Unknown messages, unchanged content and user messages can't be edited."""
    _, sent = await call(
        "sendMessage", chat_id=1, text="<b>x</b>", parse_mode="HTML", reply_markup=KB
    )
    mid = sent["result"]["message_id"]
    not_found = "Bad Request: message to edit not found"
    assert await _error(call, "editMessageText", chat_id=1, message_id=999, text="y") == not_found
    same = {"chat_id": 1, "message_id": mid, "text": "<b>x</b>", "parse_mode": "HTML"}
    assert (
        await _error(call, "editMessageText", **same, reply_markup=KB)
        == f"Bad Request: {NOT_MODIFIED}"
    )
    status, _ = await call("editMessageText", **same)
    assert status == 200, "dropping the keyboard is a modification"
    assert await _error(call, "editMessageReplyMarkup", chat_id=1, message_id=mid) == (
        f"Bad Request: {NOT_MODIFIED}"
    )
    user_msg = await emu.user(1).send("mine")
    assert (
        await _error(
            call, "editMessageText", chat_id=1, message_id=user_msg["message_id"], text="z"
        )
        == "Bad Request: message can't be edited"
    )


async def test_answer_callback_query_errors(call: Call, emu: Emulator) -> None:
    """Unknown, repeated and expired queries, and long texts, are rejected."""
    user = emu.user(1)
    _, sent = await call("sendMessage", chat_id=1, text="x", reply_markup=KB)
    mid = sent["result"]["message_id"]
    too_old = f"Bad Request: {QUERY_TOO_OLD}"
    assert await _error(call, "answerCallbackQuery", callback_query_id="nope") == too_old
    first = await user.press(mid, "a")
    assert await _error(call, "answerCallbackQuery", callback_query_id=first, text="x" * 201) == (
        "Bad Request: MESSAGE_TOO_LONG"
    )
    assert (await call("answerCallbackQuery", callback_query_id=first, text="x" * 200))[0] == 200
    assert await _error(call, "answerCallbackQuery", callback_query_id=first) == too_old
    second = await user.press(mid, "forged:data")
    emu.expire_callback(second)
    assert await _error(call, "answerCallbackQuery", callback_query_id=second) == too_old


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"question": ""}, "Bad Request: poll question must be non-empty"),
        ({"question": "q" * 301}, "Bad Request: poll question length must not exceed 300"),
        ({"options": []}, "Bad Request: poll must have 1-12 options"),
        ({"options": [str(i) for i in range(13)]}, "Bad Request: poll must have 1-12 options"),
        ({"options": ["a", ""]}, "Bad Request: poll options must be non-empty"),
        ({"options": ["a", "b" * 101]}, "Bad Request: poll options length must not exceed 100"),
        ({"open_period": 4}, "Bad Request: wrong open_period specified"),
        ({"open_period": 2628001}, "Bad Request: wrong open_period specified"),
        ({"type": "quiz"}, "Bad Request: correct option IDs must be specified for quiz polls"),
        (
            {"type": "quiz", "correct_option_ids": [2]},
            "Bad Request: wrong correct option ID specified",
        ),
        (
            {"type": "quiz", "correct_option_id": 5},
            "Bad Request: wrong correct option ID specified",
        ),
        (
            {"explanation": "e" * 201},
            "Bad Request: explanation must be 0-200 characters with at most 2 line feeds",
        ),
        (
            {"explanation": "a\nb\nc\nd"},
            "Bad Request: explanation must be 0-200 characters with at most 2 line feeds",
        ),
    ],
)
async def test_send_poll_errors(call: Call, params: dict[str, Any], description: str) -> None:
    """sendPoll limits from Bot API 10."""
    base: dict[str, Any] = {"chat_id": 1, "question": "Q", "options": ["a", "b"]}
    assert await _error(call, "sendPoll", **{**base, **params}) == description


async def test_send_poll_accepts_both_option_shapes(call: Call, emu: Emulator) -> None:
    """Options as strings or InputPollOption objects; correct_option_id or _ids."""
    _, ptb = await call(
        "sendPoll",
        chat_id=1,
        question="Q",
        options=[{"text": "3"}, {"text": "4"}],
        type="quiz",
        correct_option_ids=[1],
        is_anonymous=False,
        open_period=30,
        explanation="<b>因为</b>",
        explanation_parse_mode="HTML",
    )
    poll = ptb["result"]["poll"]
    assert [o["text"] for o in poll["options"]] == ["3", "4"]
    assert poll["correct_option_ids"] == [1] and poll["open_period"] == 30
    assert poll["explanation"] == "因为" and poll["explanation_entities"][0]["type"] == "bold"
    _, aiogram = await call(
        "sendPoll", chat_id=1, question="Q", options=["3", "4"], type="quiz", correct_option_id=0
    )
    assert aiogram["result"]["poll"]["correct_option_ids"] == [0]
    _, single = await call("sendPoll", chat_id=1, question="Q", options=["only"])
    assert single["result"]["poll"]["is_anonymous"] is True
    _, stopped = await call("stopPoll", chat_id=1, message_id=single["result"]["message_id"])
    assert stopped["result"]["is_closed"] is True
    assert await _error(
        call, "stopPoll", chat_id=1, message_id=single["result"]["message_id"]
    ) == ("Bad Request: poll has already been closed")


async def test_commands_per_scope_and_language(call: Call, emu: Emulator) -> None:
    """setMyCommands validates and stores lists per (scope, language)."""
    zh = [{"command": "start", "description": "开始"}, {"command": "quiz", "description": "答题"}]
    assert (await call("setMyCommands", commands=zh, language_code="zh"))[0] == 200
    assert (await call("setMyCommands", commands=zh[:1]))[0] == 200
    private = {"type": "all_private_chats"}
    assert (await call("setMyCommands", commands=zh[1:], scope=private))[0] == 200
    assert (await call("getMyCommands", language_code="zh"))[1]["result"] == zh
    assert (await call("getMyCommands"))[1]["result"] == zh[:1]
    assert (await call("getMyCommands", scope=private))[1]["result"] == zh[1:]
    assert emu.commands("zh") == zh
    await call("deleteMyCommands", language_code="zh")
    assert (await call("getMyCommands", language_code="zh"))[1]["result"] == []
    bad = [
        ([{"command": "Start", "description": "x"}], "Bad Request: BOT_COMMAND_INVALID"),
        ([{"command": "a" * 33, "description": "x"}], "Bad Request: BOT_COMMAND_INVALID"),
        ([{"command": "ok", "description": ""}], "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"),
        (
            [{"command": "ok", "description": "d" * 257}],
            "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
        ),
        (
            [{"command": f"c{i}", "description": "x"} for i in range(101)],
            "Bad Request: too many commands specified",
        ),
    ]
    for commands, description in bad:
        assert await _error(call, "setMyCommands", commands=commands) == description
    assert await _error(call, "setMyCommands", commands=zh, language_code="zh-hans") == (
        "Bad Request: invalid language code specified"
    )


async def test_inline_answer_validation(call: Call, emu: Emulator) -> None:
    """answerInlineQuery checks results and stores them."""
    user = emu.user(1)
    query_id = await user.inline_query("刷单")
    article = {
        "type": "article",
        "id": "1",
        "title": "刷单诈骗",
        "input_message_content": {"message_text": "<b>小心</b>", "parse_mode": "HTML"},
    }
    broken = {
        **article,
        "id": "2",
        "input_message_content": {"message_text": "<b>", "parse_mode": "HTML"},
    }
    assert (
        await _error(call, "answerInlineQuery", inline_query_id=query_id, results=[broken])
    ).startswith("Bad Request: can't parse entities")
    dup = await _error(
        call, "answerInlineQuery", inline_query_id=query_id, results=[article, article]
    )
    assert dup == "Bad Request: RESULT_ID_DUPLICATE"
    assert (await call("answerInlineQuery", inline_query_id=query_id, results=[article]))[0] == 200
    assert emu.inline_answers[query_id] == [article]
    again = await _error(call, "answerInlineQuery", inline_query_id=query_id, results=[])
    assert again == f"Bad Request: {QUERY_TOO_OLD}"


async def test_violation_records_params(call: Call, emu: Emulator) -> None:
    """Violations keep the normalized parameters for assertions."""
    await call("sendMessage", chat_id=1, text="<x>", parse_mode="HTML", reply_markup=KB)
    method, params, description = emu.violations[0]
    assert method == "sendMessage" and params["reply_markup"] == KB and params["chat_id"] == 1
    assert description.startswith("Bad Request: can't parse entities")
