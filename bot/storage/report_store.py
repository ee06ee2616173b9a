"""Opt-in reports over SQL: stored redacted, looked up by the reporter's keyed hash."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.core.reports import ReportRecord
from bot.storage.sql import Connect, upsert
from bot.storage.tables import Report
from bot.storage.times import from_db, to_db

R = Report.__table__  # type: ignore[attr-defined]


def report_record(row: Any) -> ReportRecord:
    """A reports row as a record."""
    data = dict(row._mapping)
    data["created_at"] = from_db(data["created_at"])
    return ReportRecord(**data)


async def reports_since(conn: AsyncConnection, cutoff: datetime | None) -> list[ReportRecord]:
    """Reports created at or after cutoff (all if None), oldest first."""
    q = select(R).order_by(R.c.created_at, R.c.id)
    if cutoff is not None:
        q = q.where(R.c.created_at >= to_db(cutoff))
    return [report_record(r) for r in (await conn.execute(q)).all()]


async def load_reports(engine: AsyncEngine, cutoff: datetime | None) -> list[ReportRecord]:
    """Reports for the CLI (its own connection)."""
    async with engine.connect() as conn:
        return await reports_since(conn, cutoff)


async def prune_reports(engine: AsyncEngine, cutoff: datetime) -> int:
    """Delete reports older than cutoff (the retention period); how many."""
    async with engine.begin() as conn:
        res = await conn.execute(delete(R).where(R.c.created_at < to_db(cutoff)))
        return int(res.rowcount or 0)


class ReportRepo:
    """Implements bot.core.ports.Reports."""

    def __init__(self, connect: Connect) -> None:
        self.connect = connect

    async def add(self, report: ReportRecord) -> bool:
        """Store a report; False if this reporter already sent the same text."""
        conn = await self.connect()
        data = {k: v for k, v in asdict(report).items() if k != "id"}
        data["created_at"] = to_db(report.created_at)
        stmt = upsert(conn, R).values(**data).on_conflict_do_nothing(
            index_elements=["reporter", "fingerprint"])
        res = await conn.execute(stmt)
        return bool(res.rowcount)

    async def by_reporter(self, reporter: str) -> list[ReportRecord]:
        """A reporter's reports, oldest first."""
        conn = await self.connect()
        q = select(R).where(R.c.reporter == reporter).order_by(R.c.created_at, R.c.id)
        return [report_record(r) for r in (await conn.execute(q)).all()]

    async def forget_reporter(self, reporter: str) -> int:
        """Delete a reporter's reports; how many."""
        conn = await self.connect()
        res = await conn.execute(delete(R).where(R.c.reporter == reporter))
        return int(res.rowcount or 0)

    async def since(self, cutoff: datetime | None) -> list[ReportRecord]:
        """Every report created at or after cutoff, oldest first."""
        return await reports_since(await self.connect(), cutoff)

    async def delete_before(self, cutoff: datetime) -> int:
        """Delete reports older than cutoff; how many."""
        conn = await self.connect()
        res = await conn.execute(delete(R).where(R.c.created_at < to_db(cutoff)))
        return int(res.rowcount or 0)
