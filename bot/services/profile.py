"""Progress use cases: topics with mastery, the profile, the leaderboards."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.callbacks import JoinBoard, StartTopic
from bot.core.content import Bank, pick
from bot.core.discern import d_prime, tally
from bot.core.progress import MASTERY_THRESHOLD, QuestionStat, Streak, accuracy, mastery
from bot.core.records import LeaderRow
from bot.core.replies import Message, Reply, Toast, button
from bot.core.techniques import technique_levels
from bot.services.context import Ctx

TECHNIQUES_SHOWN = 6


def topic_mastery(bank: Bank, stats: Mapping[str, QuestionStat]) -> dict[str, float]:
    """Mastery per scam type."""
    return {
        t: mastery(dict(stats), [q.id for q in bank.pool(t)]) for t in bank.scam_types
    }


def weakest_topic(bank: Bank, stats: Mapping[str, QuestionStat]) -> str | None:
    """The attempted scam type with the lowest accuracy."""
    by_topic: dict[str, list[QuestionStat]] = {}
    for qid, s in stats.items():
        q = bank.questions.get(qid)
        if q is not None:
            by_topic.setdefault(q.scam_type, []).append(s)
    scored = [(accuracy(v) or 0.0, t) for t, v in by_topic.items()]
    return min(scored)[1] if scored else None


def anonymous_handle(user_id: int) -> str:
    """A stable pseudonym that reveals no Telegram name or id."""
    return hashlib.sha256(f"antifraud:{user_id}".encode()).hexdigest()[:4].upper()


def _topic_rows(c: Ctx, levels: dict[str, float]) -> list[dict[str, object]]:
    return [
        {
            "id": t,
            "name": pick(st.name, c.locale),
            "percent": round(levels[t] * 100),
            "mastered": levels[t] >= MASTERY_THRESHOLD,
        }
        for t, st in c.bank.scam_types.items()
    ]


async def topics(c: Ctx, *, edit: bool = False) -> list[Reply]:
    """The scam types as buttons, each with the user's mastery."""
    stats = await c.store.progress.stats(c.user.id)
    rows = _topic_rows(c, topic_mastery(c.bank, stats))
    keyboard = tuple(
        (button("btn.topic_mastered" if r["mastered"] else "btn.topic", StartTopic(str(r["id"])),
                name=r["name"], percent=r["percent"]),)
        for r in rows
    )
    ctx = {"mastered": sum(bool(r["mastered"]) for r in rows), "total": len(rows)}
    return [Message("topics", ctx, keyboard, edit=edit)]


async def me(c: Ctx) -> list[Reply]:
    """Points, rounds, accuracy, streaks, mastery and rank."""
    stats = await c.store.progress.stats(c.user.id)
    acc = accuracy(list(stats.values()))
    streak = Streak(c.user.streak, c.user.best_streak, c.user.last_round_day)
    ctx = {
        "points": c.user.points,
        "rounds": c.user.rounds,
        "answers": sum(s.seen for s in stats.values()),
        "accuracy": None if acc is None else round(acc * 100),
        "streak": streak.as_of(c.today()),
        "best_streak": c.user.best_streak,
        "rank": await _rank(c),
        "topics": _topic_rows(c, topic_mastery(c.bank, stats)),
        "leaderboard": c.user.leaderboard,
        "name": c.user.display_name or "",
        "handle": anonymous_handle(c.user.id),
        "techniques": _technique_ctx(c, stats),
        "discern": discern_ctx(await _responses(c)),
    }
    return [Message("me", ctx)]


def _technique_ctx(c: Ctx, stats: Mapping[str, QuestionStat]) -> dict[str, Any]:
    """Techniques practised (weakest first) and how many there are."""
    levels = technique_levels(c.bank.questions.values(), stats, c.bank.techniques)
    practised = sorted((lv for lv in levels.values() if lv.accuracy is not None),
                       key=lambda lv: (lv.accuracy or 0.0, lv.technique))
    return {
        "practised": len(practised), "total": len(levels),
        "rows": [{"name": pick(c.bank.techniques[lv.technique].name, c.locale),
                  "percent": round((lv.accuracy or 0.0) * 100), "weak": lv.weak}
                 for lv in practised[:TECHNIQUES_SHOWN]],
    }


async def _responses(c: Ctx) -> list[tuple[str, str]]:
    """(verdict, response) for each answer the user gave on a scam-or-genuine item."""
    out = []
    for a in await c.store.rounds.answers_of(c.user.id):
        q = c.bank.questions.get(a.question_id)
        verdict, response = (q.verdict, q.response(a.chosen)) if q else (None, None)
        if verdict is not None and response is not None:
            out.append((verdict, response))
    return out


def discern_ctx(responses: list[tuple[str, str]]) -> dict[str, Any]:
    """Hit rate on scams, false alarms on genuine messages and d′, as /me shows them."""
    counts = tally(responses)
    d = d_prime(counts)

    def pct(rate: float | None) -> int | None:
        return None if rate is None else round(rate * 100)

    return {"answers": counts.scams + counts.genuine, "scams": counts.scams,
            "genuine": counts.genuine, "hit": pct(counts.hit_rate),
            "false_alarm": pct(counts.false_alarm_rate),
            "d_prime": None if d is None else f"{d:.1f}"}


async def _rank(c: Ctx) -> int | None:
    """The place /top shows the user in, or None when /top does not list them."""
    if not c.user.leaderboard or c.user.points <= 0:
        return None
    return await c.store.boards.rank(c.user.id, c.user.points)


def week_of(now: datetime, tz: str) -> date:
    """The Monday that starts the current week in a time zone (the weekly board's key)."""
    local = now.astimezone(ZoneInfo(tz)).date()
    return local - timedelta(days=local.weekday())


def _board(rows: list[LeaderRow], me_id: int) -> list[dict[str, object]]:
    return [
        {
            "rank": i + 1,
            "name": r.display_name or anonymous_handle(r.user_id),
            "points": r.points,
            "me": r.user_id == me_id,
        }
        for i, r in enumerate(rows)
    ]


async def top(c: Ctx, *, edit: bool = False) -> list[Reply]:
    """Weekly and all-time leaderboards of opted-in users."""
    weekly = await c.store.boards.leaderboard(week_of(c.actor.now, c.defaults.timezone), 10)
    overall = await c.store.boards.leaderboard(None, 10)
    ctx = {
        "weekly": _board(weekly, c.user.id),
        "overall": _board(overall, c.user.id),
        "opted_in": c.user.leaderboard,
    }
    keyboard = () if c.user.leaderboard else ((button("btn.join_board", JoinBoard()),),)
    return [Message("top", ctx, keyboard, edit=edit)]


async def join_board(c: Ctx) -> list[Reply]:
    """The join button under /top: join, and show the same boards with the user on them."""
    c.user = replace(c.user, leaderboard=True)
    await c.store.users.save(c.user)  # the boards below are read back from the database
    return [Toast("toast.joined"), *await top(c, edit=True)]
