"""Spaced repetition, streaks, points and mastery."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.core.progress import (
    QuestionStat,
    Streak,
    accuracy,
    after_answer,
    mastery,
    points_for,
    round_bonus,
)

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def test_miss_comes_back_after_growing_intervals() -> None:
    s = after_answer(QuestionStat("q"), False, NOW)
    assert s.due_at == NOW + timedelta(days=1)
    s = after_answer(s, True, NOW + timedelta(days=1))
    assert s.due_at == NOW + timedelta(days=1 + 3)
    s = after_answer(s, True, NOW + timedelta(days=4))
    assert s.due_at == NOW + timedelta(days=4 + 7)
    s = after_answer(s, True, NOW + timedelta(days=11))
    assert s.due_at is None
    assert (s.seen, s.correct) == (4, 3)


def test_miss_during_review_restarts_interval() -> None:
    s = after_answer(QuestionStat("q"), False, NOW)
    s = after_answer(s, True, NOW + timedelta(days=1))
    s = after_answer(s, False, NOW + timedelta(days=4))
    assert (s.box, s.due_at) == (0, NOW + timedelta(days=5))


def test_first_correct_answer_schedules_nothing() -> None:
    s = after_answer(QuestionStat("q"), True, NOW)
    assert s.due_at is None and s.last_correct


def test_streak_counts_consecutive_days() -> None:
    d = date(2026, 11, 1)
    s = Streak().on(d).on(d).on(d + timedelta(days=1)).on(d + timedelta(days=2))
    assert (s.current, s.best) == (3, 3)
    s = s.on(d + timedelta(days=5))
    assert (s.current, s.best) == (1, 3)
    assert s.as_of(d + timedelta(days=6)) == 1
    assert s.as_of(d + timedelta(days=7)) == 0


def test_points_and_bonus() -> None:
    assert points_for(True, 3) == 30 and points_for(False, 3) == 0
    assert round_bonus(5, 5) == 10 and round_bonus(4, 5) == 0 and round_bonus(0, 0) == 0


def test_mastery_and_accuracy() -> None:
    stats = {"a": QuestionStat("a", 2, 1, True), "b": QuestionStat("b", 1, 0, False)}
    assert mastery(stats, ["a", "b", "c", "d"]) == 0.25
    assert mastery(stats, []) == 0.0
    assert accuracy(list(stats.values())) == 1 / 3
    assert accuracy([]) is None
