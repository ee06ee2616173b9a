"""Bot API methods for the bot itself: updates, webhook, queries, commands, files."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import urlsplit

from tgemu.api_messages import Handler
from tgemu.errors import CONFLICT_WEBHOOK, QUERY_TOO_OLD, ApiError, bad_request
from tgemu.models import Json, QueryRecord
from tgemu.params import Params
from tgemu.state import State
from tgemu.validation import (
    check_commands,
    check_language,
    check_reply_markup,
    check_scope,
    parse_text,
)

_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
RESULT_TYPES = frozenset(
    {
        "article",
        "photo",
        "gif",
        "mpeg4_gif",
        "video",
        "audio",
        "voice",
        "document",
        "location",
        "venue",
        "contact",
        "game",
        "sticker",
    }
)


async def get_me(state: State, p: Params) -> Json:
    """getMe."""
    user = state.bot_user().to_api()
    user.update(
        can_join_groups=state.bot.can_join_groups,
        can_read_all_group_messages=not state.bot.privacy,
        supports_inline_queries=state.bot.supports_inline_queries,
        can_connect_to_business=False,
        has_main_web_app=False,
    )
    return user


async def get_updates(state: State, p: Params) -> list[Json]:
    """getUpdates with offset, limit, long-poll timeout and allowed_updates."""
    if state.webhook.url:
        raise ApiError(409, CONFLICT_WEBHOOK)
    offset = p.integer("offset", 0) or 0
    limit = min(max(p.integer("limit", 100) or 100, 1), 100)
    timeout = min(max(p.integer("timeout", 0) or 0, 0), 50)
    state.updates.set_allowed(p.nested("allowed_updates"))
    return await state.updates.fetch(offset, limit, timeout)


async def set_webhook(state: State, p: Params) -> bool:
    """setWebhook (plain http is accepted, for loopback tests)."""
    url = p.text("url") or ""
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.text("secret_token")
    if secret is not None and not _SECRET_RE.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    if p.flag("drop_pending_updates"):
        state.updates.clear()
    allowed = p.nested("allowed_updates")
    state.updates.set_allowed(allowed)
    hook = state.webhook
    hook.url, hook.secret_token = url, secret
    hook.max_connections = min(max(p.integer("max_connections", 40) or 40, 1), 100)
    hook.allowed_updates = allowed if isinstance(allowed, list) else hook.allowed_updates
    hook.last_error_date = hook.last_error_message = None
    state.updates.kick()
    return True


async def delete_webhook(state: State, p: Params) -> bool:
    """deleteWebhook."""
    if p.flag("drop_pending_updates"):
        state.updates.clear()
    state.webhook.url = ""
    state.webhook.secret_token = None
    return True


async def get_webhook_info(state: State, p: Params) -> Json:
    """getWebhookInfo."""
    hook = state.webhook
    info: Json = {
        "url": hook.url,
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates.items),
    }
    if hook.url:
        info["max_connections"] = hook.max_connections
        if hook.allowed_updates is not None:
            info["allowed_updates"] = hook.allowed_updates
    if hook.last_error_date is not None:
        info["last_error_date"] = hook.last_error_date
        info["last_error_message"] = hook.last_error_message
    return info


def _open_query(
    state: State, records: dict[str, QueryRecord], query_id: str | None
) -> QueryRecord:
    """An unanswered query younger than the answer timeout, or 400 query is too old."""
    record = records.get(query_id or "")
    age = asyncio.get_running_loop().time() - record.created if record else 0.0
    if record is None or record.answer is not None or age > state.callback_timeout:
        raise bad_request(QUERY_TOO_OLD)
    return record


async def answer_callback_query(state: State, p: Params) -> bool:
    """answerCallbackQuery."""
    text = p.text("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record = _open_query(state, state.callbacks, p.text("callback_query_id"))
    record.answer = {
        "text": text,
        "show_alert": p.flag("show_alert"),
        "url": p.text("url"),
        "cache_time": p.integer("cache_time", 0),
    }
    state.emit(
        "callback_answer",
        chat_id=record.chat_id,
        callback_query_id=record.id,
        answer=record.answer,
    )
    return True


def _command_key(p: Params) -> tuple[str, str]:
    """The (scope, language) key of a command list."""
    scope = check_scope(p.nested("scope", "BotCommandScope"))
    return json.dumps(scope, sort_keys=True), check_language(p.text("language_code"))


async def set_my_commands(state: State, p: Params) -> bool:
    """setMyCommands."""
    commands = check_commands(p.nested("commands"))
    key = _command_key(p)
    if commands:
        state.commands[key] = commands
    else:
        state.commands.pop(key, None)
    return True


async def get_my_commands(state: State, p: Params) -> list[dict[str, str]]:
    """getMyCommands."""
    return state.commands.get(_command_key(p), [])


async def delete_my_commands(state: State, p: Params) -> bool:
    """deleteMyCommands."""
    state.commands.pop(_command_key(p), None)
    return True


def _check_result(result: Any, seen: set[str]) -> None:
    """Validate one InlineQueryResult."""
    if not isinstance(result, dict) or result.get("type") not in RESULT_TYPES:
        raise bad_request("RESULT_TYPE_INVALID")
    result_id = result.get("id")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
        raise bad_request("RESULT_ID_INVALID")
    if result_id in seen:
        raise bad_request("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    content = result.get("input_message_content")
    if isinstance(content, dict) and "message_text" in content:
        text, _ = parse_text(
            str(content["message_text"]), content.get("parse_mode"), content.get("entities")
        )
        if not text.strip():
            raise bad_request("message text is empty")
        if len(text) > 4096:
            raise bad_request("message is too long")
    check_reply_markup(result.get("reply_markup"), inline_only=True)


async def answer_inline_query(state: State, p: Params) -> bool:
    """answerInlineQuery (the results are kept in inline_answers)."""
    results = p.nested("results", "results")
    if not isinstance(results, list):
        raise bad_request("can't parse results JSON object")
    if len(results) > 50:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        _check_result(result, seen)
    if len((p.text("next_offset") or "").encode()) > 64:
        raise bad_request("NEXT_OFFSET_INVALID")
    record = _open_query(state, state.inline_queries, p.text("inline_query_id"))
    record.answer = {"results": results, "cache_time": p.integer("cache_time", 300),
                     "is_personal": p.flag("is_personal")}
    state.inline_answers[record.id] = results
    state.emit("inline_answer", inline_query_id=record.id, results=results)
    return True


async def get_file(state: State, p: Params) -> Json:
    """getFile for documents the bot uploaded."""
    stored = state.files.get(p.text("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
        "file_path": f"documents/{stored.file_id}",
    }


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "answerCallbackQuery": answer_callback_query,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "answerInlineQuery": answer_inline_query,
    "getFile": get_file,
}
