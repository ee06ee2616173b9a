"""Leases: a role (the scheduler) that one worker at a time holds, by compare-and-set on a row."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.tables import Lease
from bot.storage.times import to_db

L = Lease.__table__  # type: ignore[attr-defined]


async def acquire(engine: AsyncEngine, name: str, holder: str, now: datetime,
                  ttl: timedelta) -> bool:
    """Take or renew the lease until now + ttl; False while another holder's is unexpired.

    One atomic UPDATE decides (the row is locked for its duration on PostgreSQL, and SQLite
    runs one writer at a time), so two workers can never both get True for the same moment.
    """
    until = to_db(now + ttl)
    async with engine.begin() as conn:
        res = await conn.execute(
            update(L).where(L.c.name == name,
                            or_(L.c.holder == holder, L.c.expires_at < to_db(now)))
            .values(holder=holder, expires_at=until,
                    acquired_at=case((L.c.holder == holder, L.c.acquired_at), else_=to_db(now)))
        )
        if res.rowcount:
            return True
        exists = (await conn.execute(select(L.c.name).where(L.c.name == name))).first()
    if exists is not None:
        return False
    try:  # the first worker ever: create the row (a racing one gets the unique violation)
        async with engine.begin() as conn:
            await conn.execute(insert(L).values(name=name, holder=holder, expires_at=until,
                                                acquired_at=to_db(now)))
    except IntegrityError:
        return False
    return True


async def release(engine: AsyncEngine, name: str, holder: str, now: datetime) -> None:
    """Give the lease up (on shutdown) so another worker takes over at its next tick."""
    async with engine.begin() as conn:
        await conn.execute(update(L).where(L.c.name == name, L.c.holder == holder)
                           .values(expires_at=to_db(now)))


async def holder_of(engine: AsyncEngine, name: str) -> tuple[str, datetime] | None:
    """Who holds a lease and until when (it may have expired)."""
    async with engine.connect() as conn:
        row = (await conn.execute(select(L.c.holder, L.c.expires_at)
                                  .where(L.c.name == name))).first()
    return None if row is None else (row[0], row[1])
