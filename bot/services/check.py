"""The "is this a scam?" use cases: check a message, show a scam's card."""

from __future__ import annotations

import logging
from typing import Any

from bot.core.callbacks import ShowScamCard, StartTopic
from bot.core.content import Bank, pick, pick_list
from bot.core.events import Photo
from bot.core.replies import Keyboard, Message, Reply, Toast, button
from bot.services import reports
from bot.services.context import Ctx
from bot.services.views import citation, menu_keyboard, topic_name

log = logging.getLogger(__name__)
MAX_CHECKED = 4096  # Telegram's own message limit; longer pastes are checked in part
SMALL_TALK = ("greeting", "thanks", "about_bot")


def _actions(c: Ctx, scam_type: str) -> Keyboard:
    return ((button("btn.check_learn", ShowScamCard(scam_type)),
             button("btn.check_quiz", StartTopic(scam_type))),)


async def check_text(c: Ctx, text: str, source: str = "text") -> list[Reply]:
    """Check a pasted or forwarded message and say which scam script it follows, if any."""
    assert c.checker is not None, "the composition root builds the checker"
    verdict = c.checker.check(text[:MAX_CHECKED])
    # Privacy: the text itself is never stored or logged, only what the checker made of it.
    log.info("check kind=%s type=%s confidence=%.2f", verdict.kind, verdict.scam_type,
             verdict.confidence)
    await c.store.staff.count_check(c.actor.now.date(), verdict.kind, verdict.scam_type)
    if verdict.kind in SMALL_TALK:
        return [Message(f"check.{verdict.kind}", {}, menu_keyboard())]
    # Opt-in report: the text waits in memory only; nothing is stored unless the user presses.
    report = reports.offer(c, text[:MAX_CHECKED], verdict, source)
    known = verdict.scam_type in c.bank.scam_types
    name = topic_name(c.bank, verdict.scam_type, c.locale) if known else ""
    ctx: dict[str, Any] = {"flags": list(verdict.red_flags), "level": verdict.level, "name": name}
    if verdict.kind == "scam" and known:
        steps = pick_list(c.bank.scam_types[verdict.scam_type].what_to_do, c.locale)[:3]
        return [Message("check.verdict", ctx | {"steps": list(steps)},
                        _actions(c, verdict.scam_type) + report)]
    if verdict.kind == "unsure":
        keys = _actions(c, verdict.scam_type) if known else ()
        return [Message("check.unsure", ctx, keys + report)]
    return [Message("check.no_script", {}, menu_keyboard() + report)]


async def check_photo(c: Ctx, photo: Photo) -> list[Reply]:
    """A screenshot: read its text (and caption), then check it like a pasted message."""
    read = await c.reader(photo.file_id) if c.reader is not None else ""
    text = "\n".join(t for t in (photo.caption, read) if t and t.strip())
    if not read.strip() and not text:
        return [Message("check.no_text", {}, menu_keyboard())]
    return await check_text(c, text, "photo")


def card_ctx(bank: Bank, scam_type: str, locale: str) -> dict[str, Any] | None:
    """The check.card context of a scam type: how it goes, red flags, what to do, a case."""
    st = bank.scam_types.get(scam_type)
    if st is None:
        return None
    case = next((k for k in bank.cases.values() if k.scam_type == scam_type), None)
    return {
        "name": pick(st.name, locale), "summary": pick(st.summary, locale),
        "script": list(pick_list(st.script, locale)),
        "flags": list(pick_list(st.red_flags, locale)),
        "steps": list(pick_list(st.what_to_do, locale)),
        "case": None if case is None else {
            "title": pick(case.title, locale), "what": pick(case.what_happened, locale),
            "stopped": pick(case.what_stopped_it, locale), "lesson": pick(case.lesson, locale),
            "source": citation(bank, case.source, locale)},
    }


async def scam_card(c: Ctx, action: ShowScamCard) -> list[Reply]:
    """A scam type's card: how it goes, its red flags, what to do, and a real case."""
    ctx = card_ctx(c.bank, action.scam_type, c.locale)
    if ctx is None:
        return [Toast("toast.expired")]
    keyboard = ((button("btn.check_quiz", StartTopic(action.scam_type)),),)
    return [Message("check.card", ctx, keyboard)]
