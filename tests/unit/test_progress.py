"""Spaced repetition, streaks, points and mastery."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.core.progress import (
    REVIEW,
    QuestionStat,
    Streak,
    accuracy,
    after_answer,
    mastery,
    points_for,
    round_bonus,
)
from bot.learning.memory import FsrsScheduler

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def test_fsrs_brings_a_miss_back_sooner_and_spaces_right_answers_out() -> None:
    fsrs = FsrsScheduler()
    missed = after_answer(QuestionStat("q"), False, NOW, fsrs)
    known = after_answer(QuestionStat("q"), True, NOW, fsrs)
    assert missed.due_at == NOW + timedelta(days=1) and missed.state == REVIEW
    assert known.due_at is not None and known.due_at > missed.due_at
    assert (missed.difficulty or 0) > (known.difficulty or 0)
    gaps = []
    s = known
    for _ in range(3):
        assert s.due_at is not None
        when = s.due_at
        s = after_answer(s, True, when, fsrs)
        assert s.due_at is not None
        gaps.append(s.due_at - when)
    assert gaps[0] < gaps[1] < gaps[2]  # each right review spaces the next one further out
    lapsed = after_answer(s, False, s.due_at or NOW, fsrs)
    assert lapsed.due_at is not None and lapsed.due_at - (s.due_at or NOW) < gaps[0]
    assert (lapsed.seen, lapsed.correct) == (5, 4)


def test_the_schedule_is_reproducible_from_stored_plain_values() -> None:
    """The core keeps FSRS state as plain values; a restart reviews to the same due date."""
    fsrs = FsrsScheduler()
    s = after_answer(QuestionStat("q"), True, NOW, fsrs)
    copy = QuestionStat("q", s.seen, s.correct, s.last_correct, s.last_seen, s.due_at,
                        s.state, s.step, s.stability, s.difficulty)
    later = NOW + timedelta(days=3)
    assert after_answer(copy, False, later, FsrsScheduler()) == after_answer(s, False, later,
                                                                            fsrs)


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
