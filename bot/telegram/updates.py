"""Reading updates into events, once for both frameworks.

python-telegram-bot and aiogram both mirror the Bot API's field names (and both rename `from` to
`from_user`), so one parser reads either library's Update. A new kind of input is added here and
in UPDATE_TYPES, and both adapters receive it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.events import Actor, Command, Event, InlineQuery, Photo, Press, Text, Vote
from bot.telegram.delivery import Origin

# The update types both adapters subscribe to (allowed_updates) and hand to parse_update.
UPDATE_TYPES = ("message", "callback_query", "poll_answer", "inline_query")
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?$", re.S)


@dataclass(frozen=True)
class Incoming:
    """An update the bot acts on: who, what, and where replies go."""

    actor: Actor
    event: Event
    origin: Origin


def parse_command(text: str, bot_username: str | None) -> tuple[str, tuple[str, ...]] | None:
    """Split '/cmd@bot args' into a lowercase name and arguments; None if not for us."""
    m = _COMMAND.match(text.strip())
    if m is None:
        return None
    name, target, rest = m.group(1).lower(), m.group(2), m.group(3) or ""
    if target and bot_username and target.lower() != bot_username.lower():
        return None
    return name, tuple(rest.split())


def parse_update(update: Any, bot_username: str | None, now: datetime) -> Incoming | None:
    """The event in a PTB or aiogram Update, or None for anything the bot ignores."""
    if update.message is not None:
        return _from_message(update.message, bot_username, now)
    if update.callback_query is not None:
        return _from_press(update.callback_query, now)
    if getattr(update, "poll_answer", None) is not None:
        return _from_vote(update.poll_answer, now)
    if getattr(update, "inline_query", None) is not None:
        return _from_inline(update.inline_query, now)
    return None


def _actor(user: Any, chat: Any, now: datetime) -> Actor | None:
    if user is None or chat is None or user.is_bot:
        return None
    return Actor(user.id, chat.id, user.language_code, user.first_name or "", now, chat.type)


def _from_message(msg: Any, bot_username: str | None, now: datetime) -> Incoming | None:
    actor = _actor(msg.from_user, msg.chat, now)
    if actor is None:
        return None
    picture = _picture(msg)
    if picture is not None and actor.chat_type == "private":
        return Incoming(actor, Photo(picture, msg.caption or None), Origin(actor.chat_id))
    if not msg.text:
        return None
    parsed = parse_command(msg.text, bot_username)
    event: Event
    if parsed is not None:
        reply = getattr(msg, "reply_to_message", None)
        event = Command(*parsed, reply_text=(reply.text or reply.caption or None)
                        if reply is not None else None)
    elif actor.chat_type == "private":
        event = Text(msg.text)
    else:
        return None  # In groups the bot answers only commands addressed to it.
    return Incoming(actor, event, Origin(actor.chat_id))


def _picture(msg: Any) -> str | None:
    """The file id of the largest size of a photo, or of an image sent as a file."""
    sizes = getattr(msg, "photo", None)
    if sizes:
        return str(max(sizes, key=lambda s: (s.width or 0) * (s.height or 0)).file_id)
    doc = getattr(msg, "document", None)
    if doc is not None and (doc.mime_type or "").startswith("image/"):
        return str(doc.file_id)
    return None


def _from_press(query: Any, now: datetime) -> Incoming | None:
    message = query.message
    actor = _actor(query.from_user, message.chat if message is not None else None, now)
    if actor is None:
        return None
    mid = message.message_id
    return Incoming(actor, Press(query.data, mid), Origin(actor.chat_id, query.id, mid))


def _from_vote(answer: Any, now: datetime) -> Incoming | None:
    """A poll_answer from a user (anonymous votes by a chat carry no user and are ignored)."""
    user = answer.user
    if user is None or user.is_bot:
        return None
    actor = Actor(user.id, user.id, user.language_code, user.first_name or "", now)
    vote = Vote(str(answer.poll_id), tuple(int(i) for i in answer.option_ids))
    return Incoming(actor, vote, Origin(user.id))


def _from_inline(query: Any, now: datetime) -> Incoming | None:
    """What a user typed after @bot; replies go to the query, not to a chat."""
    user = query.from_user
    if user is None or user.is_bot:
        return None
    actor = Actor(user.id, user.id, user.language_code, user.first_name or "", now)
    return Incoming(actor, InlineQuery(str(query.id), query.query or ""), Origin(user.id))
