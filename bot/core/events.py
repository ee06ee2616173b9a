"""Framework-neutral inputs: who acts, and what they did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Actor:
    """The user behind an update, as the adapter parsed it."""

    user_id: int
    chat_id: int
    language_code: str | None
    first_name: str
    now: datetime
    chat_type: str = "private"


@dataclass(frozen=True)
class Command:
    """A /command with its arguments."""

    name: str
    args: tuple[str, ...] = ()
    reply_text: str | None = None  # the text of the message this command replies to


@dataclass(frozen=True)
class Text:
    """A plain text message."""

    text: str


@dataclass(frozen=True)
class Photo:
    """A picture (a photo, or an image sent as a file), e.g. a screenshot of a message."""

    file_id: str
    caption: str | None = None
    read: str | None = None  # its text, once read off the update path (None: not read yet)


@dataclass(frozen=True)
class Press:
    """A button press with untrusted callback data."""

    data: str | None
    message_id: int | None


@dataclass(frozen=True)
class Vote:
    """An answer to a non-anonymous poll the bot sent (a poll_answer update)."""

    poll_id: str
    option_ids: tuple[int, ...]


@dataclass(frozen=True)
class InlineQuery:
    """What a user typed after @bot in any chat."""

    query_id: str
    query: str


Event = Command | Text | Photo | Press | Vote | InlineQuery
