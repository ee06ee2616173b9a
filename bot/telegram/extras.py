"""Replies beyond messages and toasts: inline answers and photos, ready for either framework."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.core.replies import InlineAnswer, Label, Picture, Reply
from bot.telegram.api import BotApi, RenderedArticle, with_retries
from bot.telegram.delivery import Origin
from bot.texts.catalog import Rendered, RenderedButton, Texts

Draw = Callable[[Picture, str], Awaitable[bytes]]


def deep_link(bot_username: str, payload: str | None) -> str:
    """t.me link that opens the bot, with /start payload when given."""
    base = f"https://t.me/{bot_username.lstrip('@')}"
    return f"{base}?start={payload}" if payload else base


def _label(texts: Texts, label: Label, locale: str) -> str:
    return label.key if label.raw else texts.render(label.key, locale, dict(label.ctx))


def render_articles(texts: Texts, locale: str, answer: InlineAnswer,
                    bot_username: str | None) -> list[RenderedArticle]:
    """Every article of an inline answer rendered in a locale."""
    out = []
    for a in answer.articles:
        button = None
        if bot_username:
            key = "btn.inline_quiz" if a.start else "btn.inline_open"
            button = RenderedButton(texts.render(key, locale), url=deep_link(bot_username,
                                                                             a.start))
        out.append(RenderedArticle(
            a.id, _label(texts, a.title, locale), _label(texts, a.description, locale),
            texts.message(a.message, locale).text, button))
    return out


async def deliver_extras(api: BotApi, texts: Texts, locale: str, origin: Origin,
                         replies: list[Reply], bot_username: str | None,
                         draw: Draw | None) -> None:
    """Answer inline queries and send photos among the replies (messages go via deliver)."""
    for reply in replies:
        if isinstance(reply, InlineAnswer):
            await _answer_inline(api, render_articles(texts, locale, reply, bot_username), reply)
        elif isinstance(reply, Picture) and draw is not None:
            png = await draw(reply, locale)
            await _send_photo(api, origin.chat_id, png, texts.message(reply.caption, locale))


async def _answer_inline(api: BotApi, articles: list[RenderedArticle],
                         answer: InlineAnswer) -> None:
    await with_retries(lambda: api.answer_inline(answer.query_id, articles, answer.cache_time,
                                                 answer.is_personal))


async def _send_photo(api: BotApi, chat_id: int, png: bytes, caption: Rendered) -> None:
    await with_retries(lambda: api.send_photo(chat_id, png, caption))
