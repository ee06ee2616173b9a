"""The one Bot API port: every call the bot makes, one error mapping and one retry policy.

Each framework implements `BotApi` once (bot/telegram/ptb.py, bot/telegram/aiogram_adapter.py),
against TELEGRAM_API_BASE_URL. Replies, contest polls, pushed messages, picture downloads and
member lookups all go through it; nothing else talks to the Bot API.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from bot.core.contest import QuizPoll
from bot.texts.catalog import Rendered, RenderedButton

T = TypeVar("T")
Menu = list[tuple[str, str]]  # (command, description) for setMyCommands


class ApiFailure(Exception):
    """A Bot API call that did not succeed, classified once for both frameworks."""


class Blocked(ApiFailure):
    """The user blocked the bot, or the bot may not post in the chat (403)."""


class RetryLater(ApiFailure):
    """Telegram asked us to wait (429)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds}s")
        self.seconds = seconds


class Transient(ApiFailure):
    """A network error, timeout, conflict or 5xx worth retrying."""


class NotModified(ApiFailure):
    """The edit would not change the message."""


class EditGone(ApiFailure):
    """The message to edit no longer exists or cannot be edited."""


class Rejected(ApiFailure):
    """Refused for good (400 chat not found, bad HTML, 401, 404...)."""


class TooLarge(ApiFailure):
    """A file bigger than the caller accepts."""


def classify(status: int | None, description: str,
             retry_after: float | None = None) -> ApiFailure:
    """The failure an HTTP status (None: no response at all) and description stand for."""
    if status == 429:
        return RetryLater(float(retry_after or 1))
    if status == 403:
        return Blocked(description)
    if status is None or status >= 500 or status in (408, 409, 413):
        return Transient(description or f"HTTP {status}")
    if "not modified" in description:
        return NotModified(description)
    gone = ("to edit not found", "can't be edited", "query is too old")
    if any(fragment in description for fragment in gone):
        return EditGone(description)
    return Rejected(description or f"HTTP {status}")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long a failed call is tried again (429 and transient errors only)."""

    transient_attempts: int = 4  # tries in all while the network or server fails
    later_attempts: int = 4  # tries in all while Telegram answers 429
    max_wait: float = 30.0  # never wait longer than this on a 429
    backoff: float = 0.5  # first wait after a transient error; doubles each time

    def wait(self, exc: ApiFailure, transient: int, later: int) -> float | None:
        """Seconds to wait before the next try, after `transient` and `later` failures so far;
        None when the call should give up."""
        if isinstance(exc, RetryLater) and later < self.later_attempts:
            return min(exc.seconds, self.max_wait)
        if isinstance(exc, Transient) and transient < self.transient_attempts:
            return self.backoff * 2 ** (transient - 1)
        return None


REPLIES = RetryPolicy()  # answers to an update: a user is waiting
PUSHES = RetryPolicy(later_attempts=1_000, max_wait=60.0, backoff=0.4)  # reminders, broadcasts
Sleep = Callable[[float], Awaitable[None]]


async def with_retries(call: Callable[[], Awaitable[T]], policy: RetryPolicy = REPLIES,
                       on_wait: Callable[[ApiFailure, float], Awaitable[None]] | None = None
                       ) -> T:
    """Run a call, trying again as the policy says; the last failure is raised.

    `on_wait` replaces the plain sleep (the outbox pauses its rate limiter on a 429 instead).
    """
    transient = later = 0
    while True:
        try:
            return await call()
        except (RetryLater, Transient) as exc:
            transient += isinstance(exc, Transient)
            later += isinstance(exc, RetryLater)
            seconds = policy.wait(exc, transient, later)
            if seconds is None:
                raise
            await (on_wait(exc, seconds) if on_wait else asyncio.sleep(seconds))


@dataclass(frozen=True)
class FileInfo:
    """getFile's answer: where to download a file and how big it is (0 if not told)."""

    file_id: str
    path: str
    size: int


@dataclass(frozen=True)
class RenderedArticle:
    """An InlineQueryResultArticle: HTML message text and an optional URL button."""

    id: str
    title: str
    description: str
    text: str
    button: RenderedButton | None = None


class BotApi(Protocol):
    """Every Bot API call the bot makes, errors raised as the ApiFailure classes above."""

    @property
    def username(self) -> str | None:
        """The bot's @username once started (getMe)."""

    async def start(self) -> str | None:
        """getMe (once); the bot's username. Safe to call again."""

    async def close(self) -> None:
        """Release the HTTP connections. Safe to call again."""

    async def send(self, chat_id: int, msg: Rendered, push: bool = False) -> int:
        """sendMessage (HTML); push: a reminder or broadcast (no link previews, paid if
        configured). Returns the message id."""

    async def edit(self, chat_id: int, message_id: int, msg: Rendered) -> None:
        """editMessageText (HTML)."""

    async def answer(self, callback_id: str, text: str | None, alert: bool) -> None:
        """answerCallbackQuery."""

    async def send_document(self, chat_id: int, filename: str, content: bytes,
                            caption: str) -> None:
        """sendDocument as a multipart upload, with an HTML caption."""

    async def send_photo(self, chat_id: int, png: bytes, caption: Rendered) -> None:
        """sendPhoto as a multipart upload, with an HTML caption and buttons."""

    async def answer_inline(self, query_id: str, articles: list[RenderedArticle],
                            cache_time: int, is_personal: bool) -> None:
        """answerInlineQuery with article results."""

    async def send_poll(self, chat_id: int, poll: QuizPoll) -> tuple[str, int]:
        """sendPoll as a non-anonymous quiz; the poll id and the message id."""

    async def stop_poll(self, chat_id: int, message_id: int) -> None:
        """stopPoll."""

    async def get_file(self, file_id: str) -> FileInfo:
        """getFile."""

    async def download(self, file: FileInfo, limit: int) -> bytes:
        """The whole file; TooLarge if it is bigger than `limit` bytes."""

    async def member_status(self, chat_id: int, user_id: int) -> str:
        """getChatMember: creator, administrator, member, restricted, left or kicked."""

    async def set_commands(self, commands: Menu, language: str | None, admins: bool) -> None:
        """setMyCommands for a language (None: the default), for everyone or group admins."""


def check_size(data: bytes, limit: int) -> bytes:
    """The downloaded bytes, or TooLarge when they exceed the limit."""
    if len(data) > limit:
        raise TooLarge(f"{len(data)} bytes, more than {limit}")
    return data


def push_options(no_preview: object, paid_broadcast: bool, push: bool) -> dict[str, Any]:
    """sendMessage's extra fields for a push: no link preview, paid broadcast if enabled."""
    if not push:
        return {}
    return {"link_preview_options": no_preview, "allow_paid_broadcast": paid_broadcast or None}
