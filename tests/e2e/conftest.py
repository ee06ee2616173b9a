"""End-to-end fixtures: emulator on loopback + real PTB bot + SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.emulator import Emulator
from tests.e2e.harness import Harness


@pytest.fixture
async def harness(db_url: str) -> AsyncIterator[Harness]:
    """A running bot against a fresh emulator and database."""
    emu = Emulator(bot_username="antifraud_test_bot")
    h = Harness(emu, db_url)
    h.base_url = await emu.start(host="127.0.0.1", port=0)
    await h.start_bot()
    try:
        yield h
    finally:
        await h.stop_bot()
        await emu.stop()
    assert emu.violations == [], emu.violations
