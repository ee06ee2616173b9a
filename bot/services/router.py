"""Route a parsed event to the one use case that handles it: a table per kind of event."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.core import callbacks as cb
from bot.core.events import Command, Event, Photo, Press, Text
from bot.core.replies import Message, Reply
from bot.services import (
    admin,
    certificate,
    check,
    contest,
    privacy,
    profile,
    quiz,
    reminders,
    reports,
    settings,
)
from bot.services.context import Ctx
from bot.services.views import menu_keyboard

# Commands shown in Telegram's menu, in this order (descriptions are templates).
MENU_COMMANDS = ("start", "quiz", "topics", "me", "top", "subscribe", "unsubscribe", "settings",
                 "name", "timezone", "certificate", "mydata", "forget", "help")
DEEP_LINK_QUIZ = "quiz_"

UseCase = Callable[[Ctx, Any], Awaitable[list[Reply]]]


async def cmd_start(c: Ctx, cmd: Command) -> list[Reply]:
    """/start [quiz_<topic>]: the welcome, then a round when a deep link names a topic."""
    replies = settings.welcome(c)
    payload = cmd.args[0] if cmd.args else ""
    if payload.startswith(DEEP_LINK_QUIZ):
        topic = c.bank.find_topic(payload.removeprefix(DEEP_LINK_QUIZ))
        replies += await quiz.start_round(c, topic)
    return replies


async def cmd_quiz(c: Ctx, cmd: Command) -> list[Reply]:
    """/quiz [topic]: resume or start a round; an unknown topic shows the list."""
    topic = c.bank.find_topic(" ".join(cmd.args)) if cmd.args else None
    if cmd.args and topic is None:
        unknown: list[Reply] = [Message("topic_unknown", {"word": " ".join(cmd.args)})]
        return unknown + await profile.topics(c)
    return await quiz.resume_or_start(c, topic)


async def cmd_help(c: Ctx, cmd: Command) -> list[Reply]:
    """/help: every command in the menu."""
    return [Message("help", {"commands": MENU_COMMANDS})]


def _no_args(use_case: Callable[[Ctx], Awaitable[list[Reply]]]) -> UseCase:
    async def run(c: Ctx, _event: Any) -> list[Reply]:
        return await use_case(c)

    return run


def _args(use_case: Callable[[Ctx, tuple[str, ...]], Awaitable[list[Reply]]]) -> UseCase:
    async def run(c: Ctx, cmd: Command) -> list[Reply]:
        return await use_case(c, cmd.args)

    return run


COMMANDS: dict[str, UseCase] = {
    "start": cmd_start,
    "quiz": cmd_quiz,
    "topics": _no_args(profile.topics),
    "me": _no_args(profile.me),
    "top": _no_args(profile.top),
    "settings": _no_args(settings.show),
    "subscribe": _args(reminders.subscribe),
    "unsubscribe": _no_args(reminders.unsubscribe),
    "timezone": _args(reminders.set_timezone),
    "name": _args(settings.set_name),
    "stats": _no_args(admin.stats),
    "broadcast": admin.broadcast,
    "contest": _args(contest.start),
    "stopcontest": _no_args(contest.stop),
    "certificate": _no_args(certificate.certificate),
    "mydata": _no_args(privacy.my_data),
    "forget": _no_args(privacy.forget),
    "reports": _no_args(reports.clusters),
    "help": cmd_help,
}

PRESSES: dict[type[cb.Action], UseCase] = {
    cb.AnswerOption: quiz.answer,
    cb.NextQuestion: quiz.next_question,
    cb.ShowSummary: quiz.summary,
    cb.StartTopic: quiz.start_topic,
    cb.PracticeTechnique: quiz.practise_technique,
    cb.OpenQuiz: _no_args(quiz.open_quiz),
    cb.OpenTopics: _no_args(profile.topics),
    cb.OpenSettings: _no_args(settings.show),
    cb.OpenCheck: _no_args(check.how_to_check),
    cb.ChooseAudience: settings.set_audience,
    cb.AskAudience: _no_args(settings.ask_audience),
    cb.SetLanguage: settings.set_language,
    cb.SetRoundLength: settings.set_round_length,
    cb.SetLeaderboard: settings.set_leaderboard,
    cb.JoinBoard: _no_args(profile.join_board),
    cb.PickTimezone: reminders.pick_timezone,
    cb.RemindDaily: reminders.change,
    cb.RemindWeekly: reminders.change,
    cb.RemindAt: reminders.change,
    cb.StopReminders: _no_args(reminders.stop_from_button),
    cb.SetBooster: reminders.set_booster,
    cb.ShowScamCard: check.scam_card,
    cb.ShowScamCase: check.scam_card,
    cb.ShowScamSteps: check.scam_card,
    cb.ForgetConfirm: _no_args(privacy.confirm_forget),
    cb.ForgetCancel: _no_args(privacy.keep_data),
    cb.BroadcastSend: admin.confirm,
    cb.BroadcastDrop: admin.confirm,
    cb.SubmitReport: reports.submit,
}


async def on_command(c: Ctx, cmd: Command) -> list[Reply]:
    """Handle a /command."""
    use_case = COMMANDS.get(cmd.name)
    if use_case is None:
        return [Message("unknown_command", {"command": cmd.name})]
    return await use_case(c, cmd)


async def on_press(c: Ctx, press: Press) -> list[Reply]:
    """Handle a button press; malformed or stale data changes nothing."""
    action = cb.decode(press.data)
    use_case = PRESSES.get(type(action)) if isinstance(action, cb.Action) else None
    if use_case is None:
        return [quiz.EXPIRED]
    return await use_case(c, action)


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
