"""Route a parsed event to the one use case that handles it."""

from __future__ import annotations

from bot.core.callbacks import decode
from bot.core.events import Command, Event, Photo, Press, Text
from bot.core.replies import Message, Reply, Toast
from bot.services import (
    admin,
    certificate,
    check,
    contest,
    privacy,
    profile,
    quiz,
    reminders,
    settings,
)
from bot.services.context import Ctx
from bot.services.views import menu_keyboard

# Commands shown in Telegram's menu, in this order (descriptions are templates).
MENU_COMMANDS = ("start", "quiz", "topics", "me", "top", "subscribe", "unsubscribe", "settings",
                 "name", "timezone", "certificate", "mydata", "forget", "help")
DEEP_LINK_QUIZ = "quiz_"


async def on_command(c: Ctx, cmd: Command) -> list[Reply]:
    """Handle a /command."""
    if cmd.name == "start":
        replies = settings.welcome(c)
        payload = cmd.args[0] if cmd.args else ""
        if payload.startswith(DEEP_LINK_QUIZ):
            topic = c.bank.find_topic(payload.removeprefix(DEEP_LINK_QUIZ))
            replies += await quiz.start_round(c, topic)
        return replies
    if cmd.name == "quiz":
        topic = c.bank.find_topic(" ".join(cmd.args)) if cmd.args else None
        if cmd.args and topic is None:
            return [Message("topic_unknown", {"word": " ".join(cmd.args)})] + await (
                profile.topics(c)
            )
        return await quiz.resume_or_start(c, topic)
    simple = {
        "topics": profile.topics,
        "me": profile.me,
        "top": profile.top,
    }
    if cmd.name in simple:
        return await simple[cmd.name](c)
    if cmd.name == "settings":
        return [settings.settings_view(c)]
    if cmd.name == "subscribe":
        return await reminders.subscribe(c, cmd.args)
    if cmd.name == "unsubscribe":
        return await reminders.unsubscribe(c)
    if cmd.name == "timezone":
        return await reminders.set_timezone(c, cmd.args)
    if cmd.name == "stats":
        return await admin.stats(c)
    if cmd.name == "broadcast":
        return await admin.broadcast(c, cmd)
    if cmd.name == "name":
        return settings.set_name(c, cmd.args)
    if cmd.name == "contest":
        return await contest.start(c, cmd.args)
    if cmd.name == "stopcontest":
        return await contest.stop(c)
    if cmd.name == "certificate":
        return await certificate.certificate(c)
    if cmd.name == "mydata":
        return await privacy.my_data(c)
    if cmd.name == "forget":
        return privacy.forget(c)
    if cmd.name == "help":
        return [Message("help", {"commands": MENU_COMMANDS})]
    return [Message("unknown_command", {"command": cmd.name})]


async def on_press(c: Ctx, press: Press) -> list[Reply]:
    """Handle a button press; malformed or stale data changes nothing."""
    cb = decode(press.data)
    if cb is None:
        return [quiz.EXPIRED]
    nums = cb.ints()
    if cb.action == "a" and nums and len(nums) == 3:
        return await quiz.answer(c, *nums)
    if cb.action == "n" and nums and len(nums) == 2:
        return await quiz.next_question(c, *nums)
    if cb.action == "s" and nums and len(nums) == 1:
        return await quiz.summary(c, nums[0])
    if cb.action == "t" and len(cb.args) == 1 and cb.args[0] in c.bank.scam_types:
        return await quiz.start_round(c, cb.args[0])
    if cb.action == "aud" and len(cb.args) == 1:
        return settings.set_audience(c, cb.args[0])
    if cb.action == "set" and 1 <= len(cb.args) <= 2:
        return settings.change_setting(c, cb.args[0], cb.args[1] if len(cb.args) > 1 else None)
    if cb.action == "bc":
        return await admin.confirm(c, cb.args)
    if cb.action == "fg":
        return await privacy.confirm_forget(c, cb.args)
    if cb.action == "sub" and 1 <= len(cb.args) <= 2:
        return await reminders.change(c, cb.args)
    if cb.action == "ck" and 1 <= len(cb.args) <= 2 and cb.args[0] in c.bank.scam_types:
        return check.scam_card(c, *cb.args)
    if cb.action == "m" and cb.args == ("quiz",):
        return await quiz.resume_or_start(c, None)
    if cb.action == "m" and cb.args == ("topics",):
        return await profile.topics(c)
    if cb.action == "m" and cb.args == ("settings",):
        return [settings.settings_view(c)]
    if cb.action == "m" and cb.args == ("check",):
        return [check.how_to_check()]
    if cb.action == "top" and cb.args == ("join",):
        return await profile.join_board(c)
    if cb.action == "tz" and len(cb.args) == 1:
        return await reminders.pick_timezone(c, cb.args[0])
    return [Toast("toast.expired")]


async def on_text(c: Ctx, text: Text) -> list[Reply]:
    """Plain text in a private chat is checked for scam scripts; elsewhere, the menu."""
    if c.actor.chat_type == "private":
        return await check.check_text(c, text.text)
    return [Message("text_fallback", {}, menu_keyboard())]


async def route(c: Ctx, event: Event) -> list[Reply]:
    """Dispatch any event."""
    if isinstance(event, Command):
        return await on_command(c, event)
    if isinstance(event, Press):
        return await on_press(c, event)
    if isinstance(event, Photo):
        return await check.check_photo(c, event)
    if isinstance(event, Text):
        return await on_text(c, event)
    return []
