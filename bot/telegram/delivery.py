"""Framework-neutral delivery: answer the press, edit or send, retry within Telegram's rules."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from bot.core.replies import Document, Message, Reply, Toast
from bot.texts.catalog import Rendered, Texts

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_RETRY_WAIT = 30.0


class Blocked(Exception):
    """The user blocked the bot (403)."""


class RetryLater(Exception):
    """Telegram asked us to wait (429)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds}s")
        self.seconds = seconds


class Transient(Exception):
    """A network error, timeout or 5xx worth retrying."""


class NotModified(Exception):
    """The edit would not change the message."""


class EditGone(Exception):
    """The message to edit no longer exists or cannot be edited."""


class ChatApi(Protocol):
    """The few Bot API calls delivery needs, with errors mapped to the classes above."""

    async def send(self, chat_id: int, msg: Rendered) -> None:
        """sendMessage with HTML parse mode."""

    async def edit(self, chat_id: int, message_id: int, msg: Rendered) -> None:
        """editMessageText with HTML parse mode."""

    async def answer(self, callback_id: str, text: str | None, alert: bool) -> None:
        """answerCallbackQuery."""

    async def send_document(self, chat_id: int, filename: str, content: bytes,
                            caption: str) -> None:
        """sendDocument as a multipart upload, with an HTML caption."""


def bad_request_error(description: str) -> Exception | None:
    """The delivery error a 400's description stands for, or None if delivery can't use it."""
    if "not modified" in description:
        return NotModified(description)
    gone = ("to edit not found", "can't be edited", "query is too old")
    if any(fragment in description for fragment in gone):
        return EditGone(description)
    return None


@dataclass(frozen=True)
class Origin:
    """Where an update came from, so replies go back there."""

    chat_id: int
    callback_id: str | None = None
    message_id: int | None = None


async def with_retries(call: Callable[[], Awaitable[T]], attempts: int = 4) -> T:
    """Run a call, honouring retry_after and backing off on transient errors."""
    for attempt in range(attempts):
        try:
            return await call()
        except RetryLater as exc:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(min(exc.seconds, MAX_RETRY_WAIT))
        except Transient:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(0.5 * 2**attempt)
    raise AssertionError("unreachable")


async def deliver(api: ChatApi, texts: Texts, locale: str, origin: Origin,
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


async def _deliver_message(api: ChatApi, origin: Origin, msg: Rendered) -> None:
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


async def _deliver_document(api: ChatApi, origin: Origin, doc: Document, caption: str) -> None:
    await with_retries(lambda: api.send_document(origin.chat_id, doc.filename, doc.content,
                                                 caption))
