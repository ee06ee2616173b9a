"""Update dedupe: an update id is claimed in the same unit of work as its effects."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.sql import upsert
from bot.storage.tables import ProcessedUpdate
from bot.storage.times import to_db

# Telegram keeps an undelivered update at most 24 hours, so an id handled longer ago than that
# can't come back as the same update; after a quiet week Telegram may restart ids lower, reusing
# old ones, so ids are kept by time, never by distance from the newest.
KEEP_UPDATES_FOR = timedelta(hours=24)
PRUNE_EVERY = 1_000
T = ProcessedUpdate.__table__  # type: ignore[attr-defined]


async def claim_update(conn: AsyncConnection, update_id: int, now: datetime) -> bool:
    """Note an update as handled in this unit of work; False if it already was."""
    cutoff = to_db(now - KEEP_UPDATES_FOR)
    stmt = upsert(conn, T).values(update_id=update_id, handled_at=to_db(now))
    # An id last seen more than a day ago is a new update that reuses it: claim it again.
    stmt = stmt.on_conflict_do_update(index_elements=["update_id"],
                                      set_={"handled_at": to_db(now)},
                                      where=T.c.handled_at < cutoff)
    res = await conn.execute(stmt)
    if update_id % PRUNE_EVERY == 0:
        await conn.execute(delete(T).where(T.c.handled_at < cutoff))
    return bool(res.rowcount == 1)
