"""Opt-in reports over SQL: stored redacted, looked up by the reporter's keyed hash."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.core.reports import ReportRecord, reporter_hasher
from bot.storage.sql import Connect, upsert
from bot.storage.tables import Report, User
from bot.storage.times import from_db, to_db

R = Report.__table__  # type: ignore[attr-defined]
U = User.__table__  # type: ignore[attr-defined]


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


@dataclass(frozen=True)
class Rekeyed:
    """What moving reports from an old reporter hash key to the new one did."""

    reporters: int  # reporters found under the old key and moved
    reports: int  # their reports now under the new key
    duplicates: int  # reports the same user had sent under both keys, kept once
    unknown: int  # reporters under neither key among known users (left as they are)


async def rekey_reports(engine: AsyncEngine, old: bytes, new: bytes) -> Rekeyed:
    """Move reports hashed with the old key to the new one, in one transaction.

    A keyed hash can't be turned back into a user, so each known user id is hashed under both
    keys: the bot stores a user before any report of theirs, and /forget deletes both together.
    Running it twice, or on two workers at once, moves nothing the second time.
    """
    async with engine.begin() as conn:
        stored = set((await conn.execute(select(R.c.reporter).distinct())).scalars())
        if not stored or old == new:
            return Rekeyed(0, 0, 0, 0)
        before, after = reporter_hasher(old), reporter_hasher(new)
        moves: dict[str, str] = {}
        current = 0
        for uid in (await conn.execute(select(U.c.id))).scalars():
            new_hash = after(uid)
            current += new_hash in stored
            if (old_hash := before(uid)) in stored:
                moves[old_hash] = new_hash
        moved = dropped = 0
        for old_hash, new_hash in moves.items():
            kept = select(R.c.fingerprint).where(R.c.reporter == new_hash)
            res = await conn.execute(delete(R).where(R.c.reporter == old_hash,
                                                     R.c.fingerprint.in_(kept)))
            dropped += int(res.rowcount or 0)
            res = await conn.execute(update(R).where(R.c.reporter == old_hash)
                                     .values(reporter=new_hash))
            moved += int(res.rowcount or 0)
        return Rekeyed(len(moves), moved, dropped, len(stored) - len(moves) - current)


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
