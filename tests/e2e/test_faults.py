"""Quiz rounds through a flaky Telegram: 10% of calls fail (429, 5xx, slow, dropped) and updates
come twice, yet no answer is lost or counted twice and every score equals a fault-free run's.

FAULT_UPDATES per framework (250 in CI, 10,000 with FULL=1); FAULT_RATE (0.1).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path
from typing import Any

import pytest

from bot.app import migrate_async
from bot.config import Framework
from tests.e2e.harness import FRAMEWORKS, running
from tests.e2e.players import Player

UPDATES = int(os.environ.get("FAULT_UPDATES", "10000" if os.environ.get("FULL") else "250"))
RATE = float(os.environ.get("FAULT_RATE", "0.1"))
ROUNDS = 5
UPDATES_PER_ROUND = 11  # /quiz, then an answer and a "next" (or "results") per question
FIRST_USER = 20001


async def session(framework: Framework, url: str, rate: float) -> dict[str, Any]:
    """Every user plays ROUNDS rounds, one user after another (so question draws are in the
    same order in every run); the outcome per user and what went wrong on the way."""
    users = max(1, UPDATES // (ROUNDS * UPDATES_PER_ROUND))
    start = time.monotonic()
    async with running(framework, url) as h:
        h.env["flood_burst"] = 10**6  # one fast scripted user per turn; not a flood
        await h.restart()
        chaos = h.emu.chaos(rate, seed=11)
        players = [Player(h.emu, h.emu.user(FIRST_USER + i, first_name=f"p{i}"))
                   for i in range(users)]
        for p in players:
            await p.play(ROUNDS)
        await h.emu.wait_idle(timeout=30)
        h.emu.chaos(0)
        scores = await h.rows("select id, points, rounds from users order by id")
        answers = await h.rows("select round_id, user_id, position, question_id, chosen, correct,"
                               " points from answers order by round_id, position")
        per_round = await h.rows("select user_id, status, correct, points from rounds "
                                 "order by id")
        return {"seconds": round(time.monotonic() - start, 1), "scores": scores,
                "answers": answers, "rounds": per_round, "faults": dict(chaos.counts),
                "updates": sum(p.updates for p in players),
                "stuck": sum(p.stuck for p in players)}


@pytest.mark.heavy
async def test_scores_survive_a_flaky_telegram(tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    urls = {name: f"sqlite+aiosqlite:///{tmp_path / f'{name}.db'}"
            for name in ("clean", *FRAMEWORKS)}
    for url in urls.values():
        await migrate_async(url)
    clean = await session("ptb", urls["clean"], 0.0)
    caplog.clear()
    caplog.set_level(logging.INFO, logger="bot.telegram.runtime")
    # Both frameworks at once, each on its own emulator and database: the waits overlap.
    runs = await asyncio.gather(*(session(fw, urls[fw], RATE) for fw in FRAMEWORKS))
    logged = [r.getMessage() for r in caplog.records]
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    # A reply whose four tries all failed is logged and given up (p = 0.1^4); nothing else.
    assert [e for e in errors if "delivery failed" not in e] == []
    print(f"\nupdates handled once though delivered twice: "
          f"{sum('delivered again' in m for m in logged)}; replies given up: {len(errors)}")
    assert len(clean["answers"]) == len(clean["scores"]) * ROUNDS * 5
    for framework, flaky in zip(FRAMEWORKS, runs, strict=True):
        print(f"\n{framework}: {flaky['updates']} updates, faults {flaky['faults']}, "
              f"{flaky['stuck']} waits timed out; {flaky['seconds']} s "
              f"(fault-free {clean['updates']} updates, {clean['seconds']} s)")
        assert sum(flaky["faults"].values()) > 0.05 * flaky["updates"]
        assert flaky["answers"] == clean["answers"], framework  # none lost or twice
        assert flaky["rounds"] == clean["rounds"], framework
        assert flaky["scores"] == clean["scores"], framework
