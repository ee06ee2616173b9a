"""Outbox fixtures: a migrated SQLite file, users in it, and the emulator on loopback."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import insert

from bot.app import make_api
from bot.config import Settings
from bot.outbox.engine import Outbox
from bot.outbox.limiter import RateLimiter
from bot.storage.tables import User
from bot.telegram.api import BotApi
from tgemu import Emulator

TOKEN = "123456:outbox-test"


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """A running emulator."""
    emulator = Emulator(bot_username="antifraud_test_bot")
    await emulator.start(host="127.0.0.1", port=0)
    yield emulator
    await emulator.stop()


async def seed_users(engine: Any, emu: Emulator, ids: range, audience: str | None = None,
                     language: str = "zh-Hans") -> None:
    """Users known to the bot's database and to the emulator."""
    now = datetime.now(UTC)
    rows = [{"id": i, "chat_id": i, "language": language, "timezone": "Asia/Shanghai",
             "audience": audience, "round_length": 5, "leaderboard": False, "points": 0,
             "rounds": 0, "streak": 0, "best_streak": 0, "blocked": False,
             "created_at": now, "last_seen": now} for i in ids]
    async with engine.begin() as conn:
        await conn.execute(insert(User.__table__), rows)  # type: ignore[attr-defined]
    for i in ids:
        emu.user(i, f"user{i}")


# Pushes go through each framework's port; the PostgreSQL pass plays one (E2E_FRAMEWORKS=ptb).
FRAMEWORKS = tuple(f for f in os.environ.get("E2E_FRAMEWORKS", "ptb,aiogram").split(",")
                   if f in ("ptb", "aiogram")) or ("ptb", "aiogram")


@pytest.fixture(params=FRAMEWORKS)
async def client(emu: Emulator, request: pytest.FixtureRequest) -> AsyncIterator[BotApi]:
    """The Bot API port of each framework, pointed at the emulator."""
    api = make_api(Settings(telegram_bot_token=TOKEN, telegram_api_base_url=emu.base_url,
                            bot_framework=request.param))
    await api.start()
    yield api
    await api.close()


def make_outbox(engine: Any, client: BotApi, rate: float = 200.0) -> Outbox:
    """An outbox with a rate limit."""
    return Outbox(engine, client, RateLimiter(rate))
