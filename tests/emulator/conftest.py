"""Shared emulator fixture."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.emulator import Emulator


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """A running emulator."""
    emulator = Emulator()
    await emulator.start()
    yield emulator
    await emulator.stop()
