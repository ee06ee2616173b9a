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
    blocked: bool = False  # set on a 403; cleared when the user writes again
    rounds: int = 0
    streak: int = 0
    best_streak: int = 0
    last_round_day: date | None = None
    created_at: datetime
    last_seen: datetime
    region: str | None = Field(default=None, max_length=8)  # help lines; None: by language
    exported_at: datetime | None = None  # the last /mydata, for its cooldown


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


class WeeklyPoints(SQLModel, table=True):
    """Points per user per week, so the weekly board reads ten index rows, not every round."""

    __tablename__ = "weekly_points"
    __table_args__ = (Index("ix_weekly_points_week_points", "week", "points"),
                      Index("ix_weekly_points_user", "user_id"))  # /mydata, /forget

    week: date = Field(primary_key=True)  # the Monday starting the week (DEFAULT_TIMEZONE)
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    points: int = 0


class CheckCount(SQLModel, table=True):
    """How many messages were checked per day and verdict; never the text (privacy)."""

    __tablename__ = "check_counts"

    day: date = Field(primary_key=True)  # UTC
    kind: str = Field(primary_key=True, max_length=12)  # scam | unsure | benign | greeting...
    scam_type: str = Field(primary_key=True, max_length=40)  # a scam type id or "none"
    count: int = 0


class QuestionProgress(SQLModel, table=True):
    """A user's history with one question (spaced repetition state)."""

    __tablename__ = "question_progress"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    question_id: str = Field(primary_key=True, max_length=64)
    seen: int = 0
    correct: int = 0
    last_correct: bool = False
    last_seen: datetime | None = None
    due_at: datetime | None = Field(default=None, index=True)
    # FSRS card (bot.learning.memory): state 0 new, 1 learning, 2 review, 3 relearning.
    state: int = 0
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None


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


class Subscription(SQLModel, table=True):
    """A user's tip reminder; next_due_at is indexed so due rows are found without a scan."""

    __tablename__ = "subscriptions"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    frequency: str = Field(max_length=8)
    minute: int
    weekday: int | None = None
    next_due_at: datetime = Field(index=True)
    created_at: datetime
    booster: bool = False  # also send one question on a technique not yet practised


class TipSeen(SQLModel, table=True):
    """Which tips a user has been sent, so unseen ones come first."""

    __tablename__ = "tips_seen"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    tip_id: str = Field(primary_key=True, max_length=64)
    seen_at: datetime


class Broadcast(SQLModel, table=True):
    """A message from anti-fraud staff to everyone or one audience."""

    __tablename__ = "broadcasts"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=8)  # text | tip
    tip_id: str | None = Field(default=None, max_length=64)
    text: str | None = None
    audience: str | None = Field(default=None, max_length=16)
    language: str | None = Field(default=None, max_length=8)
    scheduled_at: datetime = Field(index=True)
    status: str = Field(default="scheduled", max_length=12)
    created_by: str = Field(max_length=64, index=True)  # /mydata, /forget
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    total: int = 0


class Delivery(SQLModel, table=True):
    """The delivery ledger: one row per (job, user), so nothing is sent twice."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("job_kind", "job_key", "user_id", name="uq_deliveries_job_user"),
        Index("ix_deliveries_job_status", "job_kind", "job_key", "status"),
        Index("ix_deliveries_status_id", "status", "id"),
        Index("ix_deliveries_user", "user_id"),  # /mydata, /forget
    )

    id: int | None = Field(default=None, primary_key=True)
    job_kind: str = Field(max_length=10)  # broadcast | reminder
    job_key: str = Field(max_length=40)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(default="pending", max_length=12)
    payload: str | None = Field(default=None, max_length=64)
    attempts: int = 0
    error: str | None = Field(default=None, max_length=200)
    claimed_by: str | None = Field(default=None, max_length=40)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    created_at: datetime


class Contest(SQLModel, table=True):
    """A quiz contest in a group: native quiz polls, one after another (issue 7)."""

    __tablename__ = "contests"
    __table_args__ = (
        Index("ix_contests_chat_status", "chat_id", "status"),
        Index("ix_contests_status_next_at", "status", "next_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    started_by: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    locale: str = Field(max_length=8)
    topic: str | None = Field(default=None, max_length=40)
    question_ids: str = Field(max_length=2000)
    seconds: int
    position: int = -1  # the question on show; -1 before the first
    status: str = Field(default="running", max_length=10)  # running|stopping|finished|stopped
    next_at: datetime  # when the clock next acts: the next question or the results
    started_at: datetime
    finished_at: datetime | None = None


class ContestPoll(SQLModel, table=True):
    """A quiz poll sent for a contest question: poll_answer updates name only the poll id."""

    __tablename__ = "contest_polls"

    poll_id: str = Field(primary_key=True, max_length=64)
    contest_id: int = Field(foreign_key="contests.id", index=True)
    position: int
    message_id: int
    closes_at: datetime


class ContestAnswer(SQLModel, table=True):
    """One vote; the primary key makes each (poll, user) count once."""

    __tablename__ = "contest_answers"
    __table_args__ = (Index("ix_contest_answers_contest", "contest_id"),
                      Index("ix_contest_answers_user", "user_id"))  # /mydata, /forget

    poll_id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    contest_id: int = Field(foreign_key="contests.id")
    name: str = Field(max_length=64)  # the voter's Telegram first name, shown on the group board
    correct: bool
    points: int
    answered_at: datetime


class Lease(SQLModel, table=True):
    """A named role one worker holds until expires_at unless it renews (the scheduler)."""

    __tablename__ = "leases"

    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(max_length=64)
    expires_at: datetime
    acquired_at: datetime


class ProcessedUpdate(SQLModel, table=True):
    """An update id already handled, written in the same unit of work as its effects, so an
    update delivered twice (a retried getUpdates, a restart after a crash) acts once."""

    __tablename__ = "processed_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    handled_at: datetime = Field(index=True)  # pruned by age (bot/storage/audit_store.py)


class AdminAction(SQLModel, table=True):
    """The audit trail of staff actions in the bot: who did what, when."""

    __tablename__ = "admin_actions"

    id: int | None = Field(default=None, primary_key=True)
    admin_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    action: str = Field(max_length=40)
    detail: str | None = Field(default=None, max_length=200)
    at: datetime = Field(index=True)


class Report(SQLModel, table=True):
    """A redacted message a user chose to submit; the reporter only as a keyed hash."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("reporter", "fingerprint", name="uq_reports_reporter_fp"),)

    id: int | None = Field(default=None, primary_key=True)
    reporter: str = Field(max_length=64, index=True)
    text: str = Field(max_length=4096)
    fingerprint: str = Field(max_length=32, index=True)
    kind: str = Field(max_length=10)
    scam_type: str = Field(max_length=40)
    confidence: float
    source: str = Field(max_length=8)
    language: str = Field(max_length=8)
    created_at: datetime = Field(index=True)
