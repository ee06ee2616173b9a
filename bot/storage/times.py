"""Datetimes in the database are aware and in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


@overload
def to_db(dt: datetime) -> datetime: ...
@overload
def to_db(dt: None) -> None: ...
def to_db(dt: datetime | None) -> datetime | None:
    """Datetimes are stored aware, in UTC (naive ones are taken as UTC)."""
    if dt is None:
        return None
    return dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)


@overload
def from_db(dt: datetime) -> datetime: ...
@overload
def from_db(dt: None) -> None: ...
def from_db(dt: datetime | None) -> datetime | None:
    """Datetimes come back aware, in UTC."""
    return to_db(dt)
