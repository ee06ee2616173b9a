"""End-to-end fixtures: emulator on loopback + the real bot on each framework + SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Framework
from tests.e2e.harness import FRAMEWORKS, Harness, running


@pytest.fixture(params=FRAMEWORKS, ids=FRAMEWORKS)
async def harness(request: pytest.FixtureRequest, db_url: str) -> AsyncIterator[Harness]:
    """A running bot against a fresh emulator and database, once per framework."""
    framework: Framework = request.param
    async with running(framework, db_url) as h:
        yield h
