"""Measured learning per cohort (audience, week joined): first attempts against later ones, and
d′ on scam-or-genuine items by week since joining, with 95% intervals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.core.content import RESPONSES
from bot.core.discern import Counts, d_prime, interval, tally

WEEKS_SHOWN = 12


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer with who gave it: enough to place it in a cohort and a week."""

    user_id: int
    audience: str | None
    joined: datetime
    question_id: str
    chosen: int
    correct: bool
    answered_at: datetime


def monday(day: date) -> date:
    """The Monday starting the week of a day."""
    return day - timedelta(days=day.weekday())


def _rate(right: int, total: int) -> dict[str, Any]:
    return {"answers": total, "accuracy": None if total == 0 else round(right / total, 4)}


def discernment(c: Counts) -> dict[str, Any]:
    """Hit rate, false-alarm rate, d′ and its 95% interval, JSON-ready."""
    d, ci = d_prime(c), interval(c)
    return {
        "scams": c.scams, "genuine": c.genuine,
        "hit_rate": None if c.hit_rate is None else round(c.hit_rate, 4),
        "false_alarm_rate": None if c.false_alarm_rate is None else round(c.false_alarm_rate, 4),
        "d_prime": None if d is None else round(d, 3),
        "ci95": None if ci is None else [round(ci[0], 3), round(ci[1], 3)],
    }


class _Cohort:
    """Running totals of one cohort."""

    def __init__(self) -> None:
        self.users: set[int] = set()
        self.first = [0, 0]
        self.later = [0, 0]
        self.weeks: dict[int, list[tuple[str, str]]] = defaultdict(list)

    def report(self, audience: str, week: date) -> dict[str, Any]:
        pairs = [p for ps in self.weeks.values() for p in ps]
        return {
            "audience": audience, "joined_week": week.isoformat(), "users": len(self.users),
            "first_attempt": _rate(*self.first), "later_attempts": _rate(*self.later),
            "discernment": discernment(tally(pairs)),
            "by_week": [{"week": w, **discernment(tally(self.weeks[w]))}
                        for w in sorted(self.weeks) if w < WEEKS_SHOWN],
        }


def cohort_report(rows: Iterable[AnswerRow],
                  verdicts: Mapping[str, str]) -> list[dict[str, Any]]:
    """Per (audience, week joined): accuracy on first vs later attempts, d′ per week.

    `verdicts` maps each scam-or-genuine question id to "scam" or "genuine"; answers on other
    questions count for accuracy only.
    """
    cohorts: dict[tuple[str, date], _Cohort] = defaultdict(_Cohort)
    attempted: set[tuple[int, str]] = set()
    for r in sorted(rows, key=lambda r: (r.answered_at, r.user_id)):
        key = (r.audience or "unknown", monday(r.joined.date()))
        cohort = cohorts[key]
        cohort.users.add(r.user_id)
        tally_of = cohort.later if (r.user_id, r.question_id) in attempted else cohort.first
        attempted.add((r.user_id, r.question_id))
        tally_of[0] += int(r.correct)
        tally_of[1] += 1
        verdict = verdicts.get(r.question_id)
        if verdict is not None and 0 <= r.chosen < len(RESPONSES):
            week = max(0, (r.answered_at - r.joined).days // 7)
            cohort.weeks[week].append((verdict, RESPONSES[r.chosen]))
    return [cohorts[k].report(*k) for k in sorted(cohorts)]
