"""python-telegram-bot adapter: parse updates, call the runtime, deliver through PTB."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.core.events import Actor, Command, Event, Press, Text
from bot.telegram.delivery import (
    Blocked,
    EditGone,
    NotModified,
    Origin,
    RetryLater,
    Transient,
    parse_command,
)
from bot.telegram.runtime import Runtime
from bot.texts.catalog import Rendered

log = logging.getLogger(__name__)


def _markup(msg: Rendered) -> InlineKeyboardMarkup | None:
    if not msg.keyboard:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.data, url=b.url) for b in row]
         for row in msg.keyboard]
    )


class PtbApi:
    """ChatApi over a PTB Bot, mapping PTB errors to delivery's."""

    def __init__(self, app: Application) -> None:  # type: ignore[type-arg]
        self.bot = app.bot

    async def _call(self, coro):  # type: ignore[no-untyped-def]
        try:
            return await coro
        except RetryAfter as exc:
            ra = exc.retry_after
            raise RetryLater(ra if isinstance(ra, int | float) else ra.total_seconds()) from exc
        except Forbidden as exc:
            raise Blocked(str(exc)) from exc
        except BadRequest as exc:
            if "not modified" in exc.message:
                raise NotModified(exc.message) from exc
            if "to edit not found" in exc.message or "can't be edited" in exc.message:
                raise EditGone(exc.message) from exc
            if "query is too old" in exc.message:
                raise EditGone(exc.message) from exc
            raise
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


def _actor(update: Update) -> Actor | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    return Actor(user.id, chat.id, user.language_code, user.first_name or "",
                 datetime.now(UTC), chat.type)


def build_ptb(runtime: Runtime, token: str, base_url: str) -> Application:  # type: ignore[type-arg]
    """Build the PTB Application with every handler registered here."""
    app = (
        ApplicationBuilder().token(token)
        .base_url(f"{base_url}/bot").base_file_url(f"{base_url}/file/bot").build()
    )
    api = PtbApi(app)

    async def on_message(update: Update, _ctx: ContextTypes.DEFAULT_TYPE) -> None:
        actor, msg = _actor(update), update.effective_message
        if actor is None or msg is None or msg.text is None:
            return
        parsed = parse_command(msg.text, app.bot.username)
        event: Event
        if parsed is not None:
            event = Command(*parsed)
        elif actor.chat_type == "private":
            event = Text(msg.text)
        else:
            return  # In groups the bot answers only commands addressed to it.
        await runtime.process(api, actor, event, Origin(actor.chat_id), update.update_id)

    async def on_press(update: Update, _ctx: ContextTypes.DEFAULT_TYPE) -> None:
        actor, q = _actor(update), update.callback_query
        if actor is None or q is None:
            return
        mid = q.message.message_id if q.message else None
        origin = Origin(actor.chat_id, q.id, mid)
        await runtime.process(api, actor, Press(q.data, mid), origin, update.update_id)

    async def on_error(update: object, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        uid = update.update_id if isinstance(update, Update) else None
        log.error("update %s raised %r", uid, ctx.error)

    # Order matters only in that text and presses are disjoint; one group suffices.
    app.add_handler(MessageHandler(filters.TEXT & ~filters.UpdateType.EDITED, on_message))
    app.add_handler(CallbackQueryHandler(on_press))
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
