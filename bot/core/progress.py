"""Per-user learning state and the pure rules that update it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Protocol

MASTERY_THRESHOLD = 0.8
#: FSRS card states, as stored (0 is a question never reviewed).
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3


@dataclass(frozen=True)
class Memory:
    """A question's memory state as plain values (an FSRS card): when it is next due."""

    state: int = NEW
    step: int | None = None
    stability: float | None = None  # days until recall falls to 90%
    difficulty: float | None = None  # 1 (easy) .. 10 (hard)
    due_at: datetime | None = None


class Scheduler(Protocol):
    """Spaced repetition: the memory after one graded review (FSRS, outside the core)."""

    def review(self, memory: Memory, last_review: datetime | None, correct: bool,
               now: datetime) -> Memory:
        """The memory after answering right (Good) or not (Again) at `now`."""


@dataclass(frozen=True)
class QuestionStat:
    """What one user has done with one question, and when it comes back."""

    question_id: str
    seen: int = 0
    correct: int = 0
    last_correct: bool = False
    last_seen: datetime | None = None
    due_at: datetime | None = None
    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None

    @property
    def memory(self) -> Memory:
        """The scheduling part of the stat."""
        return Memory(self.state, self.step, self.stability, self.difficulty, self.due_at)


def after_answer(stat: QuestionStat, correct: bool, now: datetime,
                 scheduler: Scheduler) -> QuestionStat:
    """Count an answer and let the scheduler say when the question comes back."""
    memory = scheduler.review(stat.memory, stat.last_seen, correct, now)
    return replace(
        stat,
        seen=stat.seen + 1,
        correct=stat.correct + int(correct),
        last_correct=correct,
        last_seen=now,
        due_at=memory.due_at,
        state=memory.state,
        step=memory.step,
        stability=memory.stability,
        difficulty=memory.difficulty,
    )


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
