"""kill -9 the real bot process mid-broadcast, restart it: nobody gets the message twice."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.storage import outbox as ledger
from bot.storage.engine import make_engine
from tests.outbox.conftest import TOKEN, seed_users
from tgemu import Emulator

ROOT = Path(__file__).resolve().parents[2]
USERS = int(os.environ.get("CRASH_USERS", "120"))
KILLS = int(os.environ.get("CRASH_KILLS", "2"))


def start_bot(emu: Emulator, db_url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")} | {
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": emu.base_url,
        "DATABASE_URL": db_url, "BROADCAST_RATE": "60", "SCHEDULER_TICK_SECONDS": "0.3",
        "DELIVERY_LEASE_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=out)


async def sends(emu: Emulator) -> int:
    return len(emu.calls("sendMessage"))


@pytest.mark.heavy
async def test_kill_9_mid_broadcast_sends_each_user_at_most_once(emu: Emulator, db_url: str,
                                                                  tmp_path: Path) -> None:
    engine = make_engine(db_url)
    await seed_users(engine, emu, range(1, USERS + 1))
    now = datetime.now(UTC)
    bid = await ledger.create_broadcast(engine, kind="text", text="kill -9 测试", created_at=now,
                                        scheduled_at=now, created_by="test")
    rng = random.Random(5)
    kills = 0
    try:
        while True:
            proc = start_bot(emu, db_url, tmp_path / "bot.log")
            try:
                if kills < KILLS:
                    target = await sends(emu) + rng.randint(10, USERS // (KILLS + 1))
                    while await sends(emu) < target and proc.poll() is None:
                        await asyncio.sleep(0.005)
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    kills += 1
                    continue
                b: dict[str, Any] = {}
                for _ in range(600):
                    b = await ledger.get_broadcast(engine, bid) or {}
                    if b.get("status") == "done":
                        break
                    await asyncio.sleep(0.1)
                assert b.get("status") == "done", b
            finally:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(timeout=30)
            break
        per_user = {i: len(emu.user(i).bot_messages()) for i in range(1, USERS + 1)}
        progress = await ledger.progress(engine, "broadcast", str(bid))
        assert max(per_user.values()) == 1  # never twice
        missing = [u for u, n in per_user.items() if n == 0]
        # Only rows caught mid-send by a kill can be missing, and they are reported.
        assert len(missing) <= progress.get("unconfirmed", 0) <= KILLS
        assert progress.get("sent", 0) + progress.get("unconfirmed", 0) == USERS
        assert kills == KILLS
    finally:
        await engine.dispose()
