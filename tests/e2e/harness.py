"""Run the real bot (PTB or aiogram over HTTP) against the local emulator on a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import random
import re
import socket
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from bot.app import Container, build
from bot.config import ROOT, Framework, Settings
from bot.ocr import OcrWorker
from bot.runner import BotRunner
from tgemu import Emulator, SimUser

TOKEN = "123456:TEST-token_secret"
FRAMEWORKS: tuple[Framework, ...] = ("ptb", "aiogram")
MODES = ("polling", "webhook")
TICK = 3600.0  # the clocks' period in tests that drive time themselves
# One OCR worker for the whole test session, shared by every bot the tests start: its models load
# once, not once a test (tests/conftest.py stops it at the end).
OCR = OcrWorker()
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


# The reporter key is derived from the token, as in production; legacy key files are looked for
# here (never in the tree's data/, which a developer's own runs may have filled).
NO_LEGACY_KEY = Path(tempfile.gettempdir()) / f"antifraud-e2e-{os.getpid()}" / "reports-hash.key"


@dataclass
class Harness:
    """An emulator, a database and a bot that can be restarted."""

    emu: Emulator
    db_url: str
    framework: Framework = "ptb"
    base_url: str = ""
    container: Container | None = None
    bot: BotRunner | None = None
    env: dict[str, Any] = field(default_factory=dict)
    webhook: bool = False  # webhook mode: the emulator posts updates to the bot's own server

    async def start_bot(self) -> None:
        """Build everything from settings and start the runner: polling or serving the webhook,
        with the contest clock and the push scheduler (ticking only after TICK seconds unless a
        test sets a shorter tick, so a test's own ticks and clocks are not raced)."""
        if self.webhook and "webhook_url" not in self.env:
            port = free_port()
            self.env.update(webhook_url=f"http://127.0.0.1:{port}/telegram",
                            webhook_listen="127.0.0.1", webhook_port=port)
        settings = Settings(
            telegram_bot_token=TOKEN, telegram_api_base_url=self.base_url,
            database_url=self.db_url, content_dir=ROOT / "content", bot_framework=self.framework,
            **{"contest_tick_seconds": TICK, "scheduler_tick_seconds": TICK,
               "reports_hash_key_path": NO_LEGACY_KEY, **self.env},
        )
        self.container = build(settings, rng=random.Random(7), ocr=OCR)
        runtime = self.container.runtime
        self.emu.idle_checks[:] = [lambda: runtime.busy == 0]
        self.bot = BotRunner(self.container, poll_timeout=1)
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


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def running(framework: Framework, db_url: str, webhook: bool = False
                  ) -> AsyncIterator[Harness]:
    """A bot on one framework against a fresh emulator; no request may have been rejected."""
    emu = Emulator(bot_username="antifraud_test_bot")
    h = Harness(emu, db_url, framework, webhook=webhook)
    h.base_url = await emu.start(host="127.0.0.1", port=0)
    try:
        await h.start_bot()
        yield h
    finally:
        await h.stop_bot()
        await emu.stop()
    assert emu.violations == [], emu.violations


async def transcript(h: Harness) -> dict[str, Any]:
    """What a run left behind, minus wall-clock times: every Bot API call the bot made (failed
    ones too), every chat's messages with buttons and edit counts, callback answers, all rows."""
    chats = {
        chat_id: [(m.message_id, m.from_bot, m.text, m.reply_markup, m.edit_count)
                  for m in chat.visible()]
        for chat_id, chat in sorted(h.emu.state.chats.items())
    }
    answers = [(q.id, q.answer) for q in h.emu.state.callbacks.values()]
    requests = [(m, {**p, "url": "<webhook url>"} if m == "setWebhook" else p)
                for m, p in h.emu.requests]  # each run listens on its own free port
    return {"requests": requests, "chats": chats,
            "answers": answers, "rows": await all_rows(h)}


async def all_rows(h: Harness) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in a stable order, timestamps masked."""
    assert h.container is not None
    async with h.container.engine.connect() as conn:
        names = await conn.run_sync(lambda c: inspect(c).get_table_names())
    out = {}
    for name in sorted(set(names) - {"alembic_version"}):
        result = await _select_all(h, name)
        rows = [tuple("<worker>" if k == "claimed_by" and v else _mask(v) for k, v in r.items())
                for r in result]
        out[name] = sorted(rows, key=repr)
    return out


async def _select_all(h: Harness, table: str) -> list[dict[str, Any]]:
    assert h.container is not None
    async with h.container.engine.connect() as conn:
        return [dict(r._mapping) for r in (await conn.execute(text(f'select * from "{table}"')))]


def _mask(value: Any) -> Any:
    return "<time>" if isinstance(value, str) and _TIMESTAMP.match(value) else value


async def until(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    """Wait for an outcome that shows in no message, e.g. a refused call in emu.requests."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.005)


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
