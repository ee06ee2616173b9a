"""The offline sandbox: local Bot API emulator + the real bot + a terminal chat."""

from __future__ import annotations

import asyncio
import html
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from bot.app import build, migrate_async
from bot.config import Settings
from bot.core.numbers import ascii_int
from bot.runner import PollingBot

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


@asynccontextmanager
async def sandbox_bot(settings: Settings) -> AsyncIterator[Emulator]:
    """The emulator on a free loopback port with the real bot polling it (terminal and web)."""
    from tgemu import Emulator

    token = sandbox_token()
    emu = Emulator(bot_username="antifraud_sandbox_bot", bot_first_name="反诈答题", token=token)
    base_url = await emu.start(host="127.0.0.1", port=0)
    container = None
    bot = None
    try:
        await migrate_async(settings.database_url)
        container = build(settings)
        bot = PollingBot(container, token, base_url, poll_timeout=5)
        await bot.start()
        container.contests.start()  # contest questions follow each other as on Telegram
        yield emu
    finally:
        if bot is not None:
            await bot.stop()
        if container is not None:
            await container.close()
        await emu.stop()


async def run_sandbox(settings: Settings, *, user_id: int, language: str) -> None:
    """Run the emulator and the bot, and chat in the terminal until :q or EOF."""
    async with sandbox_bot(settings) as emu:
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
