"""Outbox benchmarks: capacity with the limit lifted, compliance at 30/s, the due-reminders query.

`python -m bench.outbox [--users 100000] [--seconds 60] [--db-users 1000000]` prints JSON.
The emulator runs in its own process so the engine's process is measured alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import make_api, migrate
from bot.config import Settings
from bot.outbox.engine import Outbox
from bot.outbox.limiter import RateLimiter
from bot.storage import outbox as ledger
from bot.storage.engine import make_engine
from bot.texts.catalog import Rendered

TOKEN = "4242:bench-token"


def seed(db: Path, users: int, subscribed: bool = False) -> None:
    """Bulk-insert users (and subscriptions due across one day) with plain sqlite3."""
    now = datetime.now(UTC)
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "insert into users (id, chat_id, language, timezone, round_length, leaderboard,"
            " points, rounds, streak, best_streak, blocked, created_at, last_seen)"
            " values (?, ?, 'zh-Hans', 'Asia/Shanghai', 5, 0, 0, 0, 0, 0, 0, ?, ?)",
            ((i, i, stamp, stamp) for i in range(1, users + 1)))
        if subscribed:
            conn.executemany(
                "insert into subscriptions (user_id, frequency, minute, next_due_at, created_at)"
                " values (?, 'daily', 1200, ?, ?)",
                ((i, (now + timedelta(seconds=(i * 86400) // users - 600))
                  .strftime("%Y-%m-%d %H:%M:%S.%f"), stamp) for i in range(1, users + 1)))


class Child:
    """The emulator process."""

    def __init__(self, users: int, limit: int = 0) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.outbox_emulator", "--users", str(users),
             "--limit", str(limit)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()

    def stats(self) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("stats\n")
        self.proc.stdin.flush()
        return dict(json.loads(self.proc.stdout.readline()))

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("quit\n")
        self.proc.stdin.flush()
        self.proc.wait(timeout=30)


async def broadcast(db_url: str, url: str, rate: float) -> tuple[dict[str, int], float]:
    """Send one text broadcast to every user; returns counts and seconds taken."""
    engine = make_engine(db_url)
    # The bot's own Bot API port (python-telegram-bot), as the push scheduler uses it.
    client = make_api(Settings(telegram_bot_token=TOKEN, telegram_api_base_url=url,
                               broadcast_rate=rate))
    await client.start()
    outbox = Outbox(engine, client, RateLimiter(rate))
    now = datetime.now(UTC)
    bid = await ledger.create_broadcast(engine, kind="text", text="bench", created_at=now,
                                        scheduled_at=now, created_by="bench")
    b = await ledger.get_broadcast(engine, bid) or {}
    await ledger.enqueue_broadcast(engine, b, now)
    msg = Rendered("📢 <b>反诈预警</b>\n冒充客服退款，请勿转账。")

    async def compose(_: Any) -> Rendered:
        return msg

    t0 = time.perf_counter()
    counts = await outbox.drain("broadcast", str(bid), compose)
    took = time.perf_counter() - t0
    await client.close()
    await engine.dispose()
    return counts, took


def capacity(users: int) -> dict[str, Any]:
    """Messages per second the engine pushes with the limit lifted."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "cap.db"
        url = f"sqlite+aiosqlite:///{db}"
        migrate(url)
        seed(db, users)
        child = Child(users)
        try:
            counts, took = asyncio.run(broadcast(url, child.url, rate=1_000_000))
            stats = child.stats()
        finally:
            child.close()
    return {"users": users, "sent": counts.get("sent", 0), "seconds": round(took, 2),
            "messages_per_s": round(counts.get("sent", 0) / took, 1),
            "received_by_emulator": stats["received"], "target_per_s": 1000}


def compliance(seconds: int, limit: int = 30) -> dict[str, Any]:
    """At the 30/s limit: 429s, the busiest 1-second window, and how much of the limit is used."""
    users = limit * seconds
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "comp.db"
        url = f"sqlite+aiosqlite:///{db}"
        migrate(url)
        seed(db, users)
        child = Child(users, limit)
        try:
            counts, took = asyncio.run(broadcast(url, child.url, rate=limit))
            stats = child.stats()
        finally:
            child.close()
    span = (stats["last"] - stats["first"]) if stats["received"] > 1 else 0.0
    used = (stats["received"] - 1) / (span * limit) if span else 0.0
    return {"limit_per_s": limit, "seconds": round(took, 2), "sent": counts.get("sent", 0),
            "responses_429": stats["rejected_429"], "max_in_any_1s_window": stats["max_per_1s"],
            "share_of_limit_used": round(used, 4)}


async def _due_times(db_url: str, runs: int) -> list[float]:
    engine = make_engine(db_url)
    now = datetime.now(UTC)
    samples = []
    for i in range(runs):
        t0 = time.perf_counter()
        due = await ledger.due_subscriptions(engine, now + timedelta(minutes=i), 1000)
        samples.append(time.perf_counter() - t0)
        assert due
    await engine.dispose()
    return samples


def due_query(users: int, runs: int = 30) -> dict[str, Any]:
    """The due-reminders query on a database of `users` subscribed users."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "due.db"
        url = f"sqlite+aiosqlite:///{db}"
        migrate(url)
        t0 = time.perf_counter()
        seed(db, users, subscribed=True)
        seeded = time.perf_counter() - t0
        with sqlite3.connect(db) as conn:
            conn.execute("analyze")
            plan = [r[-1] for r in conn.execute(
                "explain query plan select s.user_id from subscriptions s join users u"
                " on u.id = s.user_id where s.next_due_at <= ? and u.blocked = 0"
                " order by s.next_due_at limit 1000", ("2100-01-01",))]
        samples = asyncio.run(_due_times(url, runs))[1:]
    s = sorted(samples)
    return {"users": users, "seed_seconds": round(seeded, 1), "batch": 1000,
            "median_ms": round(statistics.median(s) * 1000, 2),
            "p99_ms": round(s[min(len(s) - 1, int(len(s) * 0.99))] * 1000, 2),
            "target_ms": 50, "plan": plan}


def main(users: int = 100_000, seconds: int = 60, db_users: int = 1_000_000) -> dict[str, Any]:
    """All three."""
    return {"capacity": capacity(users), "compliance": compliance(seconds),
            "due_reminders_query": due_query(db_users)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--db-users", type=int, default=1_000_000)
    a = parser.parse_args()
    print(json.dumps(main(a.users, a.seconds, a.db_users), indent=2, ensure_ascii=False))
