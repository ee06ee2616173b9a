"""python-telegram-bot adapter: the Bot API port over PTB, and updates handed to the runtime."""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable
from datetime import timedelta
from typing import Any, TypeVar

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputFile,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application, ApplicationBuilder, ContextTypes, ExtBot, TypeHandler
from telegram.request import HTTPXRequest

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
from bot.telegram.runtime import Runtime
from bot.telegram.updates import UPDATE_TYPES
from bot.texts.catalog import Rendered, RenderedButton

log = logging.getLogger(__name__)
T = TypeVar("T")
CONNECTIONS = 256  # PTB's own default for the bot's requests (broadcasts send in parallel)


def _markup(msg: Rendered) -> InlineKeyboardMarkup | None:
    if not msg.keyboard:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.data, url=b.url) for b in row]
         for row in msg.keyboard]
    )


def _url_markup(b: RenderedButton | None) -> InlineKeyboardMarkup | None:
    return None if b is None else InlineKeyboardMarkup([[InlineKeyboardButton(b.text, url=b.url)]])


def _failure(exc: TelegramError) -> ApiFailure:
    """PTB's exception as the status it stands for, classified once (bot/telegram/api.py)."""
    if isinstance(exc, RetryAfter):
        ra = exc.retry_after
        return classify(429, exc.message, ra.total_seconds() if isinstance(ra, timedelta) else ra)
    status = next((code for kind, code in _STATUSES if isinstance(exc, kind)), 400)
    return classify(status, exc.message)


# PTB raises NetworkError for 5xx, timeouts and failed connections alike: no status to tell.
_STATUSES: tuple[tuple[type[TelegramError], int | None], ...] = (
    (Forbidden, 403), (InvalidToken, 401), (Conflict, 409), (BadRequest, 400),
    (ChatMigrated, 400), (NetworkError, None))


class PtbApi:
    """The Bot API port (bot/telegram/api.py) over a PTB ExtBot."""

    def __init__(self, token: str, base_url: str, paid_broadcast: bool = False) -> None:
        # Opt in to PTB 23's timedelta periods: PTB 22 otherwise warns on every RetryAfter (429).
        os.environ.setdefault("PTB_TIMEDELTA", "true")
        self.bot = ExtBot(token, base_url=f"{base_url}/bot", base_file_url=f"{base_url}/file/bot",
                          request=HTTPXRequest(connection_pool_size=CONNECTIONS),
                          get_updates_request=HTTPXRequest(connection_pool_size=1))
        self.paid_broadcast = paid_broadcast

    @property
    def username(self) -> str | None:
        """The bot's @username once started."""
        return self.bot.username if self.bot._bot_user is not None else None

    async def start(self) -> str | None:
        """getMe (once)."""
        await self._call(self.bot.initialize())
        return self.bot.username

    async def close(self) -> None:
        """Close the HTTP clients."""
        await self.bot.shutdown()

    async def _call(self, coro: Awaitable[T]) -> T:
        try:
            return await coro
        except TelegramError as exc:
            raise _failure(exc) from exc

    async def send(self, chat_id: int, msg: Rendered, push: bool = False) -> int:
        """sendMessage."""
        extra = push_options(LinkPreviewOptions(is_disabled=True), self.paid_broadcast, push)
        sent = await self._call(self.bot.send_message(
            chat_id, msg.text, parse_mode=ParseMode.HTML, reply_markup=_markup(msg), **extra))
        return int(sent.message_id)

    async def edit(self, chat_id: int, message_id: int, msg: Rendered) -> None:
        """editMessageText."""
        await self._call(self.bot.edit_message_text(msg.text, chat_id=chat_id,
                                                    message_id=message_id,
                                                    parse_mode=ParseMode.HTML,
                                                    reply_markup=_markup(msg)))

    async def answer(self, callback_id: str, text: str | None, alert: bool) -> None:
        """answerCallbackQuery."""
        await self._call(self.bot.answer_callback_query(callback_id, text=text,
                                                        show_alert=alert))

    async def send_document(self, chat_id: int, filename: str, content: bytes,
                            caption: str) -> None:
        """sendDocument (multipart upload)."""
        await self._call(self.bot.send_document(chat_id, InputFile(content, filename=filename),
                                                caption=caption, parse_mode=ParseMode.HTML))

    async def send_photo(self, chat_id: int, png: bytes, caption: Rendered) -> None:
        """sendPhoto (multipart upload)."""
        await self._call(self.bot.send_photo(
            chat_id, InputFile(png, filename="certificate.png"), caption=caption.text,
            parse_mode=ParseMode.HTML, reply_markup=_markup(caption)))

    async def answer_inline(self, query_id: str, articles: list[RenderedArticle],
                            cache_time: int, is_personal: bool) -> None:
        """answerInlineQuery with article results."""
        results = [InlineQueryResultArticle(
            a.id, a.title, InputTextMessageContent(a.text, parse_mode=ParseMode.HTML),
            reply_markup=_url_markup(a.button), description=a.description) for a in articles]
        await self._call(self.bot.answer_inline_query(query_id, results, cache_time=cache_time,
                                                      is_personal=is_personal))

    async def send_poll(self, chat_id: int, poll: QuizPoll) -> tuple[str, int]:
        """sendPoll: a non-anonymous quiz; the poll id and message id."""
        sent = await self._call(self.bot.send_poll(
            chat_id, poll.question, list(poll.options), is_anonymous=False, type="quiz",
            correct_option_ids=list(poll.correct_option_ids),  # type: ignore[arg-type]
            explanation=poll.explanation or None, open_period=poll.open_period))
        assert sent.poll is not None
        return str(sent.poll.id), int(sent.message_id)

    async def stop_poll(self, chat_id: int, message_id: int) -> None:
        """stopPoll."""
        await self._call(self.bot.stop_poll(chat_id, message_id))

    async def get_file(self, file_id: str) -> FileInfo:
        """getFile; the path relative to the file URL (PTB makes it absolute, token included)."""
        found = await self._call(self.bot.get_file(file_id))
        path = (found.file_path or "").removeprefix(f"{self.bot.base_file_url}/")
        return FileInfo(found.file_id, path, int(found.file_size or 0))

    async def download(self, file: FileInfo, limit: int) -> bytes:
        """The whole file (refused up front when getFile said it is too big)."""
        if file.size > limit:
            raise TooLarge(f"{file.size} bytes, more than {limit}")
        data = await self._call(self.bot.request.retrieve(
            f"{self.bot.base_file_url}/{file.path}"))
        return check_size(data, limit)

    async def member_status(self, chat_id: int, user_id: int) -> str:
        """getChatMember's status."""
        member = await self._call(self.bot.get_chat_member(chat_id, user_id))
        return str(member.status)

    async def set_commands(self, commands: Menu, language: str | None, admins: bool) -> None:
        """setMyCommands."""
        scope = BotCommandScopeAllChatAdministrators() if admins else None
        await self._call(self.bot.set_my_commands([BotCommand(c, d) for c, d in commands],
                                                  scope=scope, language_code=language))


def build_ptb(runtime: Runtime, api: PtbApi) -> Application:  # type: ignore[type-arg]
    """Build the PTB Application on the port's bot, with every handler registered here."""
    app = ApplicationBuilder().bot(api.bot).build()

    async def on_update(update: Update, _ctx: ContextTypes.DEFAULT_TYPE) -> None:
        await runtime.process_update(api, update, app.bot.username)

    async def on_error(update: object, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        uid = update.update_id if isinstance(update, Update) else None
        log.error("update %s raised %r", uid, ctx.error)

    # One handler for every update type: parsing is shared with aiogram (bot/telegram/updates.py).
    app.add_handler(TypeHandler(Update, on_update))
    app.add_error_handler(on_error)
    return app


class PtbBot:
    """A PTB Application taking updates by polling or from the webhook, one at a time, in order."""

    def __init__(self, runtime: Runtime, api: PtbApi) -> None:
        self.app: Application = build_ptb(runtime, api)  # type: ignore[type-arg]

    async def start(self, poll_timeout: int) -> None:
        """Initialize and start polling (deleteWebhook first)."""
        await self.app.initialize()
        await self.app.start()
        assert self.app.updater is not None
        await self.app.updater.start_polling(timeout=poll_timeout, poll_interval=0.0,
                                             allowed_updates=list(UPDATE_TYPES))

    async def start_webhook(self, url: str, secret: str) -> None:
        """Initialize and setWebhook; updates then come to feed()."""
        await self.app.initialize()
        await self.app.bot.set_webhook(url, secret_token=secret,
                                       allowed_updates=list(UPDATE_TYPES))
        await self.app.start()

    async def feed(self, data: dict[str, Any]) -> None:
        """Handle one update posted to the webhook, through the same handlers as polling."""
        await self.app.process_update(Update.de_json(data, self.app.bot))

    async def stop(self) -> None:
        """Stop polling and let in-flight updates finish (the port closes the connections)."""
        assert self.app.updater is not None
        if self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()
