"""Report buttons: each worker numbers them from its own start, so a press that lands on another
worker than the one that checked the message never finds a different waiting message."""

from __future__ import annotations

import random
from pathlib import Path

from bot.app import report_desk
from bot.config import Settings
from bot.core.reports import RecentChecks, ReportDesk


def test_each_worker_numbers_its_buttons_from_its_own_start(tmp_path: Path) -> None:
    s = Settings(telegram_bot_token="123456:AAE-token", reports_hash_key="k" * 20,
                 reports_hash_key_path=tmp_path / "key")
    starts = {report_desk(s, random.Random(i)).recent._next for i in range(50)}
    assert len(starts) == 50 and min(starts) > 1
    rng = random.Random(7)
    before = random.Random(7).random()
    assert report_desk(s, rng).recent._next == report_desk(s, random.Random(7)).recent._next
    assert rng.random() == before  # the service's own sequence is untouched


def test_an_empty_recent_list_given_to_the_desk_is_kept() -> None:
    recent = RecentChecks(start=1000)
    assert ReportDesk(b"k" * 32, recent).recent is recent
