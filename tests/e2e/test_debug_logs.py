"""A real bot process at LOG_LEVEL=DEBUG in webhook mode: what users write, their names and the
webhook secret never reach its output, on both frameworks (the libraries stay at INFO)."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from bot.app import migrate_async
from bot.config import Framework
from tests.cli_process import bot_process
from tests.e2e.harness import FRAMEWORKS, free_port, has
from tests.e2e.test_secrets import _reap
from tgemu import Emulator

TOKEN = "987654:SECRET-do-not-log_x9"
HOOK_SECRET = "hook-secret_do-not-log_Q7"
PRIVATE = ("6222021234567890123", "mima884422", "Zhangsanfeng", "Lisi_family",
           "handle_do_not_log")


async def debug_run(framework: Framework, folder: Path) -> str:
    """Everything one webhook-mode bot process at DEBUG wrote while a user chatted."""
    db_url = f"sqlite+aiosqlite:///{folder / f'{framework}.db'}"
    log = folder / f"{framework}.log"
    port = free_port()
    async with Emulator() as emu:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")} | {
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": emu.base_url,
            "DATABASE_URL": db_url, "BOT_FRAMEWORK": framework, "LOG_LEVEL": "DEBUG",
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram", "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port), "WEBHOOK_SECRET": HOOK_SECRET}
        proc = bot_process("run", env=env, output=log)
        try:
            user = emu.user(4343, first_name="Zhangsanfeng", last_name="Lisi_family",
                            username="handle_do_not_log")
            await user.send("/start")
            await user.wait_for_bot(has("欢迎"), timeout=60)
            await user.send("我的卡号 6222021234567890123 密码 mima884422 这是骗子吗")
            await user.wait_for_bot(lambda m: m["message_id"] > 2, timeout=30)
            await emu.wait_idle()
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.to_thread(_reap, proc)
    return log.read_text(encoding="utf-8", errors="replace")


async def test_debug_logs_hold_no_message_text_names_or_secrets(tmp_path: Path) -> None:
    for fw in FRAMEWORKS:
        await migrate_async(f"sqlite+aiosqlite:///{tmp_path / f'{fw}.db'}")
    outputs = await asyncio.gather(*(debug_run(fw, tmp_path) for fw in FRAMEWORKS))
    for framework, out in zip(FRAMEWORKS, outputs, strict=True):
        assert " DEBUG " in out or " INFO " in out, framework  # it did log
        assert "up: webhook" in out, framework  # the webhook secret was in play
        leaked = [p for p in (*PRIVATE, HOOK_SECRET, TOKEN) if p in out]
        assert leaked == [], (framework, leaked)

