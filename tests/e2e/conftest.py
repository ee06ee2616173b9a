"""End-to-end fixtures: emulator on loopback + the real bot on each framework + SQLite file."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

from bot.config import Framework
from tests.e2e.harness import FRAMEWORKS, Harness, running

# Both adapters share the storage code, so the PostgreSQL pass of `make test` plays these tests on
# one framework (E2E_FRAMEWORKS=ptb); the conformance suite still plays both there.
CHOSEN = tuple(f for f in os.environ.get("E2E_FRAMEWORKS", ",".join(FRAMEWORKS)).split(",")
               if f in FRAMEWORKS) or FRAMEWORKS


@pytest.fixture(params=CHOSEN, ids=CHOSEN)
async def harness(request: pytest.FixtureRequest, db_url: str) -> AsyncIterator[Harness]:
    """A running bot against a fresh emulator and database, once per framework."""
    framework: Framework = request.param
    async with running(framework, db_url) as h:
        yield h
