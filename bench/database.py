"""Database figures at scale: leaderboards, profile and rank, due reminders, and the bot's memory.

`python -m bench.database [--users 1000000]` seeds a SQLite file with plain sqlite3 (a tenth of the
users opted into the leaderboard, two rounds each over the last month, twelve questions of history
for the profiled users), then times the bot's own Store queries. Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.outbox import seed
from bot.app import migrate
from bot.storage.engine import make_engine
from bot.storage.store import store_factory

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
    week = datetime.now(UTC) - timedelta(days=7)
    cases: dict[str, list[float]] = {"leaderboard_all_time": [], "leaderboard_weekly": [],
                                     "profile": []}
    for i in range(runs + 1):
        uid = 1 + (i * 37) % PROFILED
        async with open_store() as store:
            t0 = time.perf_counter()
            await store.leaderboard(None, 10)
            t1 = time.perf_counter()
            await store.leaderboard(week, 10)
            t2 = time.perf_counter()
            user = await store.get_user(uid)
            assert user is not None
            await store.question_stats(uid)
            await store.rank(user.points)
            t3 = time.perf_counter()
        if i:  # the first run warms the page cache
            cases["leaderboard_all_time"].append(t1 - t0)
            cases["leaderboard_weekly"].append(t2 - t1)
            cases["profile"].append(t3 - t2)
    await engine.dispose()
    return {name: timed(s) for name, s in cases.items()}


def main(users: int = 1_000_000, runs: int = 20) -> dict[str, Any]:
    """Seed, then measure queries and the process's peak memory."""
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
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"users": users, "rounds": 2 * users, "seed_seconds": round(seeded, 1),
            "db_mb": round(size_mb, 1), **queries, "peak_rss_mb": round(rss, 1)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    a = parser.parse_args()
    print(json.dumps(main(a.users, a.runs), indent=2))
