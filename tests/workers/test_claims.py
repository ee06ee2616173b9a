"""Two outboxes draining one broadcast at once (as during a leader handover) never send the same
delivery: claims are FOR UPDATE SKIP LOCKED on PostgreSQL, one writer at a time on SQLite."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import insert

from bot.outbox.engine import Outbox
from bot.outbox.limiter import RateLimiter
from bot.storage import outbox as ledger
from bot.storage.engine import make_engine
from bot.storage.tables import User
from bot.texts.catalog import Rendered

USERS = 300


class Recorder:
    """A Sender that only counts (batches of 50 at 100/s, so the two outboxes interleave)."""

    def __init__(self, sent: Counter[int]) -> None:
        self.sent = sent
        self.count = 0

    async def send(self, chat_id: int, msg: Rendered, push: bool = False) -> int:
        """Record the send."""
        await asyncio.sleep(0)
        self.sent[chat_id] += 1
        self.count += 1
        return self.count


async def test_concurrent_drains_send_each_delivery_once(db_url: str) -> None:
    now = datetime.now(UTC)
    engines = [make_engine(db_url) for _ in range(2)]
    try:
        rows = [{"id": i, "chat_id": i, "language": "zh-Hans", "timezone": "Asia/Shanghai",
                 "created_at": now, "last_seen": now} for i in range(1, USERS + 1)]
        async with engines[0].begin() as conn:
            await conn.execute(insert(User.__table__), rows)  # type: ignore[attr-defined]
        bid = await ledger.create_broadcast(engines[0], kind="text", text="x", scheduled_at=now,
                                            created_by="t", created_at=now)
        b = await ledger.get_broadcast(engines[0], bid)
        assert b is not None and await ledger.enqueue_broadcast(engines[0], b, now) == USERS
        sent: Counter[int] = Counter()
        senders = [Recorder(sent) for _ in engines]
        outboxes = [Outbox(e, s, RateLimiter(100.0), worker=f"w{i}")
                    for i, (e, s) in enumerate(zip(engines, senders, strict=True))]
        msg = Rendered("x")

        async def compose(_c: object) -> Rendered:
            return msg

        await asyncio.gather(*(o.drain("broadcast", str(bid), compose) for o in outboxes))
        assert set(sent) == set(range(1, USERS + 1)) and max(sent.values()) == 1
        assert all(s.count > 0 for s in senders), [s.count for s in senders]  # both took some
        assert await ledger.progress(engines[0], "broadcast", str(bid)) == {"sent": USERS}
    finally:
        for e in engines:
            await e.dispose()
