"""Reminders and tips seen (the Reminders port); broadcasts, figures, audit, check counts
(the Staff port)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.records import SubscriptionRecord
from bot.storage.sql import upsert
from bot.storage.sqlite_driver import run_inline
from bot.storage.tables import AdminAction, Broadcast, CheckCount, Subscription, TipSeen
from bot.storage.times import from_db, to_db

K = CheckCount.__table__  # type: ignore[attr-defined]


class ReminderRepo:
    """Implements bot.core.ports.Reminders over the unit of work's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def get(self, user_id: int) -> SubscriptionRecord | None:
        """The user's tip reminder, if subscribed."""
        row = await self.s.get(Subscription, user_id)
        if row is None:
            return None
        return SubscriptionRecord(row.user_id, row.frequency, row.minute,
                                  from_db(row.next_due_at), row.weekday,
                                  from_db(row.created_at), row.booster)

    async def save(self, sub: SubscriptionRecord) -> None:
        """Insert or update a tip reminder."""
        row = await self.s.get(Subscription, sub.user_id)
        if row is None:
            row = Subscription(user_id=sub.user_id, frequency=sub.frequency, minute=sub.minute,
                               next_due_at=to_db(sub.next_due_at),
                               created_at=to_db(sub.created_at or sub.next_due_at))
            self.s.add(row)
        row.frequency, row.minute, row.weekday = sub.frequency, sub.minute, sub.weekday
        row.booster = sub.booster
        row.next_due_at = to_db(sub.next_due_at)  # type: ignore[assignment]
        await self.s.flush()

    async def delete(self, user_id: int) -> bool:
        """Stop a tip reminder; False if there was none."""
        stmt = delete(Subscription).where(col(Subscription.user_id) == user_id)
        res = await self.s.exec(stmt)  # type: ignore[call-overload]
        return bool(res.rowcount)

    async def tips_seen(self, user_id: int) -> dict[str, datetime]:
        """When the user was sent each tip."""
        res = await self.s.exec(select(TipSeen).where(TipSeen.user_id == user_id))
        return {r.tip_id: from_db(r.seen_at) for r in res.all()}

    async def mark_tip_seen(self, user_id: int, tip_id: str, now: datetime) -> None:
        """Remember that a tip was sent."""
        row = await self.s.get(TipSeen, (user_id, tip_id))
        if row is None:
            self.s.add(TipSeen(user_id=user_id, tip_id=tip_id, seen_at=to_db(now)))
        else:
            row.seen_at = to_db(now)  # type: ignore[assignment]
        await self.s.flush()



class StaffRepo:
    """Implements bot.core.ports.Staff over the unit of work's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def create_broadcast(self, fields: dict[str, Any]) -> int:
        """Store a broadcast (admin in the bot); returns its id."""
        data: dict[str, Any] = {k: to_db(v) if isinstance(v, datetime) else v
                                for k, v in fields.items()}
        row = Broadcast.model_validate(data)
        self.s.add(row)
        await self.s.flush()
        assert row.id is not None
        return row.id

    async def set_broadcast_status(self, broadcast_id: int, status: str,
                                   only_from: tuple[str, ...], now: datetime) -> bool:
        """Move a broadcast between states; False if it was not in only_from."""
        values: dict[str, Any] = {"status": status}
        if status == "scheduled":
            values["scheduled_at"] = to_db(now)
        elif status == "cancelled":
            values["finished_at"] = to_db(now)
        stmt = update(Broadcast).where(col(Broadcast.id) == broadcast_id,
                                       col(Broadcast.status).in_(only_from)).values(**values)
        res = await self.s.exec(stmt)  # type: ignore[call-overload]
        return bool(res.rowcount)

    async def count_recipients(self, audience: str | None, language: str | None) -> int:
        """How many reachable users a broadcast would reach."""
        from bot.storage.outbox import U, audience_filter

        conn = await self.s.connection()
        res = await conn.execute(
            select(func.count()).select_from(U).where(audience_filter(audience, language)))
        return int(res.scalar_one())

    async def admin_stats(self, now: datetime) -> dict[str, Any]:
        """The figures staff see in /stats."""
        from bot.storage.stats import collect

        conn = await self.s.connection()
        was = await run_inline(conn, False)  # full scans: keep them off the loop's thread
        try:
            return await collect(conn, now, missed=5)
        finally:
            await run_inline(conn, was)

    async def record_admin_action(self, admin_id: int, action: str, detail: str | None,
                                  now: datetime) -> None:
        """Add a line to the staff audit trail."""
        self.s.add(AdminAction(admin_id=admin_id, action=action, detail=detail,
                               at=to_db(now)))  # type: ignore[arg-type]
        await self.s.flush()

    async def count_check(self, day: date, kind: str, scam_type: str) -> None:
        """Count one checked message under its verdict."""
        conn = await self.s.connection()
        stmt = upsert(conn, K).values(day=day, kind=kind, scam_type=scam_type, count=1)
        await conn.execute(stmt.on_conflict_do_update(
            index_elements=["day", "kind", "scam_type"], set_={"count": K.c.count + 1}))
