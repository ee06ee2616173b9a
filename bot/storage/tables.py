"""SQLModel tables; Alembic migrations own the schema they describe."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    """A bot user: settings and totals, no Telegram name."""

    __tablename__ = "users"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    language: str = Field(max_length=8)
    timezone: str = Field(max_length=40)
    audience: str | None = Field(default=None, max_length=16)
    round_length: int = 5
    leaderboard: bool = False
    display_name: str | None = Field(default=None, max_length=64)
    points: int = Field(default=0, index=True)
    rounds: int = 0
    streak: int = 0
    best_streak: int = 0
    last_round_day: date | None = None
    created_at: datetime
    last_seen: datetime


class Round(SQLModel, table=True):
    """A quiz round."""

    __tablename__ = "rounds"
    __table_args__ = (
        Index("ix_rounds_user_status", "user_id", "status"),
        Index("ix_rounds_started_at", "started_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    topic: str | None = Field(default=None, max_length=40)
    question_ids: str = Field(max_length=2000)
    position: int = 0
    correct: int = 0
    points: int = 0
    status: str = Field(default="active", max_length=10)
    started_at: datetime
    finished_at: datetime | None = None


class Answer(SQLModel, table=True):
    """One answer; the unique key makes each position count once."""

    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("round_id", "position", name="uq_answers_round_position"),
        Index("ix_answers_user", "user_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="rounds.id")
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    position: int
    question_id: str = Field(max_length=64)
    scam_type: str = Field(max_length=40)
    chosen: int
    correct: bool
    points: int
    answered_at: datetime


class QuestionProgress(SQLModel, table=True):
    """A user's history with one question (spaced repetition state)."""

    __tablename__ = "question_progress"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    question_id: str = Field(primary_key=True, max_length=64)
    seen: int = 0
    correct: int = 0
    last_correct: bool = False
    last_seen: datetime | None = None
    box: int = 0
    due_at: datetime | None = Field(default=None, index=True)


class ContentItem(SQLModel, table=True):
    """A content item kept in the database (import/export, or CONTENT_SOURCE=database)."""

    __tablename__ = "content_items"
    __table_args__ = (UniqueConstraint("kind", "item_id", name="uq_content_kind_item"),)

    seq: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    item_id: str = Field(max_length=80)
    file: str = Field(max_length=200)
    status: str = Field(max_length=10)
    data: str  # the item as JSON text, key order kept, so export is byte-identical
    updated_at: datetime
