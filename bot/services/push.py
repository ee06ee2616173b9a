"""What a pushed message says: the tip chosen for this person, or a staff broadcast."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.core.callbacks import PracticeTechnique, StartTopic, StopReminders
from bot.core.content import Bank, Tip, pick
from bot.core.ports import Store
from bot.core.progress import QuestionStat
from bot.core.records import UserRecord
from bot.core.replies import Keyboard, Message, button
from bot.core.techniques import technique_levels, unpractised
from bot.core.tips import choose_tip, favoured_types
from bot.services.views import citation, topic_name


async def missed_by_type(store: Store, bank: Bank, user_id: int) -> Counter[str]:
    """Wrong answers per scam type (what the person still falls for)."""
    missed: Counter[str] = Counter()
    for qid, stat in (await store.progress.stats(user_id)).items():
        q = bank.questions.get(qid)
        if q is not None:
            missed[q.scam_type] += stat.seen - stat.correct
    return missed


def booster_technique(bank: Bank, stats: Mapping[str, QuestionStat], audience: str | None,
                      rng: random.Random) -> str | None:
    """A technique the user has never practised that has a question for them, if any."""
    pool = bank.pool(None, audience)
    levels = technique_levels(pool, stats, bank.techniques)
    open_ = [t for t in unpractised(levels) if any(t in q.techniques for q in pool)]
    return rng.choice(open_) if open_ else None


def tip_message(bank: Bank, tip: Tip, locale: str, key: str,
                booster: str | None = None) -> Message:
    """A tip with its source, a button to quiz on its scam type, and maybe a booster question."""
    topic = tip.scam_types[0] if tip.scam_types else None
    technique = bank.techniques.get(booster or "")
    ctx: dict[str, Any] = {
        "text": pick(tip.text, locale), "slogan": tip.kind == "slogan",
        "topic": topic_name(bank, topic, locale),
        "source": citation(bank, tip.source, locale),
        "booster": pick(technique.name, locale) if technique else None,
    }
    rows: list[tuple[Any, ...]] = []
    if technique is not None:
        rows.append((button("push.booster", PracticeTechnique(technique.id),
                            technique=ctx["booster"]),))
    if topic and topic in bank.scam_types:
        rows.append((button("push.quiz", StartTopic(topic), topic=ctx["topic"]),))
    if key == "push.tip":
        rows.append((button("sub.off", StopReminders()),))
    keyboard: Keyboard = tuple(rows)
    return Message(key, ctx, keyboard)


async def compose_reminder(store: Store, bank: Bank, user: UserRecord, now: datetime,
                           rng: random.Random) -> Message | None:
    """Choose and remember the next tip for a user; None when the bank has no tips."""
    tip = choose_tip(list(bank.tips.values()), await store.reminders.tips_seen(user.id),
                     await missed_by_type(store, bank, user.id), user.audience, rng,
                     favoured_types(bank.scam_types.values(), user.audience))
    if tip is None:
        return None
    await store.reminders.mark_tip_seen(user.id, tip.id, now)
    sub = await store.reminders.get(user.id)
    booster = None
    if sub is not None and sub.booster:
        stats = await store.progress.stats(user.id)
        booster = booster_technique(bank, stats, user.audience, rng)
    return tip_message(bank, tip, user.language, "push.tip", booster)


def compose_broadcast(bank: Bank, broadcast: dict[str, Any], locale: str) -> Message | None:
    """A staff broadcast in the recipient's language; None if its tip was retired."""
    if broadcast["kind"] == "tip":
        tip = bank.tips.get(broadcast.get("tip_id") or "")
        return None if tip is None else tip_message(bank, tip, locale, "push.tip_broadcast")
    return Message("push.broadcast", {"text": broadcast.get("text") or ""})
