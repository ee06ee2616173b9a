"""When a tip reminder is next due: a local time, daily or weekly, outside quiet hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from bot.core.numbers import is_ascii_digits

FREQUENCIES = ("daily", "weekly")
DEFAULT_MINUTE = 20 * 60  # 20:00 local time
TIME_CHOICES = ("08:00", "12:00", "18:00", "20:00", "21:00")


@dataclass(frozen=True)
class QuietHours:
    """A local-time span (may wrap midnight) in which no reminder is sent."""

    start: int = 22 * 60
    end: int = 8 * 60

    def contains(self, minute: int) -> bool:
        """Say whether a minute of the day falls inside the quiet span."""
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end


def parse_time(text: str) -> int | None:
    """'20:00', '8:30', '2030' or '20' as minutes after midnight; None if not a time."""
    raw = text.strip().replace("：", ":").replace(".", ":")
    if ":" in raw:
        hh, _, mm = raw.partition(":")
    elif is_ascii_digits(raw) and len(raw) in (3, 4):
        hh, mm = raw[:-2], raw[-2:]
    else:
        hh, mm = raw, "0"
    if not (is_ascii_digits(hh) and is_ascii_digits(mm) and len(hh) <= 2 and len(mm) <= 2):
        return None
    h, m = int(hh), int(mm)
    return h * 60 + m if 0 <= h < 24 and 0 <= m < 60 else None


def format_time(minute: int) -> str:
    """Minutes after midnight as HH:MM."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def next_due(after: datetime, minute: int, zone: tzinfo, frequency: str = "daily",
             weekday: int | None = None, quiet: QuietHours | None = None) -> datetime:
    """The first local `minute` strictly after `after` (on `weekday` if weekly), in UTC."""
    if quiet is not None and quiet.contains(minute):
        minute = quiet.end  # a time picked inside quiet hours moves to when they end
    local = after.astimezone(zone)
    day = local.date()
    for offset in range(0, 9):
        d = day + timedelta(days=offset)
        if frequency == "weekly" and weekday is not None and d.weekday() != weekday:
            continue
        candidate = datetime.combine(d, time(minute // 60, minute % 60), tzinfo=zone)
        # Round-trip through UTC so a time skipped by a DST change still lands once.
        due = candidate.astimezone(UTC)
        if due > after:
            return due
    raise ValueError("no due time found")  # unreachable for valid input


def postpone_quiet(when: datetime, zone: tzinfo, quiet: QuietHours) -> datetime:
    """Move a send time that falls in quiet hours to the end of them."""
    local = when.astimezone(zone)
    minute = local.hour * 60 + local.minute
    if not quiet.contains(minute):
        return when
    return next_due(when, quiet.end, zone)
