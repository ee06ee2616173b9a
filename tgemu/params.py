"""Reading Bot API parameters from query strings, forms, multipart and JSON bodies."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tgemu.errors import ApiError, bad_request

INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "open_period",
        "close_date",
        "cache_time",
        "max_connections",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "correct_option_id",
        "from_chat_id",
    }
)
BOOL_FIELDS = frozenset(
    {
        "show_alert",
        "is_anonymous",
        "allows_multiple_answers",
        "allows_revoting",
        "is_closed",
        "drop_pending_updates",
        "disable_notification",
        "protect_content",
        "is_personal",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "shuffle_options",
        "disable_content_type_detection",
        "allow_paid_broadcast",
    }
)
JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "allowed_updates",
        "commands",
        "scope",
        "options",
        "correct_option_ids",
        "entities",
        "caption_entities",
        "explanation_entities",
        "question_entities",
        "results",
        "link_preview_options",
        "reply_parameters",
        "button",
    }
)


@dataclass
class Upload:
    """A file sent in a multipart request."""

    filename: str
    content: bytes
    content_type: str

    def describe(self) -> dict[str, Any]:
        """A JSON-safe summary (no bytes)."""
        return {
            "filename": self.filename,
            "size": len(self.content),
            "mime_type": self.content_type,
        }


async def read_params(request: web.Request) -> dict[str, Any]:
    """All parameters of a request: query string, then the body (form, multipart or JSON)."""
    params: dict[str, Any] = dict(request.query)
    if request.method != "POST" or not request.body_exists:
        return params
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise bad_request("can't parse JSON encoded request body") from exc
        if not isinstance(body, dict):
            raise bad_request("JSON encoded request body must be an object")
        params.update(body)
        return params
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            params[key] = Upload(value.filename, value.file.read(), value.content_type)
        else:
            params[key] = value
    return _attach(params)


def _attach(params: dict[str, Any]) -> dict[str, Any]:
    """Resolve "attach://<name>" values to the upload sent in part <name> (aiogram does this)."""
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            part = params.get(value.removeprefix("attach://"))
            if isinstance(part, Upload):
                params[key] = part
                params.pop(value.removeprefix("attach://"))
    return params


def _to_int(value: Any) -> Any:
    """An int for numeric strings, else the value unchanged."""
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return value
    return value


def _to_bool(value: Any) -> Any:
    """A bool for "true"/"false"/"1"/"0" strings, else the value unchanged."""
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0", ""):
            return False
    return value


def _to_json(value: Any) -> Any:
    """Decode a JSON string field, keeping the raw string if it is not JSON."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def normalize(raw: dict[str, Any]) -> dict[str, Any]:
    """Parameters with numbers, booleans and nested JSON decoded where possible."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in INT_FIELDS:
            out[key] = _to_int(value)
        elif key in BOOL_FIELDS:
            out[key] = _to_bool(value)
        elif key in JSON_FIELDS:
            out[key] = _to_json(value)
        else:
            out[key] = value
    return out


class Params:
    """Typed access to normalized parameters with Telegram-style errors."""

    def __init__(self, values: dict[str, Any]) -> None:
        """Wrap a normalized parameter dict."""
        self.values = values

    def has(self, name: str) -> bool:
        """Whether the parameter was sent (and is not null)."""
        return self.values.get(name) is not None

    def text(self, name: str, default: str | None = None) -> str | None:
        """A string parameter (numbers are converted to text)."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | str):
            return str(value)
        raise bad_request(f'parameter "{name}" must be a string')

    def integer(self, name: str, default: int | None = None) -> int | None:
        """An integer parameter."""
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_request(f'parameter "{name}" must be an integer')
        return value

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean parameter."""
        value = self.values.get(name)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise bad_request(f'parameter "{name}" must be a boolean')
        return value

    def nested(self, name: str, what: str | None = None) -> Any:
        """A nested JSON parameter, already decoded (None when absent)."""
        value = self.values.get(name)
        if isinstance(value, str):
            raise bad_request(f"can't parse {what or name} JSON object")
        return value

    def chat_id(self) -> int:
        """The chat_id parameter (usernames are not supported: chat not found)."""
        value = self.values.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_request("chat not found")
        return value

    def require_int(self, name: str, missing: str) -> int:
        """A required integer parameter; missing gives Bad Request: {missing}."""
        value = self.integer(name)
        if value is None:
            raise bad_request(missing)
        return value


def check_token(token: str) -> int:
    """The bot id of a token, or 401 Unauthorized."""
    head, sep, tail = token.partition(":")
    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
    if not (sep and head.isascii() and head.isdigit() and tail and set(tail) <= allowed):
        raise ApiError(401, "Unauthorized")
    return int(head)
