"""Three kinds of writer on one SQLite file at once: the bot serving quiz players, its scheduler
writing the delivery ledger, and admin CLI processes creating broadcasts. None may ever fail
with "database is locked", and every broadcast reaches every user exactly once."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from bot.app import migrate_async
from bot.storage.engine import make_engine
from tests.e2e.players import Player
from tests.e2e.test_quiz_crash import ROOT, start_bot
from tests.outbox.conftest import seed_users
from tgemu import Emulator

FULL = bool(os.environ.get("FULL"))
USERS = 1000 if FULL else 100
BROADCASTS = 10 if FULL else 4
PLAYERS = 8 if FULL else 3


async def cli(db: Path, *args: str) -> tuple[int, str]:
    """Run `antifraud …` as its own process on the database; exit code and stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")} | {
        "DATABASE_URL": f"sqlite+aiosqlite:///{db}"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    _, err = await proc.communicate()
    return proc.returncode or 0, err.decode(errors="replace")


async def admins(db: Path) -> list[tuple[int, str]]:
    """Broadcasts created two processes at a time while the bot is busy."""
    results: list[tuple[int, str]] = []
    for i in range(0, BROADCASTS, 2):
        batch = [cli(db, "broadcast", "create", "--tip", f"tip-{n + 1:03d}")
                 for n in range(i, min(i + 2, BROADCASTS))]
        results += await asyncio.gather(*batch, cli(db, "stats", "--json"))
    return results


def broadcasts_done(db: Path) -> bool:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select status from broadcasts").fetchall()
    return len(rows) == BROADCASTS and all(s == "done" for (s,) in rows)


@pytest.mark.heavy
async def test_concurrent_writers_never_see_a_locked_database(tmp_path: Path) -> None:
    db, log = tmp_path / "busy.db", tmp_path / "bot.log"
    url = f"sqlite+aiosqlite:///{db}"
    await migrate_async(url)
    emu = Emulator()
    await emu.start()
    engine = make_engine(url)
    await seed_users(engine, emu, range(1, USERS + 1))
    await engine.dispose()
    proc = start_bot(emu, db, log, {"SCHEDULER_TICK_SECONDS": "0.2", "BROADCAST_RATE": "300"})
    try:
        players = [Player(emu, emu.user(40001 + i, first_name=f"c{i}")) for i in range(PLAYERS)]
        results, *_ = await asyncio.gather(admins(db), *(p.play(2) for p in players))
        for _ in range(1200):
            if broadcasts_done(db):
                break
            await asyncio.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        await emu.stop()
    assert [(code, err) for code, err in results if code != 0 or "locked" in err] == []
    output = log.read_text(errors="replace")
    assert "locked" not in output and "failed" not in output, output[-3000:]
    assert broadcasts_done(db)
    per_user = [len(emu.user(i).bot_messages()) for i in range(1, USERS + 1)]
    assert set(per_user) == {BROADCASTS}  # everyone, once each
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        finished = conn.execute("select count(*) from rounds where status='finished'").fetchone()
    assert finished == (PLAYERS * 2,)
    print(f"\n{len(results)} CLI processes, {USERS * BROADCASTS} ledger deliveries, "
          f"{sum(p.updates for p in players)} player updates: no lock errors")
