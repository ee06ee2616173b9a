"""Mastery per manipulation technique: which ones a user has practised, which are weak."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.core.content import Question
from bot.core.progress import MASTERY_THRESHOLD, QuestionStat


@dataclass(frozen=True)
class TechniqueLevel:
    """How a user does on the questions that teach one technique."""

    technique: str
    answers: int = 0
    correct: int = 0
    questions: int = 0  # questions of this technique the user has seen

    @property
    def accuracy(self) -> float | None:
        """Share of answers that were right; None when never practised."""
        return None if self.answers == 0 else self.correct / self.answers

    @property
    def weak(self) -> bool:
        """Practised, but under the mastery threshold."""
        return self.accuracy is not None and self.accuracy < MASTERY_THRESHOLD


def technique_levels(questions: Iterable[Question], stats: Mapping[str, QuestionStat],
                     techniques: Iterable[str]) -> dict[str, TechniqueLevel]:
    """Answers and right answers per technique, over the questions tagged with it."""
    totals = {t: [0, 0, 0] for t in techniques}
    for q in questions:
        stat = stats.get(q.id)
        if stat is None or stat.seen == 0:
            continue
        for t in q.techniques:
            if t in totals:
                totals[t][0] += stat.seen
                totals[t][1] += stat.correct
                totals[t][2] += 1
    return {t: TechniqueLevel(t, *v) for t, v in totals.items()}


def weak_techniques(levels: Mapping[str, TechniqueLevel]) -> frozenset[str]:
    """Techniques practised and still under the mastery threshold."""
    return frozenset(t for t, lv in levels.items() if lv.weak)


def unpractised(levels: Mapping[str, TechniqueLevel]) -> list[str]:
    """Techniques the user has never answered a question on, in vocabulary order."""
    return [t for t, lv in levels.items() if lv.answers == 0]
