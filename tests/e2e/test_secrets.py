"""A real bot process at DEBUG, failing requests, a vanished server: no token in its output."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.app import migrate_async
from bot.config import Framework
from tests.e2e.harness import FRAMEWORKS, has
from tgemu import Emulator

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "987654:SECRET-do-not-log_x9"
SECRET = TOKEN.split(":", 1)[1]


def start_bot(emu: Emulator, db_url: str, framework: Framework,
              log: Path) -> subprocess.Popen[bytes]:
    """`python -m bot run` at DEBUG, stdout and stderr into one file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")} | {
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": emu.base_url,
        "DATABASE_URL": db_url, "BOT_FRAMEWORK": framework, "LOG_LEVEL": "DEBUG",
    }
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT)


async def provoke_failures(emu: Emulator) -> None:
    """Replies that fail for good (5xx until retries run out, an unexpected 400), then a 401."""
    user = emu.user(4242, first_name="秘")
    await user.send("/start")
    await user.wait_for_bot(has("欢迎"), timeout=120)  # aiogram alone imports for 10+ s if busy
    emu.inject("sendMessage", 502, times=8)
    await user.send("/help")
    emu.inject("sendMessage", 400, description=f"Bad Request: chat {TOKEN} not found")
    await user.send("/me")
    await asyncio.sleep(6)  # retries back off 0.5, 1, 2 s
    emu.inject("getUpdates", 401, times=2)
    await asyncio.sleep(2)


async def failing_run(framework: Framework, folder: Path) -> str:
    """Everything one bot process wrote while its requests failed and its server vanished."""
    db_url = f"sqlite+aiosqlite:///{folder / f'{framework}.db'}"
    log = folder / f"{framework}.log"
    emu = Emulator()
    await emu.start()
    proc = start_bot(emu, db_url, framework, log)
    try:
        await provoke_failures(emu)
        await emu.stop()  # the server vanishes: connection errors while polling
        await asyncio.sleep(3)
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.to_thread(_reap, proc)
    return log.read_text(encoding="utf-8", errors="replace")


def _reap(proc: subprocess.Popen[bytes]) -> None:
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


async def test_token_never_in_logs_of_a_failing_run(tmp_path: Path) -> None:
    for fw in FRAMEWORKS:  # one at a time: Alembic's command API is not thread-safe
        await migrate_async(f"sqlite+aiosqlite:///{tmp_path / f'{fw}.db'}")
    # Both frameworks at once: the run is mostly waiting.
    outputs = await asyncio.gather(*(failing_run(fw, tmp_path) for fw in FRAMEWORKS))
    for framework, out in zip(FRAMEWORKS, outputs, strict=True):
        # The failures really were logged, tracebacks and all, and the 400's echo was redacted.
        assert "Traceback" in out and "delivery failed" in out and "<redacted>" in out, framework
        assert "Failed to fetch updates" in out or "Exception happened while polling" in out
        assert TOKEN.lower() not in out.lower() and SECRET.lower() not in out.lower(), framework
