"""Inline sharing: `@bot 刷单` offers matching scam cards, cases and tips to post in any chat."""

from __future__ import annotations

from typing import Any

from bot.core.content import Bank, pick
from bot.core.events import InlineQuery
from bot.core.inline import Hit, search, shorten
from bot.core.regions import region_of
from bot.core.replies import Article, InlineAnswer, Label, Message
from bot.services.check import card_ctx
from bot.services.views import citation, topic_name

DESCRIPTION_MAX = 100
ID_MAX = 64  # bytes, Telegram's limit on a result id


def _scam(bank: Bank, hit: Hit, locale: str) -> tuple[Label, Label, Message] | None:
    ctx = card_ctx(bank, hit.item_id, locale)
    if ctx is None:
        return None
    return (Label("inline.scam_title", {"name": ctx["name"]}),
            Label(shorten(ctx["summary"], DESCRIPTION_MAX), raw=True),
            Message("check.card_full", ctx))


def _case(bank: Bank, hit: Hit, locale: str) -> tuple[Label, Label, Message]:
    case = bank.cases[hit.item_id]
    ctx: dict[str, Any] = {
        "title": pick(case.title, locale), "what": pick(case.what_happened, locale),
        "stopped": pick(case.what_stopped_it, locale), "lesson": pick(case.lesson, locale),
        "topic": topic_name(bank, case.scam_type, locale),
        "source": citation(bank, case.source, locale),
    }
    return (Label("inline.case_title", {"title": ctx["title"]}),
            Label(shorten(ctx["lesson"], DESCRIPTION_MAX), raw=True),
            Message("inline.case", ctx))


def _tip(bank: Bank, hit: Hit, locale: str) -> tuple[Label, Label, Message]:
    tip = bank.tips[hit.item_id]
    text = pick(tip.text, locale)
    # The shared tip reads like a pushed one, without the recipient's booster question.
    ctx = {"slogan": tip.kind == "slogan", "topic": topic_name(bank, hit.topic, locale),
           "text": text, "source": citation(bank, tip.source, locale), "booster": None,
           "region": region_of(None, locale)}
    return (Label("inline.tip_title", {"slogan": ctx["slogan"], "topic": ctx["topic"]}),
            Label(shorten(text, DESCRIPTION_MAX), raw=True),
            Message("push.tip", ctx))


def _article(bank: Bank, hit: Hit, locale: str) -> Article | None:
    build = {"scam": _scam, "case": _case, "tip": _tip}[hit.kind]
    parts = build(bank, hit, locale)
    if parts is None:
        return None
    result_id = f"{hit.kind}:{hit.item_id}"[:ID_MAX]
    start = f"quiz_{hit.topic}" if hit.topic in bank.scam_types else None
    return Article(result_id, *parts, start=start)


def inline(bank: Bank, locale: str, event: InlineQuery) -> InlineAnswer:
    """Results for an inline query in the user's language (a few featured ones when empty)."""
    found = (_article(bank, hit, locale) for hit in search(bank, event.query))
    return InlineAnswer(event.query_id, tuple(a for a in found if a is not None))
