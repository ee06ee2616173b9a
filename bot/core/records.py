"""Plain records of stored state that use cases read and write through the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class UserRecord:
    """A bot user and their settings; no Telegram name is kept."""

    id: int
    chat_id: int
    language: str
    timezone: str
    audience: str | None = None
    round_length: int = 5
    leaderboard: bool = False
    display_name: str | None = None
    points: int = 0
    rounds: int = 0
    streak: int = 0
    best_streak: int = 0
    last_round_day: date | None = None
    created_at: datetime | None = None
    last_seen: datetime | None = None
    blocked: bool = False


@dataclass(frozen=True)
class RoundRecord:
    """One quiz round and where the user is in it."""

    id: int
    user_id: int
    topic: str | None
    question_ids: tuple[str, ...]
    position: int = 0
    correct: int = 0
    points: int = 0
    status: str = "active"
    started_at: datetime | None = None
    finished_at: datetime | None = None
    answered: tuple[int, ...] = ()  # positions already answered

    @property
    def current(self) -> str:
        """The id of the question at the current position."""
        return self.question_ids[self.position]

    @property
    def is_last(self) -> bool:
        """Say whether the current question is the round's last."""
        return self.position >= len(self.question_ids) - 1


@dataclass(frozen=True)
class AnswerRecord:
    """One answer given in a round."""

    round_id: int
    user_id: int
    position: int
    question_id: str
    scam_type: str
    chosen: int
    correct: bool
    points: int
    answered_at: datetime


@dataclass(frozen=True)
class LeaderRow:
    """A leaderboard line: only opted-in users, under their chosen or anonymous name."""

    user_id: int
    display_name: str | None
    points: int


@dataclass(frozen=True)
class SubscriptionRecord:
    """A user's tip reminder schedule."""

    user_id: int
    frequency: str
    minute: int
    next_due_at: datetime
    weekday: int | None = None
    created_at: datetime | None = None
    booster: bool = False  # also offer one question on a technique not yet practised
