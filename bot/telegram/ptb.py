"""python-telegram-bot adapter: hand updates to the runtime, deliver through PTB."""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputFile,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.core.contest import QuizPoll
from bot.telegram.delivery import Blocked, RetryLater, Transient, bad_request_error
from bot.telegram.extras import RenderedArticle
from bot.telegram.runtime import Runtime
from bot.telegram.updates import UPDATE_TYPES
from bot.texts.catalog import Rendered, RenderedButton

log = logging.getLogger(__name__)


def _markup(msg: Rendered) -> InlineKeyboardMarkup | None:
    if not msg.keyboard:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.data, url=b.url) for b in row]
         for row in msg.keyboard]
    )


def _url_markup(b: RenderedButton | None) -> InlineKeyboardMarkup | None:
    return None if b is None else InlineKeyboardMarkup([[InlineKeyboardButton(b.text, url=b.url)]])


class PtbApi:
    """ChatApi over a PTB Bot, mapping PTB errors to delivery's."""

    def __init__(self, app: Application) -> None:  # type: ignore[type-arg]
        self.bot = app.bot

    async def _call(self, coro):  # type: ignore[no-untyped-def]
        try:
            return await coro
        except RetryAfter as exc:
            ra = exc.retry_after
            raise RetryLater(ra.total_seconds() if isinstance(ra, timedelta) else ra) from exc
        except Forbidden as exc:
            raise Blocked(str(exc)) from exc
        except BadRequest as exc:
            mapped = bad_request_error(exc.message)
            if mapped is None:
                raise
            raise mapped from exc
        except NetworkError as exc:
            raise Transient(str(exc)) from exc

    async def send(self, chat_id: int, msg: Rendered) -> None:
        """sendMessage."""
        await self._call(self.bot.send_message(chat_id, msg.text, parse_mode=ParseMode.HTML,
                                               reply_markup=_markup(msg)))

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


    async def send_poll(self, chat_id: int, poll: QuizPoll) -> tuple[str, int]:
        """sendPoll: a non-anonymous quiz; the poll id and message id."""
        sent = await self._call(self.bot.send_poll(
            chat_id, poll.question, list(poll.options), is_anonymous=False, type="quiz",
            correct_option_ids=list(poll.correct_option_ids),
            explanation=poll.explanation or None, open_period=poll.open_period))
        return str(sent.poll.id), int(sent.message_id)

    async def stop_poll(self, chat_id: int, message_id: int) -> None:
        """stopPoll."""
        await self._call(self.bot.stop_poll(chat_id, message_id))


    async def answer_inline(self, query_id: str, articles: list[RenderedArticle],
                            cache_time: int, is_personal: bool) -> None:
        """answerInlineQuery with article results."""
        results = [InlineQueryResultArticle(
            a.id, a.title, InputTextMessageContent(a.text, parse_mode=ParseMode.HTML),
            reply_markup=_url_markup(a.button), description=a.description) for a in articles]
        await self._call(self.bot.answer_inline_query(query_id, results, cache_time=cache_time,
                                                      is_personal=is_personal))

    async def send_photo(self, chat_id: int, png: bytes, caption: Rendered) -> None:
        """sendPhoto (multipart upload)."""
        await self._call(self.bot.send_photo(
            chat_id, InputFile(png, filename="certificate.png"), caption=caption.text,
            parse_mode=ParseMode.HTML, reply_markup=_markup(caption)))


def build_ptb(runtime: Runtime, token: str, base_url: str) -> Application:  # type: ignore[type-arg]
    """Build the PTB Application with every handler registered here."""
    # Opt in to PTB 23's timedelta periods: PTB 22 otherwise warns on every RetryAfter (429).
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    app = (
        ApplicationBuilder().token(token)
        .base_url(f"{base_url}/bot").base_file_url(f"{base_url}/file/bot").build()
    )
    api = PtbApi(app)

    async def on_update(update: Update, _ctx: ContextTypes.DEFAULT_TYPE) -> None:
        await runtime.process_update(api, update, app.bot.username)

    async def on_error(update: object, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        uid = update.update_id if isinstance(update, Update) else None
        log.error("update %s raised %r", uid, ctx.error)

    # One handler for every update type: parsing is shared with aiogram (bot/telegram/updates.py).
    app.add_handler(TypeHandler(Update, on_update))
    app.add_error_handler(on_error)
    return app


async def set_commands(app: Application, runtime: Runtime) -> None:  # type: ignore[type-arg]
    """Register the command menus per language; failures are only warnings."""
    for code, items in runtime.command_menus().items():
        commands = [BotCommand(c, d) for c, d in items]
        try:
            await app.bot.set_my_commands(commands, language_code=code)
        except TelegramError as exc:
            # Optional: a server without setMyCommands must not stop the bot.
            log.warning("setMyCommands(%s) failed: %s", code, exc)
    admins = BotCommandScopeAllChatAdministrators()  # group admins also see /contest
    for code, items in runtime.admin_menus().items():
        try:
            await app.bot.set_my_commands([BotCommand(c, d) for c, d in items], scope=admins,
                                          language_code=code)
        except TelegramError as exc:
            log.warning("setMyCommands(admins, %s) failed: %s", code, exc)


class PtbBot:
    """A PTB Application polling a Bot API server (updates handled one at a time, in order)."""

    def __init__(self, runtime: Runtime, token: str, base_url: str) -> None:
        self.runtime = runtime
        self.app: Application = build_ptb(runtime, token, base_url)  # type: ignore[type-arg]
        self.api = PtbApi(self.app)

    @property
    def username(self) -> str | None:
        """The bot's @username, once started."""
        return self.app.bot.username

    async def start(self, poll_timeout: int) -> None:
        """Initialize (getMe), register commands and start polling (deleteWebhook first)."""
        await self.app.initialize()
        await set_commands(self.app, self.runtime)
        await self.app.start()
        assert self.app.updater is not None
        await self.app.updater.start_polling(timeout=poll_timeout, poll_interval=0.0,
                                             allowed_updates=list(UPDATE_TYPES))

    async def start_webhook(self, url: str, secret: str) -> None:
        """Initialize (getMe), register commands and setWebhook; updates then come to feed()."""
        await self.app.initialize()
        await set_commands(self.app, self.runtime)
        await self.app.bot.set_webhook(url, secret_token=secret,
                                       allowed_updates=list(UPDATE_TYPES))
        await self.app.start()

    async def feed(self, data: dict[str, Any]) -> None:
        """Handle one update posted to the webhook, through the same handlers as polling."""
        await self.app.process_update(Update.de_json(data, self.app.bot))

    async def stop(self) -> None:
        """Stop polling and let in-flight updates finish."""
        assert self.app.updater is not None
        if self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()
