"""The "is this a scam?" use cases: check a message, show a scam's card."""

from __future__ import annotations

import logging
import unicodedata
from typing import Any

from bot.core.callbacks import ShowScamCard, ShowScamCase, ShowScamSteps, StartTopic
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


# The card is a short summary; each part behind it is one tap away (part: template, button).
CardPart = type[ShowScamCase] | type[ShowScamSteps]
CARD_PARTS: dict[CardPart, tuple[str, str]] = {
    ShowScamCase: ("check.card_case", "btn.card_case"),
    ShowScamSteps: ("check.card_steps", "btn.card_steps"),
}
CARD_FLAGS = 2  # red flags on the summary: the card must fit a phone screen (<= 8 lines)
# A phone-width bubble holds about 32 half-width columns a line (16 CJK characters); planning
# with 28 leaves room for words wrapped early. The flags get 2 lines, the title what it takes.
CARD_LINES, LINE_COLUMNS, FLAG_COLUMNS = 8, 28, 2 * 28 - 4
CLAUSE_ENDS = "。；！？.;!?，,"
CardAction = ShowScamCard | ShowScamCase | ShowScamSteps


def columns(text: str) -> int:
    """Display width in half-width columns (CJK characters and emoji take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, budget: int) -> str:
    """The text, or its longest head of whole clauses within the budget (else a hard cut)."""
    if columns(text) <= budget:
        return text
    head, used = "", 0
    for ch in text:
        used += columns(ch)
        if used > budget - 2:
            break
        head += ch
    cut = max(head.rfind(p) for p in CLAUSE_ENDS)
    return (head[:cut] if cut > len(head) // 2 else head).rstrip(" ,，;；") + "…"


def short_card(ctx: dict[str, Any]) -> dict[str, Any]:
    """The card's context cut to a phone screen: a clipped summary and the first flags."""
    flags: list[str] = []
    for flag in ctx["flags"][:CARD_FLAGS]:
        if columns("".join([*flags, flag])) + 6 * (len(flags) + 1) > FLAG_COLUMNS and flags:
            break
        flags.append(flag)
    title_lines = -(-(columns(ctx["name"]) + 3) // LINE_COLUMNS)
    budget = (CARD_LINES - title_lines - 2) * LINE_COLUMNS
    return ctx | {"summary": clip(ctx["summary"], budget), "flags": flags}


def _card_keyboard(scam_type: str, shown: CardPart | None) -> Keyboard:
    parts = tuple(button(label, part(scam_type))
                  for part, (_key, label) in CARD_PARTS.items() if part is not shown)
    return (parts, (button("btn.check_quiz", StartTopic(scam_type)),))


async def scam_card(c: Ctx, action: CardAction) -> list[Reply]:
    """A scam type's short card, or one part behind it: a real case, or what to do."""
    ctx = card_ctx(c.bank, action.scam_type, c.locale)
    if ctx is None:
        return [Toast("toast.expired")]
    if isinstance(action, ShowScamCard):
        return [Message("check.card", short_card(ctx), _card_keyboard(action.scam_type, None))]
    part: CardPart = type(action)
    if part is ShowScamCase and ctx["case"] is None:
        part = ShowScamSteps  # no case on file: what to do is still worth showing
    return [Message(CARD_PARTS[part][0], ctx, _card_keyboard(action.scam_type, part))]


async def how_to_check(c: Ctx) -> list[Reply]:
    """What the 🔍 menu button says: paste or forward a message to have it checked."""
    return [Message("check.how")]
