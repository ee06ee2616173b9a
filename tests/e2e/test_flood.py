"""A user sending 50 messages a second is throttled; everyone else is served as before."""

from __future__ import annotations

import asyncio
import time

from tests.e2e.harness import Harness, has

FLOODER, NORMAL = 8801, 8802
NOTICE = "发得太快"


async def test_flooder_gets_one_notice_and_others_are_not_slowed(harness: Harness) -> None:
    flooder = harness.emu.user(FLOODER, first_name="刷屏")
    normal = harness.emu.user(NORMAL, first_name="普通")
    burst = harness.container.settings.flood_burst if harness.container else 0
    latencies: list[float] = []

    async def flood() -> None:
        for _ in range(50):
            await flooder.send("/help")
            await asyncio.sleep(0.02)  # 50 a second

    async def chat() -> None:
        for _ in range(4):
            await asyncio.sleep(0.2)
            start = time.monotonic()
            sent = await normal.send("/me")
            await normal.wait_for_bot(has("积分"), since=sent["message_id"])
            latencies.append(time.monotonic() - start)

    await asyncio.gather(flood(), chat())
    await harness.emu.wait_idle()
    replies = flooder.bot_messages()
    notices = [m for m in replies if NOTICE in m["text"]]
    assert len(notices) == 1
    assert replies[-1] == notices[0]  # then silence
    # The burst is answered (a token or two may refill while the bot works through it).
    assert burst <= len(replies) - 1 <= burst + 2
    assert max(latencies) < 1.5, latencies
    assert not [m for m in normal.bot_messages() if NOTICE in m["text"]]
