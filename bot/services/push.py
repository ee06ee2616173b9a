"""What a pushed message says: the tip chosen for this person, or a staff broadcast."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime
from typing import Any

from bot.core.callbacks import StartTopic, StopReminders
from bot.core.content import Bank, Tip, pick
from bot.core.ports import Store
from bot.core.records import UserRecord
from bot.core.replies import Keyboard, Message, button
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


def tip_message(bank: Bank, tip: Tip, locale: str, key: str) -> Message:
    """A tip with its source and a button to take a quiz on its scam type."""
    topic = tip.scam_types[0] if tip.scam_types else None
    ctx: dict[str, Any] = {
        "text": pick(tip.text, locale), "slogan": tip.kind == "slogan",
        "topic": topic_name(bank, topic, locale),
        "source": citation(bank, tip.source, locale),
    }
    rows: list[tuple[Any, ...]] = []
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
    return tip_message(bank, tip, user.language, "push.tip")


def compose_broadcast(bank: Bank, broadcast: dict[str, Any], locale: str) -> Message | None:
    """A staff broadcast in the recipient's language; None if its tip was retired."""
    if broadcast["kind"] == "tip":
        tip = bank.tips.get(broadcast.get("tip_id") or "")
        return None if tip is None else tip_message(bank, tip, locale, "push.tip_broadcast")
    return Message("push.broadcast", {"text": broadcast.get("text") or ""})
