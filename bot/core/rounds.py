"""Quiz round rules: answering, advancing and finishing, as pure functions over frozen values.

A use case loads what a press needs (the user, the round, one question's stat), asks these rules
what changes, and writes the result back once. Time and the user's local day are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum

from bot.core.content import Question
from bot.core.progress import (
    QuestionStat,
    Scheduler,
    Streak,
    after_answer,
    points_for,
    round_bonus,
)
from bot.core.records import AnswerRecord, RoundRecord, UserRecord
from bot.core.selection import option_order


class Refusal(Enum):
    """Why a press changes nothing."""

    EXPIRED = "expired"  # not this user's round, not its current question, or a forged press
    ALREADY_ANSWERED = "already_answered"  # a double tap on the same question


@dataclass(frozen=True)
class Answered:
    """Everything one graded answer changes, to be written in one unit of work."""

    round: RoundRecord
    user: UserRecord
    answer: AnswerRecord
    stat: QuestionStat
    bonus: int = 0  # the perfect-round bonus, when this answer finished the round

    @property
    def finished(self) -> bool:
        """Whether this answer finished the round."""
        return self.round.status == "finished"

    @property
    def week_points(self) -> int:
        """Points this answer adds to the weekly board."""
        return self.answer.points + self.bonus


def options_shown(rnd: RoundRecord, question: Question, position: int) -> list[int]:
    """The content option index behind each button, stable for one round and position."""
    return option_order(question, f"{rnd.id}:{position}")


def check_press(rnd: RoundRecord | None, user_id: int, position: int) -> Refusal | None:
    """Whether a press on `position` of this round may act (None) or why not."""
    if rnd is None or rnd.user_id != user_id or rnd.status != "active":
        return Refusal.EXPIRED
    if position != rnd.position:
        return Refusal.EXPIRED
    return None


def answer(rnd: RoundRecord, user: UserRecord, question: Question | None, position: int,
           shown: int, stat: QuestionStat | None, now: datetime,
           today: date, scheduler: Scheduler) -> Answered | Refusal:
    """Grade the option at button `shown` for the question at `position`."""
    refused = check_press(rnd, user.id, position)
    if refused is not None:
        return refused
    if position in rnd.answered:
        return Refusal.ALREADY_ANSWERED
    if question is None or question.id != rnd.current:
        return Refusal.EXPIRED
    order = options_shown(rnd, question, position)
    if not 0 <= shown < len(order):
        return Refusal.EXPIRED
    chosen = order[shown]
    correct = chosen == question.correct_index
    pts = points_for(correct, question.difficulty)
    record = AnswerRecord(rnd.id, user.id, position, question.id, question.scam_type, chosen,
                          correct, pts, now)
    new_stat = after_answer(stat or QuestionStat(question.id), correct, now, scheduler)
    rnd = replace(rnd, answered=(*rnd.answered, position), correct=rnd.correct + int(correct),
                  points=rnd.points + pts)
    user = replace(user, points=user.points + pts)
    if not rnd.is_last:
        return Answered(rnd, user, record, new_stat)
    rnd, user, bonus = finish(rnd, user, now, today)
    return Answered(rnd, user, record, new_stat, bonus)


def finish(rnd: RoundRecord, user: UserRecord, now: datetime,
           today: date) -> tuple[RoundRecord, UserRecord, int]:
    """Close a round: its bonus, the user's round count, points and streak."""
    bonus = round_bonus(rnd.correct, len(rnd.question_ids))
    rnd = replace(rnd, status="finished", finished_at=now, points=rnd.points + bonus)
    streak = Streak(user.streak, user.best_streak, user.last_round_day).on(today)
    user = replace(user, points=user.points + bonus, rounds=user.rounds + 1,
                   streak=streak.current, best_streak=streak.best, last_round_day=streak.last_day)
    return rnd, user, bonus


def advance(rnd: RoundRecord | None, user_id: int, position: int) -> RoundRecord | Refusal:
    """Move on from an answered question at `position` to the next one."""
    refused = check_press(rnd, user_id, position)
    if refused is not None or rnd is None:
        return refused or Refusal.EXPIRED
    if position not in rnd.answered or rnd.is_last:
        return Refusal.EXPIRED
    return replace(rnd, position=position + 1)


def summary_of(rnd: RoundRecord | None, user_id: int) -> RoundRecord | Refusal:
    """The round whose results may be shown: the user's own, finished."""
    if rnd is None or rnd.user_id != user_id or rnd.status != "finished":
        return Refusal.EXPIRED
    return rnd
