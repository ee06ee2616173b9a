"""What the web page sees of the emulator: message views with names and votes, chat lists."""

from __future__ import annotations

from typing import Any

from tgemu import Emulator
from tgemu.models import Json

# Event kinds the page draws; others (inline answers, webhook errors...) are not sent to it.
PAGE_EVENTS = frozenset(
    {"message", "edit", "poll", "delete", "chat_action", "callback_answer", "violation"}
)
LANGUAGES = ("zh-hans", "zh-hant", "en")
NAME_LIMIT = 64


def user_view(emu: Emulator, user_id: int) -> Json:
    """A simulated user as the page lists it."""
    info = emu.state.users[user_id]
    return {"id": info.id, "first_name": info.first_name, "language_code": info.language_code}


def message_view(emu: Emulator, view: Json) -> Json:
    """An emulator message view plus the sender's name and who voted what in its poll."""
    out = dict(view)
    sender = emu.state.users.get(int(view.get("from_id") or 0))
    if view.get("from_bot"):
        out["from_name"] = emu.state.bot.first_name
    else:
        out["from_name"] = sender.first_name if sender is not None else str(view.get("from_id"))
    poll = view.get("poll")
    if poll is not None and poll.get("id") in emu.state.polls:
        votes = emu.state.polls[poll["id"]].votes
        out["poll_votes"] = {str(user): list(ids) for user, ids in votes.items()}
    return out


def page_event(emu: Emulator, event: Json) -> Json | None:
    """An emulator event as the page needs it, or None if the page does not draw it."""
    kind = event.get("type")
    if kind not in PAGE_EVENTS:
        return None
    out = dict(event)
    if isinstance(event.get("message"), dict):
        out["message"] = message_view(emu, event["message"])
    if kind == "callback_answer":
        record = emu.state.callbacks.get(str(event.get("callback_query_id")))
        out["user_id"] = record.user_id if record is not None else None
    return out


def chat_list(emu: Emulator, group_ids: list[int]) -> list[Json]:
    """The groups the page offers, with titles."""
    return [
        {"id": gid, "title": emu.state.chats[gid].title or "", "type": emu.state.chats[gid].type}
        for gid in group_ids
        if gid in emu.state.chats
    ]


def clean_name(value: Any) -> str:
    """A user's first name from the page: any text (it is escaped when shown), trimmed."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a name is required")
    name = value.strip()
    if len(name) > NAME_LIMIT:
        raise ValueError(f"names are at most {NAME_LIMIT} characters")
    return name


def clean_language(value: Any) -> str:
    """A language_code the bot understands."""
    if value not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    return str(value)


def clean_text(value: Any) -> str:
    """Message text as Telegram accepts it from a user: 1-4096 characters."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("the message is empty")
    if len(value) > 4096:
        raise ValueError("a message is at most 4096 characters")
    return value
