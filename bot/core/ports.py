"""The storage port the use cases depend on; the storage layer implements it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol

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


class Store(Protocol):
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

    async def forget_user(self, user_id: int) -> dict[str, int]:
        """Delete every row about a user; the number deleted per table."""

    async def claim_update(self, update_id: int, now: datetime) -> bool:
        """Note an update as handled in this unit of work; False if it already was."""

    async def record_admin_action(self, admin_id: int, action: str, detail: str | None,
                                  now: datetime) -> None:
        """Add a line to the staff audit trail."""

    async def commit(self) -> None:
        """Make the unit of work's changes durable."""
