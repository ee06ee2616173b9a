"""Framework-neutral delivery: answer the press, edit or send, retry within Telegram's rules."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.core.replies import Document, Message, Reply, Toast
from bot.telegram.api import BotApi, EditGone, NotModified, RetryLater, Transient, with_retries
from bot.texts.catalog import Rendered, Texts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Origin:
    """Where an update came from, so replies go back there."""

    chat_id: int
    callback_id: str | None = None
    message_id: int | None = None


async def deliver(api: BotApi, texts: Texts, locale: str, origin: Origin,
                  replies: list[Reply]) -> None:
    """Deliver replies: the press is answered first, then messages are edited or sent."""
    toast = next((r for r in replies if isinstance(r, Toast)), None)
    if origin.callback_id is not None:
        text = texts.toast(toast, locale) if toast else None
        alert = bool(toast and toast.alert)
        cid = origin.callback_id
        try:
            await with_retries(lambda: api.answer(cid, text, alert))
        except (EditGone, Transient, RetryLater) as exc:
            log.info("callback answer failed: %s", exc)
    for reply in replies:
        if isinstance(reply, Message):
            await _deliver_message(api, origin, texts.message(reply, locale))
        elif isinstance(reply, Document):
            await _deliver_document(api, origin, reply, texts.render(reply.caption, locale,
                                                                     dict(reply.ctx)))


async def _deliver_message(api: BotApi, origin: Origin, msg: Rendered) -> None:
    if msg.edit and origin.message_id is not None:
        mid = origin.message_id
        try:
            await with_retries(lambda: api.edit(origin.chat_id, mid, msg))
            return
        except NotModified:
            return
        except EditGone:
            log.info("message %s can't be edited; sending a new one", mid)
    await with_retries(lambda: api.send(origin.chat_id, msg))


async def _deliver_document(api: BotApi, origin: Origin, doc: Document, caption: str) -> None:
    await with_retries(lambda: api.send_document(origin.chat_id, doc.filename, doc.content,
                                                 caption))
