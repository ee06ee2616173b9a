"""A real bot process at DEBUG, failing requests, a vanished server: no token in its output."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Callable
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


async def until(check: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
    """Wait for CHECK; the timeout only turns a hang into a failure (a pass never reaches it)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


def logged(log: Path, *texts: str, after: int = 0) -> Callable[[], bool]:
    """True once the log (from byte AFTER on) holds any of TEXTS."""
    return lambda: any(t.encode() in log.read_bytes()[after:] for t in texts)


async def provoke_failures(emu: Emulator, framework: Framework, log: Path) -> None:
    """Replies that fail for good (5xx until retries run out, an unexpected 400), a 401."""
    user = emu.user(4242, first_name="秘")
    await user.send("/start")
    await user.wait_for_bot(has("欢迎"), timeout=120)  # aiogram alone imports for 10+ s if busy
    emu.inject("sendMessage", 502, times=8)
    await user.send("/help")
    emu.inject("sendMessage", 400, description=f"Bad Request: chat {TOKEN} not found")
    await user.send("/me")
    faults = emu.dispatcher.faults.faults
    await until(lambda: not faults, "the 502s and the 400 to be used up")
    await until(logged(log, "<redacted>"), "the 400's echo in the log")
    await until(logged(log, "delivery failed"), "a delivery given up in the log")
    if framework == "aiogram":
        # python-telegram-bot stops polling for good at a 401, so it would never reach the
        # vanished server below, whose refused connections name the token-bearing URL.
        emu.inject("getUpdates", 401, times=2)
        await until(logged(log, "Failed to fetch updates"), "the 401 on polling in the log")


async def failing_run(framework: Framework, folder: Path) -> str:
    """Everything one bot process wrote while its requests failed and its server vanished."""
    db_url = f"sqlite+aiosqlite:///{folder / f'{framework}.db'}"
    log = folder / f"{framework}.log"
    emu = Emulator()
    await emu.start()
    proc = start_bot(emu, db_url, framework, log)
    try:
        await provoke_failures(emu, framework, log)
        size = log.stat().st_size
        await emu.stop()  # the server vanishes: connection errors while polling
        await until(logged(log, "Failed to fetch updates", "Exception happened while polling",
                           after=size), "a polling error after the server vanished")
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
