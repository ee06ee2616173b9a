"""Question choice: no repeats until the pool is seen; misses come back when due."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from bot.core.progress import QuestionStat, after_answer
from bot.core.selection import choose_questions, option_order
from bot.learning.memory import FsrsScheduler
from tests.conftest import make_bank, make_question

FSRS = FsrsScheduler()

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def test_no_repeat_until_pool_seen() -> None:
    pool = make_bank({"t": 12}).pool("t")
    stats: dict[str, QuestionStat] = {}
    seen: list[str] = []
    rng = random.Random(1)
    for _ in range(2):
        ids = choose_questions(pool, stats, n=5, now=NOW, rng=rng)
        seen += ids
        for q in ids:
            stats[q] = after_answer(QuestionStat(q), True, NOW, FSRS)
    assert len(seen) == len(set(seen)) == 10
    third = choose_questions(pool, stats, n=5, now=NOW, rng=rng)
    assert len(set(third)) == 5
    assert set(q.id for q in pool) - set(seen) <= set(third)


def test_missed_question_returns_when_due() -> None:
    pool = make_bank({"t": 20}).pool("t")
    stats = {"t-01": after_answer(QuestionStat("t-01"), False, NOW, FSRS)}
    rng = random.Random(2)
    assert "t-01" not in choose_questions(pool, stats, n=5, now=NOW + timedelta(hours=1), rng=rng)
    assert choose_questions(pool, stats, n=5, now=NOW + timedelta(days=1), rng=rng)[0] == "t-01"


def test_audience_questions_first() -> None:
    pool = [make_question(f"q{i}", "t") for i in range(6)]
    pool.append(make_question("old", "t", audiences=("elderly",)))
    ids = choose_questions(pool, {}, n=1, now=NOW, rng=random.Random(3), audience="elderly")
    assert ids == ["old"]


def test_option_order_is_stable_and_a_permutation() -> None:
    q = make_question("q", "t", n=4)
    a, b = option_order(q, "1:0"), option_order(q, "1:0")
    assert a == b and sorted(a) == [0, 1, 2, 3]
