"""Telegram's checks on texts, keyboards, polls and bot commands."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from tgemu.errors import bad_request
from tgemu.html_entities import Entity, EntityParseError, parse_html, trim, u16len
from tgemu.markdown import parse_markdown, parse_markdown_v2
from tgemu.params import Params

MAX_TEXT = 4096
MAX_CAPTION = 1024
BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "login_url",
    "web_app",
    "callback_game",
    "pay",
    "copy_text",
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_LANG_RE = re.compile(r"[a-z]{2}")
SCOPE_TYPES = {
    "default": (),
    "all_private_chats": (),
    "all_group_chats": (),
    "all_chat_administrators": (),
    "chat": ("chat_id",),
    "chat_administrators": ("chat_id",),
    "chat_member": ("chat_id", "user_id"),
}
_ENTITY_TYPES = {
    "mention",
    "hashtag",
    "cashtag",
    "bot_command",
    "url",
    "email",
    "phone_number",
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "blockquote",
    "expandable_blockquote",
    "code",
    "pre",
    "text_link",
    "text_mention",
    "custom_emoji",
    "date_time",
}


def parse_text(text: str, parse_mode: str | None, entities: Any) -> tuple[str, list[Entity]]:
    """Apply parse_mode (or explicit entities) to text, like Telegram."""
    mode = (parse_mode or "").strip().lower()
    parsers = {"html": parse_html, "markdownv2": parse_markdown_v2, "markdown": parse_markdown}
    if mode and mode not in parsers:
        raise bad_request("unsupported parse_mode")
    try:
        if mode:
            return parsers[mode](text)
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from exc
    return text, check_entities(text, entities)


def check_entities(text: str, entities: Any) -> list[Entity]:
    """Validate an explicit MessageEntity list."""
    if entities is None:
        return []
    if isinstance(entities, str) or not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    total = u16len(text)
    out: list[Entity] = []
    for item in entities:
        if not isinstance(item, dict) or item.get("type") not in _ENTITY_TYPES:
            raise bad_request("can't parse entities: unsupported entity type")
        offset, length = item.get("offset"), item.get("length")
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0:
            raise bad_request("can't parse entities: wrong entity offset or length")
        if length > 0 and offset < total:
            out.append({**item, "length": min(length, total - offset)})
    return out


def format_text(p: Params, key: str = "text", caption: bool = False) -> tuple[str, list[Entity]]:
    """The message text (or caption) after entity parsing, with the length checks."""
    raw = p.text(key)
    mode_key = "parse_mode" if key in ("text", "caption") else f"{key}_parse_mode"
    ents_key = {"text": "entities", "caption": "caption_entities"}.get(key, f"{key}_entities")
    if raw is None or raw == "":
        if caption:
            return "", []
        raise bad_request("message text is empty")
    text, entities = trim(*parse_text(raw, p.text(mode_key), p.values.get(ents_key)))
    if caption:
        if len(text) > MAX_CAPTION:
            raise bad_request("message caption is too long")
    elif not text:
        raise bad_request("message text is empty")
    elif len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    return text, entities


def check_reply_markup(value: Any, inline_only: bool = False) -> dict[str, Any] | None:
    """Validate reply_markup; returns it (None for an empty inline keyboard)."""
    if value is None or value == "":
        return None
    if not isinstance(value, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in value:
        check_inline_keyboard(value["inline_keyboard"])
        return value if any(value["inline_keyboard"]) else None
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in value:
        _check_reply_keyboard(value["keyboard"])
    elif not (value.get("remove_keyboard") is True or value.get("force_reply") is True):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return value


def _check_rows(rows: Any, what: str) -> list[list[Any]]:
    """The rows of a keyboard, which must be an array of arrays."""
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'Field "{what}" of the ReplyMarkup must be an Array of Arrays')
    return rows


def _check_reply_keyboard(rows: Any) -> None:
    """Validate a custom reply keyboard."""
    for row in _check_rows(rows, "keyboard"):
        for button in row:
            label = button.get("text") if isinstance(button, dict) else button
            if not isinstance(label, str) or not label:
                raise bad_request("keyboard button text must be non-empty")


def check_inline_keyboard(rows: Any) -> None:
    """Validate every button of an inline keyboard."""
    for row in _check_rows(rows, "inline_keyboard"):
        for button in row:
            check_inline_button(button)


def check_inline_button(button: Any) -> None:
    """Validate one InlineKeyboardButton."""
    prefix = "can't parse inline keyboard button: "
    if not isinstance(button, dict):
        raise bad_request(prefix + "InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise bad_request(prefix + 'Field "text" must be of type String')
    actions = [key for key in BUTTON_ACTIONS if key in button]
    if not actions:
        raise bad_request(prefix + "Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(prefix + "exactly one of the optional fields must be used")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        check_url(button["url"])


def check_url(url: Any) -> None:
    """An inline button URL must be http(s) with a host, or tg://."""
    text = url if isinstance(url, str) else repr(url)
    parts = urlsplit(text) if isinstance(url, str) else None
    ok = parts is not None and (
        (parts.scheme.lower() in ("http", "https") and bool(parts.hostname))
        or (parts.scheme.lower() == "tg" and bool(parts.netloc or parts.path))
    )
    if not ok:
        raise bad_request(f"inline keyboard button URL '{text}' is invalid: Wrong HTTP URL")


def check_commands(value: Any) -> list[dict[str, str]]:
    """Validate a setMyCommands list."""
    if not isinstance(value, list):
        raise bad_request("can't parse commands JSON object")
    if len(value) > 100:
        raise bad_request("too many commands specified")
    out: list[dict[str, str]] = []
    for item in value:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND_RE.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        out.append({"command": command, "description": description})
    return out


def check_scope(value: Any) -> dict[str, Any]:
    """Validate a BotCommandScope; defaults to {"type": "default"}."""
    if value is None:
        return {"type": "default"}
    if not isinstance(value, dict) or value.get("type") not in SCOPE_TYPES:
        raise bad_request("can't parse BotCommandScope")
    for key in SCOPE_TYPES[value["type"]]:
        if value.get(key) in (None, ""):
            raise bad_request(f"{key} is empty")
    return value


def check_language(code: str | None) -> str:
    """A two-letter ISO 639-1 code or ""."""
    if not code:
        return ""
    if not _LANG_RE.fullmatch(code):
        raise bad_request("invalid language code specified")
    return code
