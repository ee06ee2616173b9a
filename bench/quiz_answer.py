"""Time one quiz answer through the whole stack next to a bare echo bot, on each framework.

For python-telegram-bot and aiogram in turn, on one emulator: a bare echo handler (the framework's
own floor), then a quiz answer through the real bot (press, service, SQLite, edited feedback).
Prints JSON: median and p99 milliseconds, each framework's quiz/echo ratio, and aiogram/PTB ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message as AiogramMessage
from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import build, migrate
from bot.config import Framework, Settings
from bot.runner import BotRunner
from tgemu import Emulator, SimUser

TOKEN = "4242:bench-token"
FRAMEWORKS: tuple[Framework, ...] = ("ptb", "aiogram")
ROUND = 20
WARMUP = 5  # untimed first samples: connection set-up and first-use caches are not steady state


def summary(samples: list[float]) -> dict[str, float]:
    """Median and p99 in milliseconds."""
    s = sorted(samples)
    return {
        "n": len(s),
        "median_ms": round(statistics.median(s) * 1000, 3),
        "p99_ms": round(s[min(len(s) - 1, int(len(s) * 0.99))] * 1000, 3),
    }


async def ping(user: SimUser, n: int) -> list[float]:
    """Send n messages and time each until the echo arrives."""
    samples = []
    for i in range(n + WARMUP):
        text = f"ping {i}"
        t0 = time.perf_counter()
        await user.send(text)
        await user.wait_for_bot(lambda m, t=text: m.get("text") == t, timeout=10)
        samples.append(time.perf_counter() - t0)
    return samples[WARMUP:]


async def echo_ptb(emu: Emulator, base: str, n: int) -> list[float]:
    """A bare PTB echo handler: user message to bot reply."""

    async def echo(update: Update, _ctx: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "")

    app = ApplicationBuilder().token(TOKEN).base_url(f"{base}/bot").build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(timeout=10, poll_interval=0.0)
    samples = await ping(emu.user(90001, first_name="echo"), n)
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    return samples


async def echo_aiogram(emu: Emulator, base: str, n: int) -> list[float]:
    """A bare aiogram echo handler: user message to bot reply."""
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    dp = Dispatcher()

    @dp.message()
    async def echo(message: AiogramMessage) -> None:
        await message.answer(message.text or "")

    await bot.delete_webhook()
    task = asyncio.create_task(dp.start_polling(bot, polling_timeout=10, handle_signals=False))
    samples = await ping(emu.user(90003, first_name="echo"), n)
    await dp.stop_polling()
    await task
    return samples


def edited_after(mid: int, edits: int) -> Any:
    """Predicate: that message was edited more than `edits` times."""
    return lambda m: m["message_id"] == mid and m.get("edit_count", 0) > edits


def _buttons(msg: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for row in (msg.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def answer_rounds(user: SimUser, n: int) -> list[float]:
    """Press an answer and wait for the edited feedback, n times, over as many rounds as needed."""
    samples: list[float] = []
    n += WARMUP
    while len(samples) < n:
        await user.send("/quiz")
        msg = await user.wait_for_bot(lambda m: f"1/{ROUND}" in (m.get("text") or ""), timeout=10)
        for _ in range(ROUND):
            if len(samples) >= n:
                break
            mid, edits = msg["message_id"], msg.get("edit_count", 0)
            t0 = time.perf_counter()
            await user.press(mid, _buttons(msg)[0]["callback_data"])
            fb = await user.wait_for_bot(edited_after(mid, edits), timeout=10)
            samples.append(time.perf_counter() - t0)
            nxt = _buttons(fb)[0]["callback_data"]
            if not nxt.startswith("n:"):
                break
            await user.press(mid, nxt)
            msg = await user.wait_for_bot(edited_after(mid, fb.get("edit_count", 0)), timeout=10)
    return samples[WARMUP:]


async def quiz(emu: Emulator, base: str, db_url: str, n: int, framework: Framework,
               user_id: int) -> list[float]:
    """The real bot on one framework: time n quiz answers."""
    settings = Settings(telegram_bot_token=TOKEN, telegram_api_base_url=base,
                        database_url=db_url, round_length=ROUND, bot_framework=framework,
                        flood_burst=10**6)  # answers timed back to back are no flood
    container = build(settings)
    bot = BotRunner(container)
    await bot.start()
    try:
        return await answer_rounds(emu.user(user_id, first_name="quiz"), n)
    finally:
        await bot.stop()
        await container.close()


ECHO: dict[Framework, Callable[[Emulator, str, int], Awaitable[list[float]]]] = {
    "ptb": echo_ptb, "aiogram": echo_aiogram,
}


async def measure(emu: Emulator, base: str, tmp: Path, n: int,
                  framework: Framework, user_id: int) -> dict[str, Any]:
    """Echo floor and quiz answer for one framework, each on a fresh database."""
    db_url = f"sqlite+aiosqlite:///{tmp / f'{framework}.db'}"
    await asyncio.to_thread(migrate, db_url)
    echo = summary(await ECHO[framework](emu, base, n))
    answer = summary(await quiz(emu, base, db_url, n, framework, user_id))
    return {
        "echo": echo,
        "quiz_answer": answer,
        "ratio_median": round(answer["median_ms"] / echo["median_ms"], 2),
        "ratio_p99": round(answer["p99_ms"] / echo["p99_ms"], 2),
    }


async def main(n: int) -> dict[str, Any]:
    """Run both frameworks' benchmarks in one process on one emulator."""
    emu = Emulator(bot_username="bench_bot")
    base = await emu.start(host="127.0.0.1", port=0)
    with tempfile.TemporaryDirectory() as tmp:
        results = {fw: await measure(emu, base, Path(tmp), n, fw, 90010 + i)
                   for i, fw in enumerate(FRAMEWORKS)}
    await emu.stop()
    ptb, aio = results["ptb"], results["aiogram"]
    return {
        "benchmark": "quiz_answer",
        "n": n,
        "frameworks": results,
        "aiogram_vs_ptb": {
            "echo_median": round(aio["echo"]["median_ms"] / ptb["echo"]["median_ms"], 2),
            "quiz_answer_median": round(
                aio["quiz_answer"]["median_ms"] / ptb["quiz_answer"]["median_ms"], 2),
            "quiz_answer_p99": round(
                aio["quiz_answer"]["p99_ms"] / ptb["quiz_answer"]["p99_ms"], 2),
        },
        "violations": len(emu.violations),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=1000)
    print(json.dumps(asyncio.run(main(parser.parse_args().n)), indent=2))
