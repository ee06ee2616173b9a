"""Update dedupe: an update id is claimed in the same unit of work as its effects."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.sql import upsert
from bot.storage.tables import ProcessedUpdate
from bot.storage.times import to_db

# Update ids rise by one per update; ids this far behind the newest can't come back.
KEEP_UPDATE_IDS = 100_000
PRUNE_EVERY = 1_000
T = ProcessedUpdate.__table__  # type: ignore[attr-defined]


async def claim_update(conn: AsyncConnection, update_id: int, now: datetime) -> bool:
    """Note an update as handled in this unit of work; False if it already was."""
    stmt = upsert(conn, T).values(update_id=update_id, handled_at=to_db(now))
    res = await conn.execute(stmt.on_conflict_do_nothing(index_elements=["update_id"]))
    if update_id % PRUNE_EVERY == 0:
        await conn.execute(delete(T).where(T.c.update_id < update_id - KEEP_UPDATE_IDS))
    return bool(res.rowcount == 1)
