"""Per-user learning state and the pure rules that update it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

# Days until a missed question comes back, growing with each correct review.
REVIEW_INTERVALS = (1, 3, 7)
MASTERY_THRESHOLD = 0.8


@dataclass(frozen=True)
class QuestionStat:
    """What one user has done with one question."""

    question_id: str
    seen: int = 0
    correct: int = 0
    last_correct: bool = False
    last_seen: datetime | None = None
    box: int = 0
    due_at: datetime | None = None


def after_answer(stat: QuestionStat, correct: bool, now: datetime) -> QuestionStat:
    """Update a question's stat after an answer (spaced repetition for misses)."""
    stat = replace(
        stat,
        seen=stat.seen + 1,
        correct=stat.correct + int(correct),
        last_correct=correct,
        last_seen=now,
    )
    if not correct:
        return replace(stat, box=0, due_at=now + timedelta(days=REVIEW_INTERVALS[0]))
    if stat.due_at is None:
        return stat
    box = stat.box + 1
    if box >= len(REVIEW_INTERVALS):
        return replace(stat, box=box, due_at=None)
    return replace(stat, box=box, due_at=now + timedelta(days=REVIEW_INTERVALS[box]))


@dataclass(frozen=True)
class Streak:
    """Days in a row with at least one finished round."""

    current: int = 0
    best: int = 0
    last_day: date | None = None

    def on(self, day: date) -> Streak:
        """Return the streak after finishing a round on a local day."""
        if self.last_day == day:
            return self
        if self.last_day is not None and self.last_day == day - timedelta(days=1):
            current = self.current + 1
        else:
            current = 1
        return Streak(current=current, best=max(self.best, current), last_day=day)

    def as_of(self, today: date) -> int:
        """The current streak as seen today (broken if yesterday had no round)."""
        if self.last_day is None or self.last_day < today - timedelta(days=1):
            return 0
        return self.current


def points_for(correct: bool, difficulty: int) -> int:
    """Points for one answer."""
    return 10 * difficulty if correct else 0


def round_bonus(correct: int, total: int) -> int:
    """Bonus points for a perfect round."""
    return 10 if total > 0 and correct == total else 0


def mastery(stats: dict[str, QuestionStat], pool_ids: list[str]) -> float:
    """Share of a topic's questions whose latest answer was right."""
    if not pool_ids:
        return 0.0
    known = sum(1 for q in pool_ids if q in stats and stats[q].last_correct)
    return known / len(pool_ids)


def accuracy(stats: list[QuestionStat]) -> float | None:
    """Share of all answers that were right, or None with no answers."""
    seen = sum(s.seen for s in stats)
    return None if seen == 0 else sum(s.correct for s in stats) / seen
