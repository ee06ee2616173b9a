"""kill -9 the real bot process at random moments while users play, restart it each time: the
database stays consistent, every round carries on, and no answer counts twice."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import migrate_async
from bot.config import Framework
from tests.e2e.harness import FRAMEWORKS
from tests.e2e.players import Player
from tgemu import Emulator

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:crash-quiz"
KILLS = int(os.environ.get("QUIZ_KILLS", "20" if os.environ.get("FULL") else "2"))
USERS = int(os.environ.get("QUIZ_CRASH_USERS", "12" if os.environ.get("FULL") else "4"))
ROUNDS = 3


def start_bot(emu: Emulator, db_path: Path, log: Path,
              extra: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """`python -m bot run` on the emulator; flood control off for fast scripted users."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")} | {
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": emu.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{db_path}", "FLOOD_BURST": "1000000",
        "LOG_LEVEL": "WARNING", **(extra or {}),
    }
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=out)


def check_database(path: Path) -> None:
    """integrity_check passes and every total agrees with the rows it sums."""
    with sqlite3.connect(path) as db:
        assert db.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert db.execute("pragma foreign_key_check").fetchall() == []
        rounds = db.execute(
            "select r.id, r.correct, r.points - coalesce(sum(a.points), 0), "
            "       r.correct - coalesce(sum(a.correct), 0), count(a.id), r.status "
            "from rounds r left join answers a on a.round_id = r.id group by r.id").fetchall()
        for rid, _, extra_points, extra_correct, answered, status in rounds:
            assert extra_correct == 0, rid
            assert extra_points in ((0,) if status == "active" else (0, 10)), rid  # bonus
            assert answered <= 5, rid
        users = db.execute(
            "select u.id, u.points, (select coalesce(sum(points), 0) from rounds "
            "where user_id = u.id), (select coalesce(sum(points), 0) from weekly_points "
            "where user_id = u.id) from users u").fetchall()
        for uid, points, in_rounds, in_weeks in users:
            assert points == in_rounds == in_weeks, uid


async def killer(emu: Emulator, db: Path, log: Path, framework: Framework,
                 done: asyncio.Event) -> int:
    """Keep the bot running; SIGKILL it after a random stretch of traffic, KILLS times."""
    kills, rng, env = 0, random.Random(9), {"BOT_FRAMEWORK": framework}
    proc = start_bot(emu, db, log, env)
    try:
        while not done.is_set():
            if kills < KILLS:
                target = len(emu.requests) + rng.randint(5, 60)
                while len(emu.requests) < target and not done.is_set():
                    await asyncio.sleep(0.005)
                if done.is_set():
                    break
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                kills += 1
                check_database(db)
                proc = start_bot(emu, db, log, env)
            await asyncio.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    return kills


@pytest.mark.heavy
# make test kills one framework's bot (the storage path under test is shared); FULL=1 kills both.
@pytest.mark.parametrize("framework", FRAMEWORKS if os.environ.get("FULL") else FRAMEWORKS[:1])
async def test_kill_9_during_quiz_traffic(framework: Framework, tmp_path: Path) -> None:
    db, log = tmp_path / "quiz.db", tmp_path / "bot.log"
    await migrate_async(f"sqlite+aiosqlite:///{db}")
    emu = Emulator()
    await emu.start()
    done = asyncio.Event()
    try:
        kill_task = asyncio.create_task(killer(emu, db, log, framework, done))
        players = [Player(emu, emu.user(30001 + i, first_name=f"k{i}")) for i in range(USERS)]
        await asyncio.gather(*(p.play(ROUNDS) for p in players))
        done.set()
        kills = await kill_task
    finally:
        done.set()
        await emu.stop()
    check_database(db)
    with sqlite3.connect(db) as conn:
        rounds = conn.execute("select user_id, status, count(*) from rounds "
                              "group by user_id, status").fetchall()
        answers = conn.execute("select count(*) from answers").fetchone()[0]
    assert sorted(rounds) == sorted((p.user.id, "finished", ROUNDS) for p in players)
    assert answers == USERS * ROUNDS * 5  # each once: none lost, none twice
    output = log.read_text(errors="replace")
    assert "failed" not in output, output[-3000:]
    print(f"\n{framework}: {kills} kills survived; {sum(p.updates for p in players)} updates, "
          f"{sum(p.stuck for p in players)} waits timed out, {answers} answers")
    assert kills == KILLS
