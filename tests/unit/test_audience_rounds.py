"""A round never holds a question that is not for the user's audience (issue 20)."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.content.loader import load_bank
from bot.core.events import Actor
from bot.core.records import RoundRecord, UserRecord
from bot.services.context import Ctx, Defaults
from bot.services.quiz import start_round

CONTENT = Path(__file__).resolve().parents[2] / "content"


class RoundsOnly:
    """Just enough of the store to start rounds: no history, rounds kept in a list."""

    def __init__(self) -> None:
        self.rounds: list[RoundRecord] = []

    async def question_stats(self, user_id: int) -> dict[str, Any]:
        return {}

    async def create_round(self, user_id: int, topic: str | None, ids: list[str],
                           now: datetime) -> RoundRecord:
        self.rounds.append(RoundRecord(len(self.rounds) + 1, user_id, topic, ids))
        return self.rounds[-1]


async def _asked(audience: str, rounds: int) -> set[str]:
    bank = load_bank(CONTENT).published()
    store = RoundsOnly()
    now = datetime(2026, 12, 7, tzinfo=UTC)
    user = UserRecord(7, 7, "zh-Hans", "Asia/Shanghai", audience=audience, round_length=10)
    for seed in range(rounds):
        ctx = Ctx(Actor(7, 7, "zh-hans", "x", now), user, store, bank,  # type: ignore[arg-type]
                  Defaults(), random.Random(seed))
        await start_round(ctx, "fake_customer_service")
    return {qid for r in store.rounds for qid in r.question_ids}


async def test_a_retiree_never_gets_the_question_about_their_mother() -> None:
    asked = await _asked("elderly", rounds=20)
    assert "fake_customer_service-08" not in asked  # 你70岁的母亲…
    assert "fake_customer_service-13" not in asked  # 你想帮家里老人…
    assert len(asked) >= 15


async def test_a_student_still_gets_it() -> None:
    assert "fake_customer_service-08" in await _asked("student", rounds=20)
