"""Telegram may deliver an update twice (a lost confirmation, a restart): it acts once."""

from __future__ import annotations

import logging

import pytest

from tests.e2e.harness import Harness, answer_current, buttons, has


async def test_updates_delivered_twice_are_handled_once(
        harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.telegram.runtime")
    user = harness.emu.user(7301, first_name="重复")
    await user.send("/quiz")
    q = await user.wait_for_bot(has("第 1/5 题"))
    chaos = harness.emu.chaos(1.0, kinds=("duplicate",))  # every poll repeats the last update
    fb = await answer_current(user, q)
    await user.press(fb["message_id"], buttons(fb)[0]["callback_data"])
    await user.wait_for_bot(has("第 2/5 题"))
    await user.send("/me")
    await user.wait_for_bot(has("我的成绩"))
    await harness.emu.wait_idle()
    harness.emu.chaos(0)
    assert chaos.counts["duplicate"] >= 2
    again = [r for r in caplog.records if "delivered again" in r.getMessage()]
    assert len(again) >= 2  # the answer press and the next press came twice
    assert await harness.rows("select count(*) from answers where user_id=7301") == [(1,)]
    assert await harness.rows("select position from rounds where user_id=7301") == [(1,)]
    assert len(harness.emu.calls("answerCallbackQuery")) == 2  # one per press, not per delivery
