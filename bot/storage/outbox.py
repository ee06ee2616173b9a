"""The delivery ledger and broadcast rows: enqueue, claim, record, recover, progress."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.tables import Broadcast, Delivery, Subscription, User
from bot.storage.times import from_db, to_db

D = Delivery.__table__  # type: ignore[attr-defined]
B = Broadcast.__table__  # type: ignore[attr-defined]
U = User.__table__  # type: ignore[attr-defined]
FINAL = ("sent", "failed", "blocked", "unconfirmed", "skipped")


@dataclass(frozen=True)
class Claimed:
    """A delivery taken by one worker, about to be sent."""

    id: int
    job_kind: str
    job_key: str
    user_id: int
    chat_id: int
    payload: str | None


@dataclass(frozen=True)
class Outcome:
    """What happened to one delivery."""

    id: int
    user_id: int
    status: str
    attempts: int = 1
    error: str | None = None


def _insert_ignore(engine: AsyncEngine, table: Any) -> Any:
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


async def create_broadcast(engine: AsyncEngine, **fields: Any) -> int:
    """Store a broadcast; returns its id."""
    fields = {k: to_db(v) if isinstance(v, datetime) else v for k, v in fields.items()}
    async with engine.begin() as conn:
        res = await conn.execute(insert(B).values(**fields).returning(B.c.id))
        return int(res.scalar_one())


async def get_broadcast(engine: AsyncEngine, broadcast_id: int) -> dict[str, Any] | None:
    """One broadcast as a dict."""
    async with engine.connect() as conn:
        row = (await conn.execute(select(B).where(B.c.id == broadcast_id))).mappings().first()
    return None if row is None else _aware(dict(row))


def _aware(row: dict[str, Any]) -> dict[str, Any]:
    return {k: from_db(v) if isinstance(v, datetime) else v for k, v in row.items()}


async def list_broadcasts(engine: AsyncEngine, limit: int = 50) -> list[dict[str, Any]]:
    """Newest broadcasts first."""
    async with engine.connect() as conn:
        rows = (await conn.execute(select(B).order_by(B.c.id.desc()).limit(limit))).mappings()
        return [_aware(dict(r)) for r in rows]


async def set_broadcast_status(engine: AsyncEngine, broadcast_id: int, status: str,
                               only_from: Sequence[str], **extra: Any) -> bool:
    """Move a broadcast to a status if it is in one of only_from; False otherwise."""
    extra = {k: to_db(v) if isinstance(v, datetime) else v for k, v in extra.items()}
    async with engine.begin() as conn:
        res = await conn.execute(
            update(B).where(B.c.id == broadcast_id, B.c.status.in_(only_from))
            .values(status=status, **extra)
        )
        return bool(res.rowcount)


async def due_broadcasts(engine: AsyncEngine, now: datetime) -> list[dict[str, Any]]:
    """Broadcasts whose time has come and that are not finished."""
    async with engine.connect() as conn:
        rows = (await conn.execute(
            select(B).where(B.c.status.in_(("scheduled", "running")),
                            B.c.scheduled_at <= to_db(now)).order_by(B.c.id)
        )).mappings()
        return [_aware(dict(r)) for r in rows]


def audience_filter(audience: str | None, language: str | None) -> Any:
    """Active users, optionally of one audience and language."""
    conds = [U.c.blocked.is_(False)]
    if audience:
        conds.append(U.c.audience == audience)
    if language:
        conds.append(U.c.language == language)
    return and_(*conds)


async def count_recipients(engine: AsyncEngine, audience: str | None,
                           language: str | None) -> int:
    """How many users a broadcast would reach."""
    async with engine.connect() as conn:
        q = select(func.count()).select_from(U).where(audience_filter(audience, language))
        return int((await conn.execute(q)).scalar_one())


async def enqueue_broadcast(engine: AsyncEngine, b: dict[str, Any], now: datetime) -> int:
    """Write one pending ledger row per recipient (idempotent); returns the total.

    The payload is the recipient's language and region ("en:hk"), so sending needs no second
    lookup.
    """
    key = str(b["id"])
    src = select(
        literal("broadcast"), literal(key), U.c.id, U.c.chat_id, literal("pending"),
        U.c.language + literal(":") + func.coalesce(U.c.region, ""), literal(to_db(now)),
    ).where(audience_filter(b.get("audience"), b.get("language")))
    cols = ["job_kind", "job_key", "user_id", "chat_id", "status", "payload", "created_at"]
    stmt = _insert_ignore(engine, D).from_select(cols, src).on_conflict_do_nothing()
    async with engine.begin() as conn:
        await conn.execute(stmt)
        total = (await conn.execute(select(func.count()).select_from(D).where(
            D.c.job_kind == "broadcast", D.c.job_key == key))).scalar_one()
        await conn.execute(update(B).where(B.c.id == b["id"]).values(total=total))
    return int(total)


async def enqueue(engine: AsyncEngine, rows: Sequence[dict[str, Any]]) -> int:
    """Insert ledger rows, ignoring ones that exist (same job and user)."""
    if not rows:
        return 0
    async with engine.begin() as conn:
        res = await conn.execute(_insert_ignore(engine, D).on_conflict_do_nothing(), list(rows))
        return int(res.rowcount or 0)


async def claim(engine: AsyncEngine, worker: str, now: datetime, limit: int,
                job_kind: str | None = None, job_key: str | None = None) -> list[Claimed]:
    """Reserve up to `limit` pending deliveries for this worker, oldest first (not yet sent)."""
    conds = [D.c.status == "pending"]
    if job_kind:
        conds.append(D.c.job_kind == job_kind)
    if job_key:
        conds.append(D.c.job_key == job_key)
    pick = select(D.c.id).where(*conds).order_by(D.c.id).limit(limit)
    if engine.dialect.name == "postgresql":
        # Workers skip each other's locked rows. In a materialized CTE, not `IN (subquery)`,
        # which PostgreSQL may re-run per row and so claim more than `limit`.
        picked = pick.with_for_update(skip_locked=True).cte("picked").prefix_with("MATERIALIZED")
        target = update(D).where(D.c.id == picked.c.id, D.c.status == "pending")
    else:  # SQLite: BEGIN IMMEDIATE already makes the claim one writer at a time
        target = update(D).where(D.c.id.in_(pick.scalar_subquery()), D.c.status == "pending")
    stmt = (
        target.values(status="claimed", claimed_by=worker, claimed_at=to_db(now))
        .returning(D.c.id, D.c.job_kind, D.c.job_key, D.c.user_id, D.c.chat_id, D.c.payload)
    )
    async with engine.begin() as conn:
        rows = (await conn.execute(stmt)).all()
    return sorted((Claimed(*r) for r in rows), key=lambda c: c.id)


async def mark_sending(engine: AsyncEngine, ids: Sequence[int]) -> None:
    """Say these are about to go out: after a crash they are unconfirmed, never resent."""
    async with engine.begin() as conn:
        await conn.execute(update(D).where(D.c.id.in_(list(ids))).values(status="sending"))


async def resend_unconfirmed(engine: AsyncEngine, broadcast_id: int) -> int | None:
    """Queue a broadcast's unconfirmed deliveries again (each may then arrive twice) and let the
    scheduler finish it; the number queued, or None if the broadcast can't take them."""
    async with engine.begin() as conn:
        status = (await conn.execute(select(B.c.status).where(B.c.id == broadcast_id))
                  ).scalar_one_or_none()
        if status not in ("running", "done"):
            return None
        res = await conn.execute(
            update(D).where(D.c.job_kind == "broadcast", D.c.job_key == str(broadcast_id),
                            D.c.status == "unconfirmed")
            .values(status="pending", claimed_by=None, claimed_at=None,
                    error="resent by staff after an unconfirmed send"))
        if res.rowcount:
            await conn.execute(update(B).where(B.c.id == broadcast_id)
                               .values(status="running", finished_at=None))
        return int(res.rowcount or 0)


async def record(engine: AsyncEngine, outcomes: Sequence[Outcome], now: datetime) -> None:
    """Store outcomes; a 'blocked' outcome marks the user inactive."""
    if not outcomes:
        return
    stmt = update(D).where(D.c.id == bindparam("o_id")).values(
        status=bindparam("o_status"), attempts=D.c.attempts + bindparam("o_attempts"),
        error=bindparam("o_error"), sent_at=bindparam("o_sent_at"))
    params = [{"o_id": o.id, "o_status": o.status, "o_attempts": o.attempts,
               "o_error": (o.error or "")[:200] or None,
               "o_sent_at": to_db(now) if o.status == "sent" else None} for o in outcomes]
    async with engine.begin() as conn:
        await conn.execute(stmt, params)  # one executemany round trip
        blocked = [o.user_id for o in outcomes if o.status == "blocked"]
        if blocked:
            await conn.execute(update(U).where(U.c.id.in_(blocked)).values(blocked=True))


async def release(engine: AsyncEngine, ids: Sequence[int]) -> None:
    """Put claimed deliveries back (never attempted), e.g. on shutdown."""
    if ids:
        async with engine.begin() as conn:
            await conn.execute(update(D).where(D.c.id.in_(list(ids)), D.c.status == "claimed")
                               .values(status="pending", claimed_by=None, claimed_at=None))


async def recover(engine: AsyncEngine, now: datetime, lease: timedelta) -> tuple[int, int]:
    """Rows a dead worker left: claimed ones go back to pending (never attempted); ones caught
    mid-send become unconfirmed (maybe delivered, so never resent). Returns both counts."""
    stale = D.c.claimed_at < to_db(now - lease)
    async with engine.begin() as conn:
        back = await conn.execute(
            update(D).where(D.c.status == "claimed", stale)
            .values(status="pending", claimed_by=None, claimed_at=None))
        lost = await conn.execute(
            update(D).where(D.c.status == "sending", stale)
            .values(status="unconfirmed", error="worker stopped during the send"))
        return int(back.rowcount or 0), int(lost.rowcount or 0)


async def progress(engine: AsyncEngine, job_kind: str, job_key: str | None = None
                   ) -> dict[str, int]:
    """Deliveries per status for a job (or all jobs of a kind)."""
    conds = [D.c.job_kind == job_kind] + ([D.c.job_key == job_key] if job_key else [])
    async with engine.connect() as conn:
        rows = (await conn.execute(
            select(D.c.status, func.count()).where(*conds).group_by(D.c.status))).all()
    return {status: int(n) for status, n in rows}


@dataclass(frozen=True)
class Due:
    """A subscription whose reminder time has come."""

    user_id: int
    chat_id: int
    timezone: str
    frequency: str
    minute: int
    weekday: int | None
    due_at: datetime


async def due_subscriptions(engine: AsyncEngine, now: datetime, limit: int) -> list[Due]:
    """Due reminders of reachable users, oldest first, through the next_due_at index."""
    S = Subscription.__table__  # type: ignore[attr-defined]
    q = (
        select(S.c.user_id, U.c.chat_id, U.c.timezone, S.c.frequency, S.c.minute, S.c.weekday,
               S.c.next_due_at)
        .join(U, U.c.id == S.c.user_id)
        .where(S.c.next_due_at <= to_db(now), U.c.blocked.is_(False))
        .order_by(S.c.next_due_at).limit(limit)
    )
    async with engine.connect() as conn:
        rows = (await conn.execute(q)).all()
    return [Due(*r[:6], from_db(r[6])) for r in rows]


async def advance(engine: AsyncEngine, rows: Sequence[dict[str, Any]],
                  next_due: Sequence[tuple[int, datetime]]) -> None:
    """Write reminder ledger rows and move each subscription to its next time, atomically."""
    S = Subscription.__table__  # type: ignore[attr-defined]
    async with engine.begin() as conn:
        if rows:
            await conn.execute(_insert_ignore(engine, D).on_conflict_do_nothing(), list(rows))
        for user_id, when in next_due:
            await conn.execute(update(S).where(S.c.user_id == user_id)
                               .values(next_due_at=to_db(when)))
