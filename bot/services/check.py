"""The "is this a scam?" use cases: check a message, show a scam's card."""

from __future__ import annotations

import logging
from typing import Any

from bot.checking.facts import phone_facts
from bot.core.callbacks import ShowScamCard, StartTopic
from bot.core.content import Bank, pick, pick_list
from bot.core.events import Photo
from bot.core.regions import local_steps, region_of
from bot.core.replies import Keyboard, Message, Reply, Toast, button
from bot.core.scamcheck import Fact
from bot.core.scamcheck.advice import channel_advice, channel_of, fit_steps
from bot.services import reports
from bot.services.context import Ctx
from bot.services.views import citation, menu_keyboard, topic_name

log = logging.getLogger(__name__)
QR_MARK = "[QR] "  # how the OCR worker hands over a QR code's text (bot/ocr_worker.py)
MAX_CHECKED = 4096  # Telegram's own message limit; longer pastes are checked in part
SMALL_TALK = ("greeting", "thanks", "about_bot")


def _actions(c: Ctx, scam_type: str) -> Keyboard:
    return ((button("btn.check_learn", ShowScamCard(scam_type)),
             button("btn.check_quiz", StartTopic(scam_type))),)


def region(c: Ctx) -> str:
    """The user's region for help lines."""
    return region_of(c.user.region, c.locale)


async def check_text(c: Ctx, text: str, facts: tuple[Fact, ...] = (),
                     source: str = "text") -> list[Reply]:
    """Check a pasted or forwarded message and say which scam script it follows, if any."""
    assert c.checker is not None, "the composition root builds the checker"
    text = text[:MAX_CHECKED]
    verdict = c.checker.check(text, (*facts, *phone_facts(text, region(c))))
    # Privacy: the text itself is never stored or logged, only what the checker made of it.
    log.info("check kind=%s type=%s confidence=%.2f marks=%s", verdict.kind, verdict.scam_type,
             verdict.confidence, ",".join(verdict.marks))
    await c.store.staff.count_check(c.actor.now.date(), verdict.kind, verdict.scam_type)
    if verdict.kind in SMALL_TALK:
        return [Message(f"check.{verdict.kind}", {}, menu_keyboard())]
    # Opt-in report: the text waits in memory only; nothing is stored unless the user presses.
    report = reports.offer(c, text, verdict, source)
    known = verdict.scam_type in c.bank.scam_types
    name = topic_name(c.bank, verdict.scam_type, c.locale) if known else ""
    ctx: dict[str, Any] = {"flags": list(verdict.red_flags), "level": verdict.level,
                           "name": name, "region": region(c),
                           "advice": list(channel_advice(channel_of(text, source == "photo"),
                                                         c.user.audience))}
    if verdict.kind == "scam" and known:
        given = pick_list(c.bank.scam_types[verdict.scam_type].what_to_do, c.locale)
        steps = local_steps(fit_steps(given, c.user.audience), region(c))[:3]
        return [Message("check.verdict", ctx | {"steps": steps},
                        _actions(c, verdict.scam_type) + report)]
    if verdict.kind == "other":
        return [Message("check.other", ctx, menu_keyboard() + report)]
    if verdict.kind == "unsure":
        keys = _actions(c, verdict.scam_type) if known else ()
        return [Message("check.unsure", ctx, keys + report)]
    return [Message("check.no_script", {"region": region(c)}, menu_keyboard() + report)]


async def check_photo(c: Ctx, photo: Photo) -> list[Reply]:
    """A screenshot: read its text (and caption), then check it like a pasted message."""
    if photo.read is not None:
        read = photo.read
    else:
        read = await c.reader(photo.file_id) if c.reader is not None else ""
    lines = read.splitlines()
    codes = tuple(Fact("qr_link", line.removeprefix(QR_MARK)) for line in lines
                  if line.startswith(QR_MARK))
    # A QR code's text is checked like the rest (its link is quoted), and counts as a QR link.
    read = "\n".join(line.removeprefix(QR_MARK) for line in lines)
    text = "\n".join(t for t in (photo.caption, read) if t and t.strip())
    if not read.strip() and not text:
        return [Message("check.no_text", {"region": region(c)}, menu_keyboard())]
    return await check_text(c, text, codes, "photo")


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
