"""Broadcasts through the real engine to the emulator: audience, 403, 429, 5xx, limits, crashes."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.config import ROOT
from bot.content.provider import BankProvider
from bot.core.schedule import QuietHours
from bot.outbox.pushes import Pushes
from bot.storage import outbox as ledger
from bot.storage.store import store_factory
from bot.telegram.api import BotApi
from bot.texts.catalog import Texts
from tests.outbox.conftest import make_outbox, seed_users
from tgemu import Emulator

NOW = datetime.now(UTC)


def pushes(engine: Any, client: BotApi, rate: float = 200.0) -> Pushes:
    return Pushes(engine, make_outbox(engine, client, rate), store_factory(engine),
                  BankProvider(ROOT / "content"), Texts(), lambda: datetime.now(UTC),
                  QuietHours(0, 0), timedelta(hours=1), random.Random(1))


def received(emu: Emulator, ids: range | list[int]) -> dict[int, int]:
    return {i: len(emu.user(i).bot_messages()) for i in ids}


async def new_broadcast(engine: Any, **fields: Any) -> dict[str, Any]:
    base = {"kind": "text", "text": "冒充客服退款预警 <注意>", "scheduled_at": NOW,
            "created_by": "test", "created_at": NOW}
    bid = await ledger.create_broadcast(engine, **(base | fields))
    b = await ledger.get_broadcast(engine, bid)
    assert b is not None
    return b


async def test_audience_broadcast_reaches_exactly_that_audience(
        engine: Any, emu: Emulator, client: BotApi) -> None:
    await seed_users(engine, emu, range(1, 21), audience="elderly")
    await seed_users(engine, emu, range(21, 41), audience="student", language="en")
    b = await new_broadcast(engine, kind="tip", tip_id="tip-001", audience="elderly")
    counts = await pushes(engine, client).run_broadcast(b)
    assert counts == {"sent": 20}
    assert received(emu, range(1, 21)) == dict.fromkeys(range(1, 21), 1)
    assert received(emu, range(21, 41)) == dict.fromkeys(range(21, 41), 0)
    assert "养老钱不能轻易动" in emu.user(1).bot_messages()[0]["text"]
    assert (await ledger.get_broadcast(engine, b["id"]) or {})["status"] == "done"
    again = await pushes(engine, client).run_broadcast(
        await ledger.get_broadcast(engine, b["id"]) or {})
    assert again == {} and received(emu, range(1, 21)) == dict.fromkeys(range(1, 21), 1)
    assert emu.violations == []


async def test_403_marks_the_user_blocked_and_later_broadcasts_skip_them(
        engine: Any, emu: Emulator, client: BotApi) -> None:
    await seed_users(engine, emu, range(1, 6))
    emu.block(3)
    first = await pushes(engine, client).run_broadcast(await new_broadcast(engine))
    assert first == {"sent": 4, "blocked": 1}
    second_b = await new_broadcast(engine)
    second = await pushes(engine, client).run_broadcast(second_b)
    assert second == {"sent": 4} and second_b["id"] != 0
    assert len(emu.calls("sendMessage")) == 4 + 1 + 4  # the blocked user was tried once only


async def test_429_and_5xx_are_retried_and_each_user_gets_one_message(
        engine: Any, emu: Emulator, client: BotApi) -> None:
    await seed_users(engine, emu, range(1, 11))
    emu.inject("sendMessage", 429, retry_after=1, times=1)
    emu.inject("sendMessage", 502, times=2)
    started = time.monotonic()
    counts = await pushes(engine, client).run_broadcast(await new_broadcast(engine))
    assert counts == {"sent": 10}
    assert time.monotonic() - started >= 1.0  # retry_after was honoured
    assert received(emu, range(1, 11)) == dict.fromkeys(range(1, 11), 1)


async def test_rate_limit_holds_with_telegram_limits_enforced(
        engine: Any, emu: Emulator, client: BotApi) -> None:
    await seed_users(engine, emu, range(1, 91))
    emu.limits(enabled=True, global_per_s=30, reject=True)
    started = time.monotonic()
    counts = await pushes(engine, client, rate=30).run_broadcast(await new_broadcast(engine))
    took = time.monotonic() - started
    assert counts == {"sent": 90} and emu.limit_violations == []
    assert took >= 2.9  # 90 messages at 30/s (how much of the limit is used: bench.outbox)


async def test_a_crash_mid_send_is_never_resent(
        engine: Any, emu: Emulator, client: BotApi) -> None:
    await seed_users(engine, emu, range(1, 6))
    b = await new_broadcast(engine)
    await ledger.enqueue_broadcast(engine, b, NOW)
    await ledger.set_broadcast_status(engine, b["id"], "running", ("scheduled",))
    claimed = await ledger.claim(engine, "dead-worker", NOW - timedelta(minutes=5), 3,
                                 "broadcast", str(b["id"]))
    await ledger.mark_sending(engine, [c.id for c in claimed[:2]])
    assert len(claimed) == 3  # the worker died sending two of the three it had claimed
    p = pushes(engine, client)
    assert await p.outbox.recover() == 2
    counts = await p.run_broadcast(await ledger.get_broadcast(engine, b["id"]) or {})
    assert counts == {"sent": 3}
    progress = await ledger.progress(engine, "broadcast", str(b["id"]))
    assert progress == {"sent": 3, "unconfirmed": 2}
    assert sum(received(emu, range(1, 6)).values()) == 3


async def test_cancel_stops_and_missed_broadcasts_are_reported(
        engine: Any, emu: Emulator, client: BotApi) -> None:
    await seed_users(engine, emu, range(1, 4))
    late = await new_broadcast(engine, scheduled_at=NOW - timedelta(hours=5))
    assert await pushes(engine, client).run_broadcast(late) == {}
    assert (await ledger.get_broadcast(engine, late["id"]) or {})["status"] == "skipped"
    assert received(emu, range(1, 4)) == dict.fromkeys(range(1, 4), 0)
