"""Shared emulator fixture."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest

from tgemu import Emulator

TOKEN = "123:ABC"
Call = Callable[..., Awaitable[tuple[int, dict[str, Any]]]]


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """A running emulator."""
    emulator = Emulator()
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def call(emu: Emulator) -> AsyncIterator[Call]:
    """POST a form-encoded Bot API call (the "bot")."""
    async with aiohttp.ClientSession() as session:

        async def run(method: str, **params: Any) -> tuple[int, Any]:
            form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
            async with session.post(f"{emu.base_url}/bot{TOKEN}/{method}", data=form) as resp:
                return resp.status, await resp.json()

        yield run
