"""Random fault mode: a share of calls fail like Telegram or the network; updates come twice."""

from __future__ import annotations

import aiohttp
import pytest

from tests.emulator.conftest import Call
from tgemu import Emulator


async def test_no_faults_at_rate_zero(emu: Emulator, call: Call) -> None:
    emu.chaos(0.0)
    emu.user(1)
    statuses = [(await call("sendMessage", chat_id=1, text="hi"))[0] for _ in range(20)]
    assert statuses == [200] * 20


async def test_rate_and_kinds(emu: Emulator, call: Call) -> None:
    emu.user(1)
    chaos = emu.chaos(0.5, seed=3, kinds=("429", "502"))
    results = [await call("sendMessage", chat_id=1, text="hi") for _ in range(200)]
    failed = [body for status, body in results if status != 200]
    assert 60 < len(failed) < 140
    assert sum(chaos.counts.values()) == len(failed)
    retry = [b for b in failed if b["error_code"] == 429]
    assert retry and all(b["parameters"]["retry_after"] == 1 for b in retry)
    assert {b["error_code"] for b in failed} == {429, 502}


async def test_dropped_connection(emu: Emulator, call: Call) -> None:
    emu.user(1)
    emu.chaos(1.0, kinds=("drop",))
    with pytest.raises(aiohttp.ClientError):
        await call("sendMessage", chat_id=1, text="hi")
    emu.chaos(0)
    assert (await call("sendMessage", chat_id=1, text="after"))[0] == 200


async def test_duplicate_delivery_repeats_the_last_confirmed_update(emu: Emulator,
                                                                    call: Call) -> None:
    user = emu.user(1)
    await user.send("one")
    _, first = await call("getUpdates", timeout=0)
    first_id = first["result"][0]["update_id"]
    emu.chaos(1.0, kinds=("duplicate",))
    await user.send("two")
    await call("getUpdates", offset=first_id + 1, timeout=0)  # marks the duplicate as due
    _, again = await call("getUpdates", offset=first_id + 1, timeout=0)
    ids = [u["update_id"] for u in again["result"]]
    assert ids == [first_id, first_id + 1]
