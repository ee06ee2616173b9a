"""Which questions a round asks, and in which option order."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from bot.core.content import SCAM_OR_GENUINE, Question
from bot.core.progress import QuestionStat


def choose_questions(
    pool: Sequence[Question],
    stats: Mapping[str, QuestionStat],
    *,
    n: int,
    now: datetime,
    rng: random.Random,
    audience: str | None = None,
    weak: Collection[str] = (),
) -> list[str]:
    """Pick a round: due reviews first, then unseen questions, then the longest unseen.

    Among unseen questions, those for the user's audience come first, and within them those
    teaching a technique the user is weak on.
    """
    due = sorted(
        (q for q in pool if (s := stats.get(q.id)) and s.due_at is not None and s.due_at <= now),
        key=lambda q: stats[q.id].due_at or now,
    )
    chosen = [q.id for q in due[:n]]
    unseen = [q for q in pool if q.id not in stats]
    rng.shuffle(unseen)
    # Questions written for the user's audience come first among the unseen.
    unseen.sort(key=lambda q: (0 if audience and audience in q.audiences else 1,
                               0 if weak and set(q.techniques) & set(weak) else 1))
    chosen += [q.id for q in unseen[: n - len(chosen)]]
    if len(chosen) < n:
        rest = [q for q in pool if q.id not in chosen and q.id in stats]
        rng.shuffle(rest)
        rest.sort(key=lambda q: stats[q.id].last_seen or now)
        chosen += [q.id for q in rest[: n - len(chosen)]]
    return chosen


# Kinds whose answers have a fixed meaning-bearing order (正确/错误; 诈骗/正常/拿不准).
FIXED_ORDER = ("true_false", SCAM_OR_GENUINE)


def option_order(question: Question, seed: str) -> list[int]:
    """A stable shuffle of a question's options, derived from the seed and the question id.

    Nothing is stored: the same round (or contest) and position give the same order after a
    restart, so a press or a poll vote maps back to the same content option.
    """
    order = list(range(len(question.options)))
    if question.kind not in FIXED_ORDER:
        random.Random(f"{question.id}:{seed}").shuffle(order)
    return order
