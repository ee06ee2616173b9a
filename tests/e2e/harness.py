"""Run the real bot (PTB over HTTP) against the local emulator on a real SQLite file."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from bot.app import Container, build
from bot.config import ROOT, Settings
from bot.emulator import Emulator, SimUser
from bot.runner import PollingBot

TOKEN = "123456:TEST-token_secret"


@dataclass
class Harness:
    """An emulator, a database and a bot that can be restarted."""

    emu: Emulator
    db_url: str
    base_url: str = ""
    container: Container | None = None
    bot: PollingBot | None = None
    env: dict[str, Any] = field(default_factory=dict)

    async def start_bot(self) -> None:
        """Build everything from settings and start polling."""
        settings = Settings(
            telegram_bot_token=TOKEN, telegram_api_base_url=self.base_url,
            database_url=self.db_url, content_dir=ROOT / "content", **self.env,
        )
        self.container = build(settings, rng=random.Random(7))
        self.bot = PollingBot(self.container, TOKEN, self.base_url, poll_timeout=1)
        await self.bot.start()

    async def stop_bot(self) -> None:
        """Stop polling and close the database."""
        if self.bot is not None:
            await self.bot.stop()
        if self.container is not None:
            await self.container.close()
        self.bot = self.container = None

    async def restart(self) -> None:
        """Stop and start a fresh bot process state on the same database."""
        await self.stop_bot()
        await self.start_bot()

    async def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        """Query the bot's database."""
        assert self.container is not None
        async with self.container.engine.connect() as conn:
            return [tuple(r) for r in (await conn.execute(text(sql), params)).all()]


def labels(msg: dict[str, Any]) -> list[str]:
    """All button labels of a message."""
    rows = (msg.get("reply_markup") or {}).get("inline_keyboard") or []
    return [b["text"] for row in rows for b in row]


def buttons(msg: dict[str, Any]) -> list[dict[str, Any]]:
    """All buttons of a message."""
    rows = (msg.get("reply_markup") or {}).get("inline_keyboard") or []
    return [b for row in rows for b in row]


def has(fragment: str) -> Callable[[dict[str, Any]], bool]:
    """Predicate: a bot message whose text contains a fragment."""
    return lambda m: fragment in (m.get("text") or "")


async def answer_current(user: SimUser, msg: dict[str, Any], choice: int = 0) -> dict[str, Any]:
    """Press an answer button on a question message and wait for the feedback edit."""
    data = buttons(msg)[choice]["callback_data"]
    mid = msg["message_id"]
    edits = msg.get("edit_count", 0)
    await user.press(mid, data)
    return await user.wait_for_bot(
        lambda m: m["message_id"] == mid and m.get("edit_count", 0) > edits
    )
