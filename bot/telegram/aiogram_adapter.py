"""aiogram 3 adapter: the Bot API port over aiogram, and updates handed to the runtime.

It behaves like the PTB adapter (tests/e2e/test_conformance.py holds both to the same transcript):
the same parser (bot/telegram/updates.py), updates handled one at a time in order, the webhook
deleted before polling, aiogram's errors classified as PTB's are (bot/telegram/api.py).
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
from aiogram import BaseMiddleware, Bot, Dispatcher, Router
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
    TelegramObject,
)
from aiogram.types import Update as AiogramUpdate

from bot.core.contest import QuizPoll
from bot.telegram.api import (
    ApiFailure,
    FileInfo,
    Menu,
    RenderedArticle,
    TooLarge,
    check_size,
    classify,
)
from bot.telegram.runtime import Runtime
from bot.telegram.updates import UPDATE_TYPES
from bot.texts.catalog import Rendered, RenderedButton

log = logging.getLogger(__name__)
T = TypeVar("T")
# PTB's default read timeout; aiogram's is 60 s, which would stall a reply PTB would retry.
REQUEST_TIMEOUT = 5.0
CONNECTIONS = 256  # as PTB: pushed messages go out in parallel at high rates
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


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
        extra: dict[str, Any] = {}
        if push:
            extra["link_preview_options"] = LinkPreviewOptions(is_disabled=True)
            extra["allow_paid_broadcast"] = self.paid_broadcast or None
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


class FinishInFlight(BaseMiddleware):
    """Lets an update being handled finish when polling stops, as PTB does, instead of
    cancelling it half-way; remembers the last update id so stop() can confirm it."""

    def __init__(self) -> None:
        self.inflight: set[asyncio.Task[Any]] = set()
        self.last_update_id: int | None = None

    async def __call__(self, handler: Handler, event: TelegramObject,
                       data: dict[str, Any]) -> Any:
        """Run the rest of the chain in its own task, shielded from the polling loop's cancel."""
        if isinstance(event, AiogramUpdate):
            self.last_update_id = event.update_id
        task = asyncio.ensure_future(handler(event, data))
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)
        return await asyncio.shield(task)

    async def drain(self) -> None:
        """Wait for every update still being handled."""
        while self.inflight:
            await asyncio.gather(*self.inflight, return_exceptions=True)


async def on_update(_event: TelegramObject, event_update: AiogramUpdate, runtime: Runtime,
                    api: AiogramApi) -> None:
    """Every subscribed update type: the shared parser, the service, delivery."""
    await runtime.process_update(api, event_update, api.username)


def build_aiogram(runtime: Runtime, api: AiogramApi) -> Dispatcher:
    """Build the Dispatcher, its router and middleware all registered here."""
    router = Router(name="antifraud")
    for kind in UPDATE_TYPES:
        router.observers[kind].register(on_update)
    inflight = FinishInFlight()
    # Dependencies reach handlers as workflow data; the FSM is unused (state is in the database).
    dp = Dispatcher(disable_fsm=True, runtime=runtime, api=api, inflight=inflight)
    dp.update.outer_middleware(inflight)
    dp.include_router(router)
    return dp


class AiogramBot:
    """An aiogram Dispatcher taking updates by polling or from the webhook, one at a time."""

    def __init__(self, runtime: Runtime, api: AiogramApi) -> None:
        self.api, self.bot = api, api.bot
        self.dp = build_aiogram(runtime, api)
        self.inflight: FinishInFlight = self.dp["inflight"]
        self._polling: asyncio.Task[None] | None = None
        self._webhook = False
        # aiogram logs every update at INFO; PTB doesn't, and the logs should read alike.
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)

    async def start(self, poll_timeout: int) -> None:
        """Delete the webhook and start polling."""
        # PTB does this itself; aiogram doesn't, and getUpdates fails (409) while a webhook is set.
        await self.bot.delete_webhook()
        started = asyncio.Event()

        async def on_startup() -> None:
            started.set()

        self.dp.startup.register(on_startup)
        # handle_as_tasks=False: one update at a time, in order, like PTB's default, so a double
        # press is seen as a second press rather than racing the first.
        self._polling = asyncio.create_task(self.dp.start_polling(
            self.bot, polling_timeout=poll_timeout, handle_as_tasks=False,
            allowed_updates=list(UPDATE_TYPES), handle_signals=False, close_bot_session=False,
        ))
        waiter = asyncio.create_task(started.wait())
        await asyncio.wait({waiter, self._polling}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        if self._polling.done():
            self._polling.result()

    async def start_webhook(self, url: str, secret: str) -> None:
        """setWebhook; updates then come to feed()."""
        await self.bot.set_webhook(url=url, secret_token=secret,
                                   allowed_updates=list(UPDATE_TYPES))
        self._webhook = True

    async def feed(self, data: dict[str, Any]) -> None:
        """Handle one update posted to the webhook, through the same router as polling."""
        await self.dp.feed_raw_update(self.bot, data)

    async def stop(self) -> None:
        """Stop polling and let in-flight updates finish (the port closes the connections)."""
        polling, self._polling = self._polling, None
        if polling is not None:
            if not polling.done():
                await self.dp.stop_polling()
            try:
                await polling
            except Exception:
                log.exception("aiogram polling failed")
        await self.inflight.drain()
        if not self._webhook:  # a webhook confirms each update by its HTTP reply
            await self._confirm()

    async def _confirm(self) -> None:
        # aiogram confirms an update only with its next getUpdates, which stopping cancels; without
        # this the next start would handle the last update twice. PTB sends the same call on stop.
        last = self.inflight.last_update_id
        if last is None:
            return
        try:
            await self.bot.get_updates(offset=last + 1, timeout=0,
                                       allowed_updates=list(UPDATE_TYPES))
        except TelegramAPIError as exc:
            log.warning("could not confirm update %s: %s", last, exc)
