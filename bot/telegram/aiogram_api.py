"""The Bot API port (bot/telegram/api.py) over aiogram 3: every call, aiogram's errors classified
as PTB's are."""

from __future__ import annotations

import io
from collections.abc import Awaitable
from typing import TypeVar

import aiohttp
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputPollOption,
    InputTextMessageContent,
    LinkPreviewOptions,
)

from bot.core.contest import QuizPoll
from bot.telegram.api import (
    ApiFailure,
    FileInfo,
    Menu,
    RenderedArticle,
    TooLarge,
    check_size,
    classify,
    push_options,
)
from bot.texts.catalog import Rendered, RenderedButton

T = TypeVar("T")
# PTB's default read timeout; aiogram's is 60 s, which would stall a reply PTB would retry.
REQUEST_TIMEOUT = 5.0
CONNECTIONS = 256  # as PTB: pushed messages go out in parallel at high rates


def _markup(msg: Rendered) -> InlineKeyboardMarkup | None:
    if not msg.keyboard:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=b.text, callback_data=b.data, url=b.url) for b in row]
        for row in msg.keyboard
    ])


def _url_markup(b: RenderedButton | None) -> InlineKeyboardMarkup | None:
    if b is None:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=b.text, url=b.url)]])


# aiogram's exception classes and the HTTP status each stands for (None: no response at all).
_STATUSES: tuple[tuple[type[TelegramAPIError], int | None], ...] = (
    (TelegramForbiddenError, 403), (TelegramUnauthorizedError, 401), (TelegramNotFound, 404),
    (TelegramConflictError, 409), (TelegramEntityTooLarge, 413), (TelegramBadRequest, 400),
    (TelegramMigrateToChat, 400), (TelegramServerError, 500), (TelegramNetworkError, None))


def _failure(exc: TelegramAPIError) -> ApiFailure:
    """aiogram's exception as the status it stands for, classified once (bot/telegram/api.py)."""
    if isinstance(exc, TelegramRetryAfter):
        return classify(429, exc.message, exc.retry_after)
    status = next((code for kind, code in _STATUSES if isinstance(exc, kind)), 500)
    return classify(status, exc.message)


class AiogramApi:
    """The Bot API port (bot/telegram/api.py) over an aiogram Bot."""

    def __init__(self, token: str, base_url: str, paid_broadcast: bool = False) -> None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(base_url),
                                 timeout=REQUEST_TIMEOUT, limit=CONNECTIONS)
        self.bot = Bot(token, session=session)
        self.paid_broadcast = paid_broadcast
        self.username: str | None = None

    async def start(self) -> str | None:
        """getMe (once)."""
        if self.username is None:
            self.username = (await self._call(self.bot.me())).username
        return self.username

    async def close(self) -> None:
        """Close the HTTP session."""
        await self.bot.session.close()

    async def _call(self, call: Awaitable[T]) -> T:
        try:
            return await call
        except TelegramAPIError as exc:
            raise _failure(exc) from exc

    async def send(self, chat_id: int, msg: Rendered, push: bool = False) -> int:
        """sendMessage."""
        extra = push_options(LinkPreviewOptions(is_disabled=True), self.paid_broadcast, push)
        sent = await self._call(self.bot.send_message(
            chat_id=chat_id, text=msg.text, parse_mode="HTML", reply_markup=_markup(msg),
            **extra))
        return int(sent.message_id)

    async def edit(self, chat_id: int, message_id: int, msg: Rendered) -> None:
        """editMessageText."""
        await self._call(self.bot.edit_message_text(text=msg.text, chat_id=chat_id,
                                                    message_id=message_id, parse_mode="HTML",
                                                    reply_markup=_markup(msg)))

    async def answer(self, callback_id: str, text: str | None, alert: bool) -> None:
        """answerCallbackQuery."""
        await self._call(self.bot.answer_callback_query(callback_query_id=callback_id,
                                                        text=text, show_alert=alert))

    async def send_document(self, chat_id: int, filename: str, content: bytes,
                            caption: str) -> None:
        """sendDocument (multipart upload)."""
        await self._call(self.bot.send_document(
            chat_id=chat_id, document=BufferedInputFile(content, filename=filename),
            caption=caption, parse_mode="HTML"))

    async def send_photo(self, chat_id: int, png: bytes, caption: Rendered) -> None:
        """sendPhoto (multipart upload)."""
        await self._call(self.bot.send_photo(
            chat_id=chat_id, photo=BufferedInputFile(png, filename="certificate.png"),
            caption=caption.text, parse_mode="HTML", reply_markup=_markup(caption)))

    async def answer_inline(self, query_id: str, articles: list[RenderedArticle],
                            cache_time: int, is_personal: bool) -> None:
        """answerInlineQuery with article results."""
        results = [InlineQueryResultArticle(
            id=a.id, title=a.title, description=a.description,
            input_message_content=InputTextMessageContent(message_text=a.text,
                                                          parse_mode="HTML"),
            reply_markup=_url_markup(a.button)) for a in articles]
        await self._call(self.bot.answer_inline_query(inline_query_id=query_id,
                                                      results=list(results),
                                                      cache_time=cache_time,
                                                      is_personal=is_personal))

    async def send_poll(self, chat_id: int, poll: QuizPoll) -> tuple[str, int]:
        """sendPoll: a non-anonymous quiz; the poll id and message id."""
        sent = await self._call(self.bot.send_poll(
            # InputPollOption objects, as PTB sends them: the same request on both frameworks.
            chat_id=chat_id, question=poll.question,
            options=[InputPollOption(text=o) for o in poll.options],
            is_anonymous=False, type="quiz", correct_option_ids=list(poll.correct_option_ids),
            explanation=poll.explanation or None, open_period=poll.open_period))
        assert sent.poll is not None
        return str(sent.poll.id), int(sent.message_id)

    async def stop_poll(self, chat_id: int, message_id: int) -> None:
        """stopPoll."""
        await self._call(self.bot.stop_poll(chat_id=chat_id, message_id=message_id))

    async def get_file(self, file_id: str) -> FileInfo:
        """getFile."""
        found = await self._call(self.bot.get_file(file_id))
        return FileInfo(found.file_id, found.file_path or "", int(found.file_size or 0))

    async def download(self, file: FileInfo, limit: int) -> bytes:
        """The whole file (refused up front when getFile said it is too big)."""
        if file.size > limit:
            raise TooLarge(f"{file.size} bytes, more than {limit}")
        out = io.BytesIO()
        try:
            await self.bot.download_file(file.path, destination=out)
        except aiohttp.ClientResponseError as exc:
            raise classify(exc.status, exc.message) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise classify(None, f"download: {exc!r}") from exc
        return check_size(out.getvalue(), limit)

    async def member_status(self, chat_id: int, user_id: int) -> str:
        """getChatMember's status."""
        member = await self._call(self.bot.get_chat_member(chat_id=chat_id, user_id=user_id))
        return str(member.status)

    async def set_commands(self, commands: Menu, language: str | None, admins: bool) -> None:
        """setMyCommands."""
        scope = BotCommandScopeAllChatAdministrators() if admins else None
        await self._call(self.bot.set_my_commands(
            [BotCommand(command=c, description=d) for c, d in commands], scope=scope,
            language_code=language))
