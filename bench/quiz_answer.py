"""Time one quiz answer through the whole stack next to a bare PTB echo, on the same emulator.

Prints JSON: median and p99 milliseconds for each, and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import build, migrate
from bot.config import ROOT, Settings
from bot.emulator import Emulator
from bot.runner import PollingBot

TOKEN = "4242:bench-token"


def summary(samples: list[float]) -> dict[str, float]:
    """Median and p99 in milliseconds."""
    s = sorted(samples)
    return {
        "n": len(s),
        "median_ms": round(statistics.median(s) * 1000, 3),
        "p99_ms": round(s[min(len(s) - 1, int(len(s) * 0.99))] * 1000, 3),
    }


async def bench_echo(emu: Emulator, base: str, n: int) -> list[float]:
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
    user = emu.user(90001, first_name="echo")
    samples = []
    for i in range(n):
        text = f"ping {i}"
        t0 = time.perf_counter()
        await user.send(text)
        await user.wait_for_bot(lambda m, t=text: m.get("text") == t, timeout=10)
        samples.append(time.perf_counter() - t0)
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    return samples


def edited_after(mid: int, edits: int) -> Any:
    """Predicate: that message was edited more than `edits` times."""
    return lambda m: m["message_id"] == mid and m.get("edit_count", 0) > edits


def _buttons(msg: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for row in (msg.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def bench_quiz(emu: Emulator, base: str, db_url: str, n: int) -> list[float]:
    """Press an answer and wait for the edited feedback, n times."""
    settings = Settings(telegram_bot_token=TOKEN, telegram_api_base_url=base,
                        database_url=db_url, content_dir=ROOT / "content", round_length=20)
    container = build(settings)
    bot = PollingBot(container, TOKEN, base)
    await bot.start()
    user = emu.user(90002, first_name="quiz")
    samples: list[float] = []
    while len(samples) < n:
        await user.send("/quiz")
        msg = await user.wait_for_bot(lambda m: "1/20" in (m.get("text") or ""), timeout=10)
        for _ in range(20):
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
    await bot.stop()
    await container.close()
    return samples


async def main(n: int) -> dict[str, Any]:
    """Run both benchmarks in one process on one emulator."""
    emu = Emulator(bot_username="bench_bot")
    base = await emu.start(host="127.0.0.1", port=0)
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        await asyncio.to_thread(migrate, db_url)
        echo = summary(await bench_echo(emu, base, n))
        quiz = summary(await bench_quiz(emu, base, db_url, n))
    await emu.stop()
    return {
        "benchmark": "quiz_answer",
        "framework": "ptb",
        "echo": echo,
        "quiz_answer": quiz,
        "ratio_median": round(quiz["median_ms"] / echo["median_ms"], 2),
        "ratio_p99": round(quiz["p99_ms"] / echo["p99_ms"], 2),
        "violations": len(emu.violations),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=1000)
    print(json.dumps(asyncio.run(main(parser.parse_args().n)), indent=2))
