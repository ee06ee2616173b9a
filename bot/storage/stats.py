"""Figures for staff: users, activity, accuracy per scam type, most-missed questions, sends."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, case, cast, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.learning.cohorts import AnswerRow
from bot.storage.tables import (
    Answer,
    Broadcast,
    CheckCount,
    Delivery,
    Round,
    Subscription,
    User,
)
from bot.storage.times import from_db, to_db

U, A, R = User.__table__, Answer.__table__, Round.__table__  # type: ignore[attr-defined]
S, D, B = Subscription.__table__, Delivery.__table__, Broadcast.__table__  # type: ignore[attr-defined]
K = CheckCount.__table__  # type: ignore[attr-defined]


async def _scalar(conn: AsyncConnection, q: Any) -> int:
    return int((await conn.execute(q)).scalar_one() or 0)


async def _accuracy(conn: AsyncConnection) -> dict[str, dict[str, Any]]:
    right = func.sum(cast(A.c.correct, Integer))
    rows = (await conn.execute(
        select(A.c.scam_type, func.count(), right).group_by(A.c.scam_type)
    )).all()
    return {t: {"answers": int(n), "correct": int(c or 0),
                "accuracy": round(int(c or 0) / int(n), 3) if n else None}
            for t, n, c in sorted(rows)}


async def _most_missed(conn: AsyncConnection, limit: int) -> list[dict[str, Any]]:
    wrong = func.sum(case((A.c.correct.is_(False), 1), else_=0))
    rows = (await conn.execute(
        select(A.c.question_id, A.c.scam_type, func.count(), wrong)
        .group_by(A.c.question_id, A.c.scam_type)
        .having(wrong > 0).order_by(wrong.desc(), A.c.question_id).limit(limit)
    )).all()
    return [{"question": q, "scam_type": t, "answers": int(n), "wrong": int(w),
             "miss_rate": round(int(w) / int(n), 3)} for q, t, n, w in rows]


async def _activity(conn: AsyncConnection, since: datetime) -> list[dict[str, Any]]:
    day = func.substr(cast(A.c.answered_at, A.c.question_id.type), 1, 10)
    rows = (await conn.execute(
        select(day, func.count(), func.count(func.distinct(A.c.user_id)))
        .where(A.c.answered_at >= to_db(since)).group_by(day).order_by(day)
    )).all()
    return [{"day": d, "answers": int(n), "users": int(u)} for d, n, u in rows]


async def _deliveries(conn: AsyncConnection) -> dict[str, dict[str, int]]:
    rows = (await conn.execute(
        select(D.c.job_kind, D.c.status, func.count()).group_by(D.c.job_kind, D.c.status)
    )).all()
    out: dict[str, dict[str, int]] = {}
    for kind, status, n in rows:
        out.setdefault(kind, {})[status] = int(n)
    return out


async def _checks(conn: AsyncConnection, since: datetime) -> dict[str, int]:
    """Messages checked in the last 30 days per verdict: a scam type, "unsure" or "none"."""
    label = case((K.c.kind == "scam", K.c.scam_type), (K.c.kind == "unsure", "unsure"),
                 else_="none")
    rows = await conn.execute(select(label, func.sum(K.c.count)).where(K.c.day >= since.date())
                              .group_by(label))
    return {str(k): int(n) for k, n in rows.all()}


async def answer_rows(conn: AsyncConnection) -> list[AnswerRow]:
    """Every answer with its user's audience and join time, for the cohort report."""
    rows = await conn.execute(
        select(A.c.user_id, U.c.audience, U.c.created_at, A.c.question_id, A.c.chosen,
               A.c.correct, A.c.answered_at).join(U, U.c.id == A.c.user_id))
    return [AnswerRow(r.user_id, r.audience, from_db(r.created_at), r.question_id, r.chosen,
                      bool(r.correct), from_db(r.answered_at)) for r in rows]


async def collect(conn: AsyncConnection, now: datetime, missed: int = 10) -> dict[str, Any]:
    """Every figure `antifraud stats` and /stats show."""
    def active(days: int) -> Any:
        return select(func.count()).select_from(U).where(
            U.c.last_seen >= to_db(now - timedelta(days=days)))

    return {
        "users": await _scalar(conn, select(func.count()).select_from(U)),
        "active_7d": await _scalar(conn, active(7)),
        "active_30d": await _scalar(conn, active(30)),
        "blocked": await _scalar(conn, select(func.count()).select_from(U)
                                 .where(U.c.blocked.is_(True))),
        "subscribers": await _scalar(conn, select(func.count()).select_from(S)),
        "rounds": await _scalar(conn, select(func.count()).select_from(R)),
        "rounds_finished": await _scalar(conn, select(func.count()).select_from(R)
                                         .where(R.c.status == "finished")),
        "answers": await _scalar(conn, select(func.count()).select_from(A)),
        "accuracy_by_type": await _accuracy(conn),
        "most_missed": await _most_missed(conn, missed),
        "activity": await _activity(conn, now - timedelta(days=30)),
        "deliveries": await _deliveries(conn),
        "broadcasts": await _scalar(conn, select(func.count()).select_from(B)),
        "checks_30d": await _checks(conn, now - timedelta(days=30)),
    }
