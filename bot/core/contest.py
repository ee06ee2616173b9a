"""Group contests: the pure rules (arguments, quiz polls from questions, scoring, standings)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.core.content import SCAM_OR_GENUINE, Question, pick
from bot.core.numbers import ascii_int
from bot.core.progress import points_for
from bot.core.selection import option_order

# Votes cast just before a poll closes may reach us a moment later; they still count.
GRACE = timedelta(seconds=1)
OPEN = ("running", "stopping")
DEFAULT_QUESTIONS, MAX_QUESTIONS = 5, 10
# Telegram allows open_period 5..2,628,000 s; a contest question longer than 10 min is a mistake.
DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS = 30, 5, 600
QUESTION_MAX, OPTION_MAX, OPTIONS_MAX, EXPLANATION_MAX, EXPLANATION_LINES = 300, 100, 12, 200, 2
BOARD_SIZE = 10


@dataclass(frozen=True)
class ContestArgs:
    """What `/contest [N] [topic] [seconds]` asked for, already bounded."""

    count: int = DEFAULT_QUESTIONS
    topic_word: str | None = None
    seconds: int = DEFAULT_SECONDS


def parse_args(args: tuple[str, ...]) -> ContestArgs:
    """The first number is N, the second the seconds per question; any word is the topic."""
    parsed = [(a, ascii_int(a, max_digits=6)) for a in args]
    numbers = [n for _, n in parsed if n is not None]
    words = [a for a, n in parsed if n is None]
    count = numbers[0] if numbers else DEFAULT_QUESTIONS
    seconds = numbers[1] if len(numbers) > 1 else DEFAULT_SECONDS
    return ContestArgs(
        count=min(max(count, 1), MAX_QUESTIONS),
        topic_word=" ".join(words) or None,
        seconds=min(max(seconds, MIN_SECONDS), MAX_SECONDS),
    )


@dataclass(frozen=True)
class QuizPoll:
    """A native quiz poll, texts in one locale, within Telegram's sendPoll limits."""

    question: str
    options: tuple[str, ...]
    correct_option_ids: tuple[int, ...]
    explanation: str
    open_period: int


def short_explanation(text: str) -> str:
    """The explanation cut to 200 characters and 2 line feeds, as a quiz poll allows."""
    lines = text.strip().split("\n")
    text = "\n".join(lines[: EXPLANATION_LINES + 1])
    return text if len(text) <= EXPLANATION_MAX else text[: EXPLANATION_MAX - 1] + "…"


def fits_poll(q: Question, locale: str) -> bool:
    """Whether a question can be sent as a quiz poll in a locale (question and options)."""
    if q.kind == SCAM_OR_GENUINE:
        return False  # the message needs its quote block and the 拿不准 answer: private quiz only
    options = [pick(o.text, locale).strip() for o in q.options]
    return (0 < len(pick(q.question, locale).strip()) <= QUESTION_MAX
            and 1 <= len(options) <= OPTIONS_MAX
            and all(0 < len(o) <= OPTION_MAX for o in options)
            and any(o.correct for o in q.options))


def poll_order(q: Question, contest_id: int, position: int) -> list[int]:
    """The content option behind each poll option, the same after a restart."""
    return option_order(q, f"contest:{contest_id}:{position}")


def quiz_poll(q: Question, locale: str, seconds: int, order: list[int] | None = None) -> QuizPoll:
    """The quiz poll for a question, options in `order` (content order if None)."""
    order = list(range(len(q.options))) if order is None else order
    return QuizPoll(
        question=pick(q.question, locale).strip(),
        options=tuple(pick(q.options[o].text, locale).strip() for o in order),
        correct_option_ids=tuple(i for i, o in enumerate(order) if q.options[o].correct),
        explanation=short_explanation(pick(q.explanation, locale)),
        open_period=seconds,
    )


def choose_questions(pool: list[Question], count: int, locale: str,
                     rng: random.Random) -> list[str]:
    """Up to `count` question ids that fit a poll, easiest first, in a random draw."""
    fitting = [q for q in pool if fits_poll(q, locale)]
    drawn = rng.sample(fitting, min(count, len(fitting)))
    return [q.id for q in sorted(drawn, key=lambda q: q.difficulty)]


def score(q: Question, option_ids: tuple[int, ...],
          order: list[int] | None = None) -> tuple[bool, int]:
    """Whether a vote (poll option ids, shown in `order`) is right and its points (10 per star)."""
    order = list(range(len(q.options))) if order is None else order
    if any(not 0 <= i < len(order) for i in option_ids):
        return False, 0
    correct = {order[i] for i in option_ids} == {i for i, o in enumerate(q.options) if o.correct}
    return correct, points_for(correct, q.difficulty)


@dataclass(frozen=True)
class Standing:
    """One line of a contest or weekly board."""

    user_id: int
    name: str
    points: int
    correct: int


def ranked(rows: list[Standing], limit: int = BOARD_SIZE) -> list[dict[str, object]]:
    """Board lines with shared ranks for equal points, best first."""
    ordered = sorted(rows, key=lambda r: (-r.points, -r.correct, r.name, r.user_id))
    out: list[dict[str, object]] = []
    for i, r in enumerate(ordered[:limit]):
        same = i > 0 and r.points == ordered[i - 1].points
        rank = out[-1]["rank"] if same else i + 1
        out.append({"rank": rank, "name": r.name, "points": r.points, "correct": r.correct})
    return out


def is_open(closes_at: datetime | None, now: datetime) -> bool:
    """Whether a question still takes votes (Telegram closes the poll at closes_at)."""
    return closes_at is not None and now < closes_at


@dataclass(frozen=True)
class ContestRecord:
    """A stored contest and where it stands."""

    id: int
    chat_id: int
    started_by: int
    locale: str
    topic: str | None
    question_ids: tuple[str, ...]
    seconds: int
    position: int
    status: str
    next_at: datetime
    started_at: datetime

    @property
    def finished(self) -> bool:
        """Whether every question has been asked."""
        return self.position + 1 >= len(self.question_ids)


@dataclass(frozen=True)
class PollRecord:
    """Which contest question a sent poll is."""

    poll_id: str
    contest_id: int
    position: int
    message_id: int
    closes_at: datetime


@dataclass(frozen=True)
class Ask:
    """The clock's next step: ask the question at `position`; it closes at `closes_at`."""

    contest: ContestRecord  # as it stands once the question is asked
    position: int
    closes_at: datetime


@dataclass(frozen=True)
class Close:
    """The clock's next step: end the contest (every question asked, or an admin stopped it)."""

    contest: ContestRecord  # as it stands once closed
    stopped: bool


def step(contest: ContestRecord, now: datetime) -> Ask | Close | None:
    """What a due contest does next; None if it is not due or already over."""
    if contest.status not in OPEN or contest.next_at > now:
        return None
    if contest.status == "stopping" or contest.finished:
        stopped = contest.status == "stopping"
        return Close(replace(contest, status="stopped" if stopped else "finished"), stopped)
    closes = now + timedelta(seconds=contest.seconds)
    nxt = contest.position + 1
    return Ask(replace(contest, position=nxt, next_at=closes + GRACE), nxt, closes)


def skip(contest: ContestRecord, now: datetime) -> ContestRecord:
    """A question withdrawn since the contest started: move straight on at the next tick."""
    return replace(contest, next_at=now)


def stop(contest: ContestRecord, now: datetime) -> ContestRecord | None:
    """An admin's /stopcontest: the clock closes it at once; None if it isn't running."""
    if contest.status != "running":
        return None
    return replace(contest, status="stopping", next_at=now)


def results_poll_to_close(stopped: bool, last: PollRecord | None, now: datetime) -> int | None:
    """The message id of a poll to stop with the results, if one is still open.

    stopPoll on a poll Telegram already closed is a 400, so one about to close is left alone.
    """
    if not stopped or last is None or not is_open(last.closes_at - GRACE, now):
        return None
    return last.message_id
