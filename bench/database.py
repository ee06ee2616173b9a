"""Database figures at scale: leaderboards, profile and rank, due reminders, and the bot's memory.

`python -m bench.database [--users 1000000]` seeds a SQLite file with plain sqlite3 (a tenth of the
users opted into the leaderboard, two rounds each over the last month, twelve questions of history
for the profiled users), times the bot's own Store queries, then runs the real bot (`python -m bot
run`, a separate process) on that database against the emulator: /me and /top end to end, and the
bot process's peak memory. Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.outbox import seed
from bot.app import migrate
from bot.config import ROOT
from bot.services.profile import week_of
from bot.storage.engine import make_engine
from bot.storage.store import store_factory
from tgemu import Emulator

FMT = "%Y-%m-%d %H:%M:%S.%f"
PROFILED = 200  # users whose profile is timed


def seed_activity(db: Path, users: int) -> None:
    """Points, leaderboard opt-ins, two finished rounds per user, question history for a few."""
    rng = random.Random(7)
    now = datetime.now(UTC)
    with sqlite3.connect(db) as conn:
        conn.execute("update users set points = (id * 7919) % 5000,"
                     " leaderboard = (id % 10 = 0), rounds = 2")

        def rounds() -> Any:
            for uid in range(1, users + 1):
                for _ in range(2):
                    at = (now - timedelta(minutes=rng.randrange(30 * 24 * 60))).strftime(FMT)
                    yield uid, "q1,q2,q3,q4,q5", rng.randrange(0, 101, 20), at, at

        conn.executemany(
            "insert into rounds (user_id, question_ids, position, correct, points, status,"
            " started_at, finished_at) values (?, ?, 5, 3, ?, 'finished', ?, ?)", rounds())
        week = week_of(now, "Asia/Shanghai")
        since = datetime.combine(week, datetime.min.time(), tzinfo=ZoneInfo("Asia/Shanghai"))
        conn.execute("insert into weekly_points (week, user_id, points) select ?, user_id,"
                     " sum(points) from rounds where started_at >= ? group by user_id"
                     " having sum(points) > 0",
                     (week.isoformat(), since.astimezone(UTC).strftime(FMT)))
        stamp = now.strftime(FMT)
        conn.executemany(
            "insert into question_progress (user_id, question_id, seen, correct, last_correct,"
            " last_seen, box) values (?, ?, 2, 1, 1, ?, 1)",
            ((uid, f"fake_loan-{q:02d}", stamp) for uid in range(1, PROFILED + 1)
             for q in range(1, 13)))
        conn.execute("analyze")


def timed(samples: list[float]) -> dict[str, float]:
    """Median and p99 in milliseconds."""
    s = sorted(samples)
    return {"median_ms": round(statistics.median(s) * 1000, 2),
            "p99_ms": round(s[min(len(s) - 1, int(len(s) * 0.99))] * 1000, 2)}


async def measure(url: str, runs: int) -> dict[str, Any]:
    """Time the Store's leaderboard, profile and rank queries."""
    engine = make_engine(url)
    open_store = store_factory(engine)
    week = week_of(datetime.now(UTC), "Asia/Shanghai")
    cases: dict[str, list[float]] = {"leaderboard_all_time": [], "leaderboard_weekly": [],
                                     "profile": []}
    for i in range(runs + 1):
        uid = 1 + (i * 37) % PROFILED
        async with open_store() as store:
            t0 = time.perf_counter()
            await store.boards.leaderboard(None, 10)
            t1 = time.perf_counter()
            await store.boards.leaderboard(week, 10)
            t2 = time.perf_counter()
            user = await store.users.get(uid)
            assert user is not None
            await store.progress.stats(uid)
            await store.boards.rank(user.points)
            t3 = time.perf_counter()
        if i:  # the first run warms the page cache
            cases["leaderboard_all_time"].append(t1 - t0)
            cases["leaderboard_weekly"].append(t2 - t1)
            cases["profile"].append(t3 - t2)
    await engine.dispose()
    return {name: timed(s) for name, s in cases.items()}


def peak_rss_mb(pid: int) -> float:
    """A process's peak resident memory (VmHWM) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def live_bot(url: str, runs: int) -> dict[str, Any]:
    """The real bot process on the big database: /me and /top round trips, its peak memory."""
    emu = Emulator(bot_username="bench_bot")
    base = await emu.start(host="127.0.0.1", port=0)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")} | {
        "TELEGRAM_BOT_TOKEN": "4242:bench-token", "TELEGRAM_API_BASE_URL": base,
        "DATABASE_URL": url, "LOG_LEVEL": "WARNING",
        "FLOOD_BURST": "1000000"}  # one user timing round trips back to back is no flood
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        user = emu.user(PROFILED, "bench")
        await user.send("/start")
        await user.wait_for_bot(lambda m: True, timeout=60)
        samples: dict[str, list[float]] = {"/me": [], "/top": []}
        for _ in range(runs):
            for cmd in samples:
                seen = len(user.bot_messages())
                t0 = time.perf_counter()
                await user.send(cmd)
                await user.wait_for_bot(lambda m, n=seen: len(user.bot_messages()) > n,
                                        timeout=30)
                samples[cmd].append(time.perf_counter() - t0)
        rss = peak_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)
        await emu.stop()
    return {"bot_me_round_trip": timed(samples["/me"]),
            "bot_top_round_trip": timed(samples["/top"]), "bot_peak_rss_mb": round(rss, 1)}


def main(users: int = 1_000_000, runs: int = 20) -> dict[str, Any]:
    """Seed, then measure the queries and the real bot on that database."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "scale.db"
        url = f"sqlite+aiosqlite:///{db}"
        migrate(url)
        t0 = time.perf_counter()
        seed(db, users, subscribed=True)
        seed_activity(db, users)
        seeded = time.perf_counter() - t0
        size_mb = db.stat().st_size / 2**20
        queries = asyncio.run(measure(url, runs))
        bot = asyncio.run(live_bot(url, runs))
    return {"users": users, "rounds": 2 * users, "seed_seconds": round(seeded, 1),
            "db_mb": round(size_mb, 1), **queries, **bot}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    a = parser.parse_args()
    print(json.dumps(main(a.users, a.runs), indent=2))
