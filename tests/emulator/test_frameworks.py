"""Real python-telegram-bot and aiogram bots polling the emulator."""

from __future__ import annotations

import asyncio

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.types import Message as AiogramMessage
from telegram import InlineKeyboardButton as PtbButton
from telegram import InlineKeyboardMarkup as PtbMarkup
from telegram import Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tgemu import Emulator

TOKEN = "123:ABC"


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Echo the text back."""
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def _quiz(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send a quiz poll and a keyboard."""
    assert update.effective_chat is not None
    await context.bot.send_poll(
        update.effective_chat.id,
        "1+1?",
        ["1", "2"],
        type="quiz",
        correct_option_ids=[1],
        is_anonymous=False,
        explanation="<b>2</b>",
        explanation_parse_mode="HTML",
    )
    await context.bot.send_message(
        update.effective_chat.id,
        "<b>选一个</b>",
        parse_mode="HTML",
        reply_markup=PtbMarkup([[PtbButton("开始答题", callback_data="go")]]),
    )


async def _pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a button press and edit the message."""
    query = update.callback_query
    assert query is not None
    await query.answer("好的", show_alert=True)
    await query.edit_message_text(f"你选了 {query.data}")


async def test_ptb_application_polls_and_echoes(emu: Emulator) -> None:
    """A PTB Application echoes, sends a quiz, answers and edits."""
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{emu.base_url}/bot")
        .base_file_url(f"{emu.base_url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("quiz", _quiz))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    app.add_handler(CallbackQueryHandler(_pressed))
    user = emu.user(1001, first_name='<b>&"')
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=1)
        await user.send("你好 <b>")
        echo = await user.wait_for_bot(lambda m: m["text"] == "你好 <b>")
        await user.send("/quiz")
        keyboard = await user.wait_for_bot(
            lambda m: m["text"] == "选一个", since=echo["message_id"]
        )
        poll = user.messages()[-2]["poll"]
        assert poll["type"] == "quiz" and poll["correct_option_ids"] == [1]
        assert poll["explanation"] == "2"
        query_id = await user.press_button(keyboard["message_id"], "开始答题")
        assert await user.wait_for_answer(query_id) == {
            "text": "好的",
            "show_alert": True,
            "url": None,
            "cache_time": 0,
        }
        edited = await user.wait_for_bot(lambda m: m["edit_count"] == 1)
        assert edited["text"] == "你选了 go" and edited["reply_markup"] is None
        await emu.wait_idle()
        await app.updater.stop()
        await app.stop()
    assert emu.violations == []
    assert [m for m, _ in emu.requests][:2] == ["getMe", "deleteWebhook"]


async def test_aiogram_dispatcher_polls_and_echoes(emu: Emulator) -> None:
    """An aiogram Dispatcher echoes and handles a button."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))
    bot = Bot(TOKEN, session=session)
    dp = Dispatcher()

    @dp.message()
    async def echo(message: AiogramMessage) -> None:
        markup = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="pick:a")]]
        )
        await message.answer(message.text or "", reply_markup=markup)

    @dp.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        await query.answer("ok")

    user = emu.user(2002, first_name="Ann", language_code="en")
    await bot.delete_webhook(drop_pending_updates=True)
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    try:
        await user.send("hello")
        reply = await user.wait_for_bot(lambda m: m["text"] == "hello")
        query_id = await user.press(reply["message_id"], "pick:a")
        assert (await user.wait_for_answer(query_id))["text"] == "ok"
        await emu.wait_idle()
    finally:
        await dp.stop_polling()
        await task
    await bot.session.close()
    assert emu.violations == []
    assert emu.dispatcher.last_get_updates is not None
    assert sorted(emu.dispatcher.last_get_updates["allowed_updates"]) == [
        "callback_query",
        "message",
    ]
