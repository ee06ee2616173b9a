"""The offline sandbox: local Bot API emulator + the real bot + a terminal chat."""

from __future__ import annotations

import asyncio
import html
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr
from sqlalchemy import text

from bot.app import migrate_async
from bot.config import Settings
from bot.core.numbers import ascii_int
from bot.ocr import OcrWorker
from bot.runner import BotRunner, start_runner
from bot.storage.engine import make_engine

if TYPE_CHECKING:
    from tgemu import Emulator

_TAGS = re.compile(r"<[^>]+>")

HELP = """Type a message or a command (/start, /quiz, /me, /top, /settings, /help).
Press a button by typing its number, e.g. 1. Type :q to quit."""


def sandbox_token() -> str:
    """A fresh token per run, so no web page can know it (a fixed one is public)."""
    return f"{secrets.randbelow(9 * 10**9) + 10**9}:{secrets.token_urlsafe(32)}"


def plain(text: str) -> str:
    """Telegram HTML to terminal text."""
    return html.unescape(_TAGS.sub("", text))


class TerminalChat:
    """Shows what the bot sends and turns typed lines into messages and presses."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self.buttons: list[tuple[int, str, str]] = []

    def show(self, msg: dict[str, Any]) -> None:
        """Print a bot message with its numbered buttons."""
        edited = " (edited)" if msg.get("edit_count") else ""
        print(f"\n🤖{edited}\n{plain(msg.get('html') or msg.get('text') or '')}")
        rows = (msg.get("reply_markup") or {}).get("inline_keyboard") or []
        if rows:
            self.buttons = []
            for row in rows:
                labels = []
                for b in row:
                    self.buttons.append((msg["message_id"], b["text"], b.get("callback_data", "")))
                    labels.append(f"[{len(self.buttons)}] {b['text']}")
                print("   " + "   ".join(labels))

    async def handle_line(self, line: str) -> None:
        """Send text, or press a numbered button."""
        if 1 <= (ascii_int(line) or 0) <= len(self.buttons):
            mid, _label, data = self.buttons[int(line) - 1]
            await self.user.press(mid, data)
        elif line:
            await self.user.send(line)


async def _pump(chat: TerminalChat, events: asyncio.Queue[dict[str, Any] | None]) -> None:
    while (ev := await events.get()) is not None:
        if ev.get("chat_id") != chat.user.id:
            continue
        if ev.get("type") in ("message", "edit") and ev["message"].get("from_bot"):
            chat.show(ev["message"])
        elif ev.get("type") == "callback_answer" and (ev.get("answer") or {}).get("text"):
            print(f"   💬 {ev['answer']['text']}")


async def last_update_id(url: str) -> int:
    """The newest update id the database has handled (0 if none): the emulator goes on after it,
    so a restarted sandbox never hands out an id the bot would drop as delivered again."""
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            found = (await conn.execute(text("select max(update_id) from processed_updates")))
            return int(found.scalar() or 0)
    finally:
        await engine.dispose()


def sandbox_settings(settings: Settings, base_url: str, token: str) -> Settings:
    """The same settings, talking to the emulator: this run's token, its URL, polling."""
    return settings.model_copy(update={
        "telegram_bot_token": SecretStr(token), "telegram_api_base_url": base_url,
        "webhook_url": None})


@asynccontextmanager
async def sandbox_bot(settings: Settings, ocr: OcrWorker | None = None
                      ) -> AsyncIterator[tuple[Emulator, BotRunner]]:
    """The emulator on a free loopback port and the real bot on it, run by the bot's one runner
    (contests, reminders and broadcasts included); every Bot API call goes to the emulator.
    `ocr` is a shared worker the caller owns (the tests'), else the bot starts its own."""
    from tgemu import Emulator

    await migrate_async(settings.database_url)
    first = await last_update_id(settings.database_url) + 1
    token = sandbox_token()
    emu = Emulator(bot_username="antifraud_sandbox_bot", bot_first_name="反诈答题",
                   first_update_id=first, token=token)
    base_url = await emu.start(host="127.0.0.1", port=0)
    runner = None
    try:
        # Never move reports of a legacy key file here: the key in use is derived from this
        # run's token, so the reports (on whatever database is configured) would be lost.
        runner = await start_runner(sandbox_settings(settings, base_url, token), poll_timeout=5,
                                    ocr=ocr, legacy_keys=False)
        yield emu, runner
    finally:
        if runner is not None:
            await runner.stop()
            await runner.container.close()
        await emu.stop()


async def run_sandbox(settings: Settings, *, user_id: int, language: str) -> None:
    """Run the emulator and the bot, and chat in the terminal until :q or EOF."""
    async with sandbox_bot(settings) as (emu, _runner):
        user = emu.user(user_id, first_name="访客", language_code=language)
        chat = TerminalChat(user)
        pump = asyncio.create_task(_pump(chat, emu.subscribe()))
        print(f"Sandbox: local Bot API emulator at {emu.base_url} (loopback only).\n{HELP}")
        await user.send("/start")
        try:
            while True:
                try:
                    line = await asyncio.to_thread(input, "> ")
                except EOFError:
                    break
                if line.strip() in (":q", ":quit"):
                    break
                await chat.handle_line(line.strip())
                await asyncio.sleep(0.3)
        finally:
            pump.cancel()
