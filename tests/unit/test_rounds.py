"""The pure round and contest rules, called directly on frozen values (no store, no clock)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from bot.core import contest as contests
from bot.core import rounds
from bot.core.contest import ContestRecord, PollRecord
from bot.core.records import RoundRecord, UserRecord
from bot.core.rounds import Answered, Refusal
from bot.learning.memory import FsrsScheduler
from tests.conftest import make_question

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
TODAY = date(2026, 12, 1)
Q = {q: make_question(q, "t", correct=1, difficulty=2) for q in ("q1", "q2")}
USER = UserRecord(7, 7, "zh-Hans", "Asia/Shanghai", points=100, streak=3, best_streak=3,
                  last_round_day=TODAY - timedelta(days=1))
ROUND = RoundRecord(1, 7, None, ("q1", "q2"))
FSRS = FsrsScheduler()


def right_button(rnd: RoundRecord, position: int) -> int:
    """The button showing the right option of the question at `position`."""
    q = Q[rnd.question_ids[position]]
    return rounds.options_shown(rnd, q, position).index(q.correct_index)


def grade(rnd: RoundRecord, position: int, shown: int, user: UserRecord = USER
          ) -> Answered | Refusal:
    return rounds.answer(rnd, user, Q.get(rnd.current), position, shown, None, NOW, TODAY,
                         FSRS)


def test_a_right_answer_scores_ten_per_star_and_updates_the_stat() -> None:
    got = grade(ROUND, 0, right_button(ROUND, 0))
    assert isinstance(got, Answered)
    assert (got.answer.correct, got.answer.points, got.week_points) == (True, 20, 20)
    assert (got.round.answered, got.round.correct, got.round.points) == ((0,), 1, 20)
    assert got.user.points == 120 and got.stat.seen == 1 and got.stat.last_correct
    assert not got.finished and ROUND.answered == ()  # the input is untouched


def test_a_wrong_answer_scores_nothing_and_comes_back_for_review() -> None:
    got = grade(ROUND, 0, (right_button(ROUND, 0) + 1) % 3)
    assert isinstance(got, Answered)
    assert (got.answer.correct, got.answer.points, got.user.points) == (False, 0, 100)
    assert got.stat.due_at == NOW + timedelta(days=1)


def test_a_double_tap_a_stale_or_foreign_press_is_refused() -> None:
    answered = replace(ROUND, answered=(0,))
    assert grade(answered, 0, 0) is Refusal.ALREADY_ANSWERED
    assert grade(ROUND, 1, 0) is Refusal.EXPIRED  # not the current question
    assert grade(replace(ROUND, user_id=8), 0, 0) is Refusal.EXPIRED
    assert grade(replace(ROUND, status="abandoned"), 0, 0) is Refusal.EXPIRED
    assert grade(ROUND, 0, 3) is Refusal.EXPIRED  # only three buttons
    assert rounds.answer(ROUND, USER, None, 0, 0, None, NOW, TODAY, FSRS) is Refusal.EXPIRED


def test_the_last_answer_finishes_the_round_with_bonus_and_streak() -> None:
    last = replace(ROUND, position=1, answered=(0,), correct=1, points=20)
    got = grade(last, 1, right_button(last, 1))
    assert isinstance(got, Answered) and got.finished
    assert (got.bonus, got.week_points, got.round.points) == (10, 30, 50)
    assert got.round.finished_at == NOW
    assert (got.user.points, got.user.rounds, got.user.streak) == (130, 1, 4)
    assert got.user.last_round_day == TODAY


def test_an_imperfect_round_gets_no_bonus_and_a_gap_restarts_the_streak() -> None:
    last = replace(ROUND, position=1, answered=(0,), correct=0)
    lapsed = replace(USER, last_round_day=TODAY - timedelta(days=3))
    got = grade(last, 1, right_button(last, 1), lapsed)
    assert isinstance(got, Answered)
    assert (got.bonus, got.user.streak, got.user.best_streak) == (0, 1, 3)


def test_advance_only_from_an_answered_question_that_is_not_the_last() -> None:
    answered = replace(ROUND, answered=(0,))
    moved = rounds.advance(answered, 7, 0)
    assert isinstance(moved, RoundRecord) and moved.position == 1
    assert rounds.advance(ROUND, 7, 0) is Refusal.EXPIRED  # not answered yet
    assert rounds.advance(answered, 8, 0) is Refusal.EXPIRED
    assert rounds.advance(moved, 7, 0) is Refusal.EXPIRED  # moved on already
    assert rounds.advance(replace(moved, answered=(0, 1)), 7, 1) is Refusal.EXPIRED  # the last
    assert rounds.advance(None, 7, 0) is Refusal.EXPIRED


def test_only_the_owner_sees_a_finished_round_summary() -> None:
    done = replace(ROUND, status="finished")
    assert rounds.summary_of(done, 7) == done
    assert rounds.summary_of(done, 8) is Refusal.EXPIRED
    assert rounds.summary_of(ROUND, 7) is Refusal.EXPIRED
    assert rounds.summary_of(None, 7) is Refusal.EXPIRED


CONTEST = ContestRecord(3, -100, 1, "zh-Hans", None, ("q1", "q2"), 30, -1, "running",
                        next_at=NOW, started_at=NOW)


def test_a_due_contest_asks_its_next_question_and_waits_for_it_to_close() -> None:
    step = contests.step(CONTEST, NOW)
    assert isinstance(step, contests.Ask)
    assert (step.position, step.closes_at) == (0, NOW + timedelta(seconds=30))
    assert step.contest.next_at == step.closes_at + contests.GRACE
    assert contests.step(step.contest, NOW + timedelta(seconds=30)) is None  # grace second


def test_a_contest_closes_after_its_last_question_or_when_stopped() -> None:
    last = replace(CONTEST, position=1)
    done = contests.step(last, NOW)
    assert isinstance(done, contests.Close) and not done.stopped
    assert done.contest.status == "finished"
    stopping = contests.stop(CONTEST, NOW)
    assert stopping is not None and stopping.status == "stopping"
    stopped = contests.step(stopping, NOW)
    assert isinstance(stopped, contests.Close) and stopped.stopped
    assert stopped.contest.status == "stopped"
    assert contests.stop(stopping, NOW) is None  # stopping twice does nothing
    assert contests.step(stopped.contest, NOW) is None  # over


def test_a_stopped_contest_closes_its_poll_unless_telegram_is_about_to() -> None:
    poll = PollRecord("p", 3, 0, 55, NOW + timedelta(seconds=10))
    assert contests.results_poll_to_close(True, poll, NOW) == 55
    assert contests.results_poll_to_close(True, poll, NOW + timedelta(seconds=9.5)) is None
    assert contests.results_poll_to_close(False, poll, NOW) is None
    assert contests.results_poll_to_close(True, None, NOW) is None
