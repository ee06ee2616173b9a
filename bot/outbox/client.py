"""A small Bot API client for pushed messages, independent of the update framework."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from bot.telegram.delivery import Blocked, RetryLater, Transient
from bot.texts.catalog import Rendered


class Rejected(Exception):
    """Telegram refused the message for good (400: chat not found, bad HTML...)."""


def _markup(msg: Rendered) -> dict[str, Any] | None:
    if not msg.keyboard:
        return None
    rows = [[{k: v for k, v in (("text", b.text), ("callback_data", b.data), ("url", b.url))
              if v is not None} for b in row] for row in msg.keyboard]
    return {"inline_keyboard": rows}


class BotApiClient:
    """sendMessage over one pooled HTTP session, errors mapped to delivery exceptions."""

    def __init__(self, base_url: str, token: str, timeout: float = 15.0,
                 paid_broadcast: bool = False, connections: int = 100) -> None:
        self.url = f"{base_url.rstrip('/')}/bot{token}/sendMessage"
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.paid_broadcast = paid_broadcast
        self.connections = connections
        self._session: aiohttp.ClientSession | None = None

    async def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self.timeout, connector=aiohttp.TCPConnector(limit=self.connections))
        return self._session

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()

    async def send(self, chat_id: int, msg: Rendered) -> int:
        """Send an HTML message; returns its message id."""
        body: dict[str, Any] = {"chat_id": chat_id, "text": msg.text, "parse_mode": "HTML",
                                "link_preview_options": {"is_disabled": True}}
        if (markup := _markup(msg)) is not None:
            body["reply_markup"] = markup
        if self.paid_broadcast:
            body["allow_paid_broadcast"] = True
        session = await self._http()
        try:
            async with session.post(self.url, json=body) as resp:
                status = resp.status
                try:
                    data = json.loads(await resp.text())
                except ValueError:
                    data = {}
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise Transient(f"network: {exc!r}") from exc
        return _result(status, data)


def _result(status: int, data: dict[str, Any]) -> int:
    if status == 200 and data.get("ok"):
        return int(data["result"]["message_id"])
    description = str(data.get("description") or f"HTTP {status}")
    if status == 429:
        retry = (data.get("parameters") or {}).get("retry_after") or 1
        raise RetryLater(float(retry))
    if status == 403:
        raise Blocked(description)
    if status >= 500 or status in (408, 409):
        raise Transient(description)
    raise Rejected(description)
