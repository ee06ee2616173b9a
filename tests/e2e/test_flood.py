"""A user sending 50 messages at once is throttled; everyone else is served as before.

The flood guard's clock is frozen for the test, so no token refills while the bot works through
the burst: the counts are exact whatever the machine's load.
"""

from __future__ import annotations

import asyncio

from tests.e2e.harness import Harness, has

FLOODER, NORMAL = 8801, 8802
NOTICE = "发得太快"


async def test_flooder_gets_one_notice_and_others_are_not_slowed(harness: Harness) -> None:
    assert harness.container is not None
    harness.container.runtime.clock = lambda: 1000.0  # frozen: no refill during the test
    flooder = harness.emu.user(FLOODER, first_name="刷屏")
    normal = harness.emu.user(NORMAL, first_name="普通")
    burst = harness.container.settings.flood_burst

    async def flood() -> None:
        for _ in range(50):
            await flooder.send("/help")

    async def chat() -> None:
        for _ in range(4):
            sent = await normal.send("/me")
            await normal.wait_for_bot(has("积分"), since=sent["message_id"])

    await asyncio.gather(flood(), chat())
    await harness.emu.wait_idle()
    replies = flooder.bot_messages()
    notices = [m for m in replies if NOTICE in m["text"]]
    assert len(notices) == 1
    assert replies[-1] == notices[0]  # then silence
    assert len(replies) - 1 == burst  # exactly the burst is answered
    # The other user is served every time and never throttled by someone else's flood.
    assert len([m for m in normal.bot_messages() if "积分" in m["text"]]) == 4
    assert not [m for m in normal.bot_messages() if NOTICE in m["text"]]
