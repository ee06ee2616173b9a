"""A delivery is 'sending' only from just before its own request until its own response, so a
crash leaves unconfirmed only what was really in flight; staff can resend those through the CLI
(`antifraud broadcast resend-unconfirmed ID`), accepting that each may arrive twice."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from bot.outbox.engine import Outbox
from bot.outbox.limiter import RateLimiter
from bot.storage import outbox as ledger
from bot.telegram.api import BotApi
from bot.texts.catalog import Rendered
from tests.cli.test_cli import antifraud
from tests.outbox.conftest import seed_users
from tests.outbox.test_broadcasts import new_broadcast, pushes, received
from tgemu import Emulator

NOW = datetime.now(UTC)


class HeldRetry:
    """The real client, except that a retried send first waits for every other delivery of
    the job to be recorded as sent (or gives up), noting whether they were."""

    def __init__(self, engine: Any, client: BotApi, others: int) -> None:
        self.engine, self.client, self.others = engine, client, others
        self.calls: dict[int, int] = {}
        self.others_recorded: bool | None = None

    async def sent_rows(self) -> int:
        async with self.engine.connect() as conn:
            res = await conn.execute(text("select count(*) from deliveries where status='sent'"))
            return int(res.scalar_one())

    async def send(self, chat_id: int, msg: Rendered, push: bool = False) -> int:
        self.calls[chat_id] = self.calls.get(chat_id, 0) + 1
        if self.calls[chat_id] == 2:  # the retry of the request that got a 502
            for _ in range(100):
                if await self.sent_rows() == self.others:
                    break
                await asyncio.sleep(0.05)
            self.others_recorded = await self.sent_rows() == self.others
        return await self.client.send(chat_id, msg, push=push)


async def test_each_delivery_is_recorded_on_its_own_response(
        engine: Any, emu: Emulator, client: BotApi) -> None:
    await seed_users(engine, emu, range(1, 9))
    await ledger.enqueue(engine, [
        {"job_kind": "broadcast", "job_key": "77", "user_id": i, "chat_id": i,
         "status": "pending", "created_at": NOW} for i in range(1, 9)])
    sender = HeldRetry(engine, client, others=7)
    outbox = Outbox(engine, sender, RateLimiter(400))
    assert outbox.group == 8  # a paid-rate group sent concurrently
    emu.inject("sendMessage", 502, times=1)  # one request of the group is retried
    counts = await outbox.drain("broadcast", "77", lambda c: _message())
    assert counts == {"sent": 8}
    # While one delivery waited for its retry, the seven that had their answer were already
    # recorded: a kill -9 then would have left one unconfirmed, not eight.
    assert sender.others_recorded is True


async def _message() -> Rendered:
    return Rendered("防骗提醒")


async def test_resend_unconfirmed_through_the_cli(
        engine: Any, emu: Emulator, client: BotApi, db_url: str) -> None:
    await seed_users(engine, emu, range(1, 6))
    b = await new_broadcast(engine)
    await ledger.enqueue_broadcast(engine, b, NOW)
    await ledger.set_broadcast_status(engine, b["id"], "running", ("scheduled",))
    # A worker was killed while sending to two users: their rows become unconfirmed.
    claimed = await ledger.claim(engine, "dead-worker", NOW - timedelta(minutes=5), 2,
                                 "broadcast", str(b["id"]))
    await ledger.mark_sending(engine, [c.id for c in claimed])
    p = pushes(engine, client)
    assert await p.outbox.recover() == 2
    assert await p.run_broadcast(await ledger.get_broadcast(engine, b["id"]) or {}) == {
        "sent": 3}
    lost = [c.user_id for c in claimed]
    assert [u for u, n in received(emu, range(1, 6)).items() if n == 0] == lost

    env = {"DATABASE_URL": db_url}
    res = await asyncio.to_thread(antifraud, "broadcast", "resend-unconfirmed", str(b["id"]),
                                  "--yes", env=env)
    assert res.returncode == 0, res.stderr
    assert "2 unconfirmed" in res.stdout and "twice" in res.stdout
    assert "2 deliveries queued again" in res.stdout
    again = await ledger.get_broadcast(engine, b["id"]) or {}
    assert again["status"] == "running"
    assert await p.run_broadcast(again) == {"sent": 2}  # the running bot sends them
    assert received(emu, range(1, 6)) == dict.fromkeys(range(1, 6), 1)
    assert (await ledger.get_broadcast(engine, b["id"]) or {})["status"] == "done"
    assert await ledger.progress(engine, "broadcast", str(b["id"])) == {"sent": 5}

    res = await asyncio.to_thread(antifraud, "broadcast", "resend-unconfirmed", str(b["id"]),
                                  "--yes", env=env)
    assert res.returncode == 0 and "nothing to resend" in res.stdout
    res = await asyncio.to_thread(antifraud, "broadcast", "resend-unconfirmed", "999",
                                  "--yes", env=env)
    assert res.returncode == 1 and "no broadcast 999" in res.stderr
