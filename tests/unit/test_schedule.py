"""Reminder times: local time, daily or weekly, quiet hours, DST, parsing."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.schedule import QuietHours, format_time, next_due, parse_time, postpone_quiet

SH = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(("text", "minute"), [
    ("20:00", 1200), ("8:30", 510), ("2030", 1230), ("7", 420), ("20：15", 1215),
    ("24:00", None), ("12:60", None), ("abc", None), ("", None), ("-1", None),
])
def test_parse_time(text: str, minute: int | None) -> None:
    assert parse_time(text) == minute


def test_daily_is_the_next_local_time() -> None:
    after = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)  # 19:00 in Shanghai
    assert next_due(after, 20 * 60, SH) == datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    late = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # exactly 20:00: strictly after
    assert next_due(late, 20 * 60, SH) == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_weekly_lands_on_the_weekday() -> None:
    after = datetime(2026, 11, 22, 0, 0, tzinfo=UTC)  # a Sunday
    due = next_due(after, 9 * 60, SH, "weekly", weekday=2)
    assert due.astimezone(SH).weekday() == 2 and format_time(9 * 60) == "09:00"


def test_dst_keeps_the_local_time() -> None:
    ny = ZoneInfo("America/New_York")
    before = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)
    first = next_due(before, 20 * 60, ny)
    second = next_due(first, 20 * 60, ny)
    assert first.astimezone(ny).hour == second.astimezone(ny).hour == 20
    assert (second - first).total_seconds() == 23 * 3600  # the night the clocks go forward


def test_quiet_hours_move_reminders_to_the_morning() -> None:
    quiet = QuietHours(22 * 60, 8 * 60)
    assert quiet.contains(23 * 60) and quiet.contains(7 * 60) and not quiet.contains(8 * 60)
    after = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
    assert next_due(after, 23 * 60, SH, quiet=quiet).astimezone(SH).hour == 8
    night = datetime(2026, 11, 22, 18, 30, tzinfo=UTC)  # 02:30 in Shanghai
    assert postpone_quiet(night, SH, quiet).astimezone(SH).hour == 8
    noon = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
    assert postpone_quiet(noon, SH, quiet) == noon
    assert not QuietHours(0, 0).contains(100)
