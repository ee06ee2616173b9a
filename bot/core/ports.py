"""The ports use cases depend on: a unit of work holding one repository per aggregate.

The storage layer implements them over SQL; tests/fakes.py implements them in memory.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Protocol

from bot.core.contest import ContestRecord, PollRecord, Standing
from bot.core.progress import QuestionStat
from bot.core.records import (
    AnswerRecord,
    LeaderRow,
    RoundRecord,
    SubscriptionRecord,
    UserRecord,
)
from bot.core.reports import ReportRecord
from bot.core.rounds import Answered


class Reader(Protocol):
    """Reads the text in a picture the user sent (downloads it by file id, then OCR)."""

    async def __call__(self, file_id: str) -> str:
        """The text in the picture; "" if none could be read."""


class Members(Protocol):
    """Asks Telegram about a chat's members (getChatMember)."""

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        """Whether the user is the chat's creator or an administrator."""


class Users(Protocol):
    """Users and their settings and totals."""

    async def get(self, user_id: int) -> UserRecord | None:
        """Load a user, holding them until the unit of work ends (one writer per user)."""

    async def save(self, user: UserRecord) -> None:
        """Insert or update a user."""


class Rounds(Protocol):
    """Quiz rounds and their answers."""

    async def active(self, user_id: int) -> RoundRecord | None:
        """The user's unfinished round, if any."""

    async def get(self, round_id: int) -> RoundRecord | None:
        """Load a round with the positions already answered."""

    async def create(self, user_id: int, topic: str | None, question_ids: list[str],
                     now: datetime) -> RoundRecord:
        """Start a round, abandoning any unfinished one."""

    async def record_answer(self, graded: Answered) -> bool:
        """Store a graded answer and the round's new state; False if already answered."""

    async def advance(self, round_id: int, from_position: int) -> bool:
        """Move a round to its next question if it is still at from_position."""

    async def answer_at(self, round_id: int, position: int) -> AnswerRecord | None:
        """The answer given at one position of a round, if any."""

    async def answers_of(self, user_id: int) -> list[AnswerRecord]:
        """Every answer a user has given, oldest first."""


class Progress(Protocol):
    """Per-user, per-question learning state."""

    async def stats(self, user_id: int) -> dict[str, QuestionStat]:
        """The user's stat for every question they have seen."""

    async def stat(self, user_id: int, question_id: str) -> QuestionStat | None:
        """The user's stat for one question, if seen."""

    async def save(self, user_id: int, stat: QuestionStat) -> None:
        """Insert or update one question stat."""


class Boards(Protocol):
    """Weekly and all-time leaderboards, and rank."""

    async def add_week_points(self, user_id: int, week: date, points: int) -> None:
        """Add points to a user's total for the week starting on `week`."""

    async def leaderboard(self, week: date | None, limit: int) -> list[LeaderRow]:
        """Top opted-in users by points in one week, or of all time."""

    async def rank(self, user_id: int, points: int) -> int:
        """A board member's place on the all-time board, in the order `leaderboard` lists."""


class Reminders(Protocol):
    """Tip reminders and which tips each user was sent."""

    async def get(self, user_id: int) -> SubscriptionRecord | None:
        """The user's tip reminder, if subscribed."""

    async def save(self, sub: SubscriptionRecord) -> None:
        """Insert or update a tip reminder."""

    async def delete(self, user_id: int) -> bool:
        """Stop a tip reminder; False if there was none."""

    async def tips_seen(self, user_id: int) -> dict[str, datetime]:
        """When the user was sent each tip."""

    async def mark_tip_seen(self, user_id: int, tip_id: str, now: datetime) -> None:
        """Remember that a tip was sent."""


class Contests(Protocol):
    """Group contests, their polls and votes."""

    async def running(self, chat_id: int) -> ContestRecord | None:
        """The group's contest that has not ended, if any."""

    async def get(self, contest_id: int) -> ContestRecord | None:
        """Load a contest."""

    async def create(self, record: ContestRecord) -> ContestRecord:
        """Store a new contest (its id is assigned)."""

    async def due(self, now: datetime) -> list[int]:
        """Ids of contests whose clock is due."""

    async def move(self, contest_id: int, *, from_position: int, from_status: str,
                   fields: dict[str, Any]) -> bool:
        """Update a contest if it is still where the caller saw it; False if it moved on."""

    async def add_poll(self, poll: PollRecord) -> None:
        """Remember which question a sent poll is."""

    async def poll(self, poll_id: str) -> PollRecord | None:
        """The contest question of a poll, if it is one."""

    async def last_poll(self, contest_id: int) -> PollRecord | None:
        """The poll of the contest's latest question, if one was sent."""

    async def record_vote(self, poll: PollRecord, user_id: int, name: str, correct: bool,
                          points: int, now: datetime) -> bool:
        """Store a vote once per (poll, user); False if it was already counted."""

    async def standings(self, contest_id: int) -> list[Standing]:
        """Points and right answers per voter in one contest."""

    async def group_standings(self, chat_id: int, since: datetime) -> list[Standing]:
        """Points per voter over the group's contests started since a time."""


class Staff(Protocol):
    """What staff do in the bot: broadcasts, figures, the audit trail, check counts."""

    async def create_broadcast(self, fields: dict[str, Any]) -> int:
        """Store a broadcast (admin in the bot); returns its id."""

    async def set_broadcast_status(self, broadcast_id: int, status: str,
                                   only_from: tuple[str, ...], now: datetime) -> bool:
        """Move a broadcast between states; False if it was not in only_from."""

    async def count_recipients(self, audience: str | None, language: str | None) -> int:
        """How many reachable users a broadcast would reach."""

    async def admin_stats(self, now: datetime) -> dict[str, Any]:
        """The figures staff see in /stats."""

    async def record_admin_action(self, admin_id: int, action: str, detail: str | None,
                                  now: datetime) -> None:
        """Add a line to the staff audit trail."""

    async def count_check(self, day: date, kind: str, scam_type: str) -> None:
        """Count one checked message under its verdict (the text is never stored)."""


class Privacy(Protocol):
    """/mydata and /forget over every table that names a user."""

    async def export(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every stored row about a user, per table (JSON-ready values)."""

    async def claim_export(self, user_id: int, now: datetime,
                           cooldown: timedelta) -> datetime | None:
        """Note a /mydata export now, or (within cooldown of the last) when one is allowed."""

    async def forget(self, user_id: int) -> dict[str, int]:
        """Delete every row about a user; the number deleted per table."""


class Reports(Protocol):
    """Opt-in reports, found by the reporter's keyed hash (never by user id)."""

    async def add(self, report: ReportRecord) -> bool:
        """Store a report; False if this reporter already sent the same text."""

    async def by_reporter(self, reporter: str) -> list[ReportRecord]:
        """A reporter's reports, oldest first."""

    async def forget_reporter(self, reporter: str) -> int:
        """Delete a reporter's reports; how many."""

    async def since(self, cutoff: datetime | None) -> list[ReportRecord]:
        """Every report created at or after cutoff (all if None), oldest first."""

    async def delete_before(self, cutoff: datetime) -> int:
        """Delete reports older than cutoff (retention); how many."""


class Store(Protocol):
    """One unit of work: the repositories share it, and nothing is durable until commit."""

    @property
    def users(self) -> Users:
        """Users."""

    @property
    def rounds(self) -> Rounds:
        """Quiz rounds."""

    @property
    def progress(self) -> Progress:
        """Question stats."""

    @property
    def boards(self) -> Boards:
        """Leaderboards."""

    @property
    def reminders(self) -> Reminders:
        """Tip reminders."""

    @property
    def contests(self) -> Contests:
        """Group contests."""

    @property
    def staff(self) -> Staff:
        """Staff actions and figures."""

    @property
    def privacy(self) -> Privacy:
        """Data export and deletion."""

    @property
    def reports(self) -> Reports:
        """Opt-in reports."""

    async def claim_update(self, update_id: int, now: datetime) -> bool:
        """Note an update as handled in this unit of work; False if it already was."""

    async def commit(self) -> None:
        """Make the unit of work's changes durable."""
