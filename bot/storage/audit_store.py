"""The Store methods for update dedupe and the staff audit trail."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.tables import AdminAction, ProcessedUpdate
from bot.storage.times import to_db

# Telegram keeps an undelivered update at most 24 hours, so an id handled longer ago than that
# can't come back as the same update; after a quiet week Telegram may restart ids lower, reusing
# old ones, so ids are kept by time, never by distance from the newest.
KEEP_UPDATES_FOR = timedelta(hours=24)
PRUNE_EVERY = 1_000


class AuditStore:
    """Mixed into SqlStore; uses its session."""

    s: AsyncSession

    async def claim_update(self, update_id: int, now: datetime) -> bool:
        """Note an update as handled in this unit of work; False if it already was."""
        dialect = self.s.get_bind().dialect.name
        insert: Any = pg_insert if dialect == "postgresql" else sqlite_insert
        cutoff = to_db(now - KEEP_UPDATES_FOR)
        stmt = insert(ProcessedUpdate).values(update_id=update_id, handled_at=to_db(now))
        # An id last seen more than a day ago is a new update that reuses it: claim it again.
        stmt = stmt.on_conflict_do_update(
            index_elements=["update_id"], set_={"handled_at": to_db(now)},
            where=col(ProcessedUpdate.handled_at) < cutoff)
        res = await self.s.exec(stmt)  # type: ignore[call-overload]
        if update_id % PRUNE_EVERY == 0:
            await self.s.exec(delete(ProcessedUpdate).where(  # type: ignore[call-overload]
                col(ProcessedUpdate.handled_at) < cutoff))
        return bool(res.rowcount == 1)

    async def record_admin_action(self, admin_id: int, action: str, detail: str | None,
                                  now: datetime) -> None:
        """Add a line to the staff audit trail."""
        self.s.add(AdminAction(admin_id=admin_id, action=action, detail=detail,
                               at=to_db(now)))  # type: ignore[arg-type]
        await self.s.flush()
