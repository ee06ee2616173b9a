"""The storage port the use cases depend on; the storage layer implements it."""

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


class Reader(Protocol):
    """Reads the text in a picture the user sent (downloads it by file id, then OCR)."""

    async def __call__(self, file_id: str) -> str:
        """The text in the picture; "" if none could be read."""


class Members(Protocol):
    """Asks Telegram about a chat's members (getChatMember)."""

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        """Whether the user is the chat's creator or an administrator."""


class ContestStore(Protocol):
    """Contests, their polls and votes (part of the Store's unit of work)."""

    async def running_contest(self, chat_id: int) -> ContestRecord | None:
        """The group's contest that has not ended, if any."""

    async def get_contest(self, contest_id: int) -> ContestRecord | None:
        """Load a contest."""

    async def create_contest(self, record: ContestRecord) -> ContestRecord:
        """Store a new contest (its id is assigned)."""

    async def due_contests(self, now: datetime) -> list[int]:
        """Ids of contests whose clock is due."""

    async def move_contest(self, contest_id: int, *, from_position: int, from_status: str,
                           fields: dict[str, Any]) -> bool:
        """Update a contest if it is still where the caller saw it; False if it moved on."""

    async def add_contest_poll(self, poll: PollRecord) -> None:
        """Remember which question a sent poll is."""

    async def contest_poll(self, poll_id: str) -> PollRecord | None:
        """The contest question of a poll, if it is one."""

    async def last_contest_poll(self, contest_id: int) -> PollRecord | None:
        """The poll of the contest's latest question, if one was sent."""

    async def record_vote(self, poll: PollRecord, user_id: int, name: str, correct: bool,
                          points: int, now: datetime) -> bool:
        """Store a vote once per (poll, user); False if it was already counted."""

    async def contest_standings(self, contest_id: int) -> list[Standing]:
        """Points and right answers per voter in one contest."""

    async def group_standings(self, chat_id: int, since: datetime) -> list[Standing]:
        """Points per voter over the group's contests started since a time."""


class Store(ContestStore, Protocol):
    """One unit of work over users, rounds and progress; commit ends it."""

    async def get_user(self, user_id: int) -> UserRecord | None:
        """Load a user."""

    async def save_user(self, user: UserRecord) -> None:
        """Insert or update a user."""

    async def active_round(self, user_id: int) -> RoundRecord | None:
        """The user's unfinished round, if any."""

    async def get_round(self, round_id: int) -> RoundRecord | None:
        """Load a round with the positions already answered."""

    async def create_round(self, user_id: int, topic: str | None, question_ids: list[str],
                           now: datetime) -> RoundRecord:
        """Start a round, abandoning any unfinished one."""

    async def record_answer(self, answer: AnswerRecord) -> bool:
        """Store an answer once; False if that position was already answered."""

    async def advance_round(self, round_id: int, from_position: int) -> bool:
        """Move a round to its next question if it is still at from_position."""

    async def finish_round(self, round_id: int, now: datetime, bonus: int = 0) -> bool:
        """Mark a round finished, adding its bonus; False if it already was."""

    async def round_answers(self, round_id: int) -> list[AnswerRecord]:
        """All answers of a round."""

    async def question_stats(self, user_id: int) -> dict[str, QuestionStat]:
        """The user's stat for every question they have seen."""

    async def save_stat(self, user_id: int, stat: QuestionStat) -> None:
        """Insert or update one question stat."""

    async def add_week_points(self, user_id: int, week: date, points: int) -> None:
        """Add points to a user's total for the week starting on `week`."""

    async def count_check(self, day: date, kind: str, scam_type: str) -> None:
        """Count one checked message under its verdict (the text is never stored)."""

    async def leaderboard(self, week: date | None, limit: int) -> list[LeaderRow]:
        """Top opted-in users by points in one week, or of all time."""

    async def rank(self, points: int) -> int:
        """1 + the number of users with more points."""

    async def get_subscription(self, user_id: int) -> SubscriptionRecord | None:
        """The user's tip reminder, if subscribed."""

    async def save_subscription(self, sub: SubscriptionRecord) -> None:
        """Insert or update a tip reminder."""

    async def delete_subscription(self, user_id: int) -> bool:
        """Stop a tip reminder; False if there was none."""

    async def tips_seen(self, user_id: int) -> dict[str, datetime]:
        """When the user was sent each tip."""

    async def mark_tip_seen(self, user_id: int, tip_id: str, now: datetime) -> None:
        """Remember that a tip was sent."""

    async def create_broadcast(self, fields: dict[str, Any]) -> int:
        """Store a broadcast (admin in the bot); returns its id."""

    async def set_broadcast_status(self, broadcast_id: int, status: str,
                                   only_from: tuple[str, ...], now: datetime) -> bool:
        """Move a broadcast between states; False if it was not in only_from."""

    async def count_recipients(self, audience: str | None, language: str | None) -> int:
        """How many reachable users a broadcast would reach."""

    async def admin_stats(self, now: datetime) -> dict[str, Any]:
        """The figures staff see in /stats."""

    async def export_user(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every stored row about a user, per table (JSON-ready values)."""

    async def claim_export(self, user_id: int, now: datetime,
                           cooldown: timedelta) -> datetime | None:
        """Note a /mydata export now, or (within cooldown of the last) when one is allowed."""

    async def forget_user(self, user_id: int) -> dict[str, int]:
        """Delete every row about a user; the number deleted per table."""

    async def claim_update(self, update_id: int, now: datetime) -> bool:
        """Note an update as handled in this unit of work; False if it already was."""

    async def record_admin_action(self, admin_id: int, action: str, detail: str | None,
                                  now: datetime) -> None:
        """Add a line to the staff audit trail."""

    async def commit(self) -> None:
        """Make the unit of work's changes durable."""
