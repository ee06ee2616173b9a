"""FSRS spaced repetition (the `fsrs` package) behind the core's plain Memory values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import fsrs

from bot.core.progress import NEW, Memory

# A quiz question is not a flash card seen minutes apart: no intra-day learning steps, so a
# miss comes back in the next days' rounds; no fuzz, so the schedule is reproducible.
DESIRED_RETENTION = 0.9
MAXIMUM_INTERVAL = 365


class FsrsScheduler:
    """Implements bot.core.progress.Scheduler with FSRS default parameters."""

    def __init__(self, desired_retention: float = DESIRED_RETENTION) -> None:
        self.fsrs = fsrs.Scheduler(desired_retention=desired_retention, learning_steps=(),
                                   relearning_steps=(), maximum_interval=MAXIMUM_INTERVAL,
                                   enable_fuzzing=False)

    def review(self, memory: Memory, last_review: datetime | None, correct: bool,
               now: datetime) -> Memory:
        """The memory after answering right (Good) or not (Again) at `now`."""
        now = now.astimezone(UTC)
        card = fsrs.Card(card_id=0, due=now)
        if memory.state != NEW and memory.stability is not None:
            card = fsrs.Card(card_id=0, state=fsrs.State(memory.state), step=memory.step,
                             stability=memory.stability, difficulty=memory.difficulty,
                             due=(memory.due_at or now).astimezone(UTC),
                             last_review=(last_review or now - timedelta(days=1)).astimezone(UTC))
        rating = fsrs.Rating.Good if correct else fsrs.Rating.Again
        card, _ = self.fsrs.review_card(card, rating, now)
        return Memory(int(card.state), card.step, card.stability, card.difficulty, card.due)
