"""What every use case receives: the actor, their stored record, the store and the content."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from bot.core.content import Bank
from bot.core.events import Actor
from bot.core.locales import locale_for
from bot.core.ports import Members, Reader, Store
from bot.core.progress import Scheduler
from bot.core.records import UserRecord
from bot.core.reports import ReportDesk
from bot.core.scamcheck import Checker
from bot.core.schedule import QuietHours


@dataclass(frozen=True)
class Defaults:
    """Settings that shape use cases."""

    language: str = "zh-Hans"
    timezone: str = "Asia/Shanghai"
    round_length: int = 5
    round_lengths: tuple[int, ...] = (3, 5, 10)
    admin_ids: frozenset[int] = frozenset()
    quiet: QuietHours = field(default_factory=QuietHours)


@dataclass
class Ctx:
    """One update's context."""

    actor: Actor
    user: UserRecord
    store: Store
    bank: Bank
    defaults: Defaults
    rng: random.Random
    is_new: bool = False
    checker: Checker | None = None  # the scam checker, built once at start
    reader: Reader | None = None  # reads the text in a picture (OCR), from the adapter layer
    members: Members | None = None  # asks Telegram who administers a group
    desk: ReportDesk | None = None  # recent checks and the reporter hash (opt-in reports)
    forgotten: bool = False  # set by /forget: the user's row must not be saved back
    scheduler: Scheduler | None = None  # spaced repetition (FSRS), built once at start

    @property
    def locale(self) -> str:
        """The user's language."""
        return self.user.language

    def memory(self) -> Scheduler:
        """The spaced-repetition scheduler (every composition passes one)."""
        if self.scheduler is None:
            raise RuntimeError("no scheduler wired")
        return self.scheduler

    def today(self) -> date:
        """The user's local date."""
        return self.actor.now.astimezone(ZoneInfo(self.user.timezone)).date()


__all__ = ["Ctx", "Defaults", "locale_for"]  # locale_for: bot/core/locales.py
