"""Contest rules: bounded arguments, quiz polls within Telegram's limits, scores, ranks, budget."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bot.core.contest import (
    ContestArgs,
    Standing,
    choose_questions,
    fits_poll,
    parse_args,
    poll_order,
    quiz_poll,
    ranked,
    score,
    short_explanation,
)
from bot.telegram.budget import GroupBudget
from tests.conftest import make_question, zh_en


@pytest.mark.parametrize(("args", "expected"), [
    ((), ContestArgs(5, None, 30)),
    (("3",), ContestArgs(3, None, 30)),
    (("3", "刷单返利", "10"), ContestArgs(3, "刷单返利", 10)),
    (("99", "0"), ContestArgs(10, None, 5)),
    (("0", "99999"), ContestArgs(1, None, 600)),
    (("fake", "loan"), ContestArgs(5, "fake loan", 30)),
])
def test_arguments_are_bounded(args: tuple[str, ...], expected: ContestArgs) -> None:
    assert parse_args(args) == expected


def test_explanation_fits_a_quiz_poll() -> None:
    assert short_explanation("短") == "短"
    long = short_explanation("长" * 500)
    assert len(long) == 200 and long.endswith("…")
    assert short_explanation("a\nb\nc\nd\ne").count("\n") == 2


def test_poll_from_question_and_limits() -> None:
    q = make_question("t-01", "t", correct=2, n=4)
    poll = quiz_poll(q, "en", 20)
    assert poll.options == ("Option 0", "Option 1", "Option 2", "Option 3")
    assert poll.correct_option_ids == (2,) and poll.open_period == 20
    too_long = replace(q, question=zh_en("问" * 301, "q"))
    assert fits_poll(q, "zh-Hans") and not fits_poll(too_long, "zh-Hans")
    assert fits_poll(too_long, "en")
    assert choose_questions([too_long, q], 5, "zh-Hans", random.Random(1)) == ["t-01"]


def test_score_and_shared_ranks() -> None:
    q = make_question("t-01", "t", correct=1, difficulty=2)
    assert score(q, (1,)) == (True, 20) and score(q, (0,)) == (False, 0)
    board = ranked([Standing(1, "a", 10, 1), Standing(2, "b", 30, 3), Standing(3, "c", 10, 1)])
    assert [(r["rank"], r["name"]) for r in board] == [(1, "b"), (2, "a"), (2, "c")]


def test_group_budget_is_twenty_a_minute() -> None:
    now = [0.0]
    budget = GroupBudget(clock=lambda: now[0])
    assert all(budget.take(-100) for _ in range(20))
    assert not budget.take(-100) and budget.take(-200) and budget.take(42)
    now[0] = 60.5
    assert budget.take(-100)


def test_contest_polls_are_shuffled_the_same_way_after_a_restart() -> None:
    """Each poll's order comes from (contest, position, question): no "always A", no storage."""
    qs = [make_question(f"t-{i:02d}", "t", correct=0, n=4) for i in range(200)]
    firsts = []
    for i, q in enumerate(qs):
        order = poll_order(q, 7, i)
        assert order == poll_order(q, 7, i)  # a restarted process derives the same order
        poll = quiz_poll(q, "en", 20, order)
        right = poll.correct_option_ids[0]
        assert poll.options[right] == "Option 0"
        assert score(q, (right,), order)[0] and not score(q, ((right + 1) % 4,), order)[0]
        assert score(q, (9,), order) == (False, 0)  # a forged option id scores nothing
        firsts.append(right)
    shares = [firsts.count(k) / len(firsts) for k in range(4)]
    assert all(0.15 < s < 0.35 for s in shares), shares
