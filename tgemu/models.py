"""Stored users, chats, messages, polls and queries, and their Bot API JSON shapes."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from tgemu.html_entities import Entity
from tgemu.render import to_html

Json = dict[str, Any]

# How long a test waits for the bot by default: generous, since a loaded machine is slow and a
# passing wait returns as soon as its condition holds (only a failing test waits this long).
WAIT = 30.0


def now() -> int:
    """The current unix time in whole seconds."""
    return int(time.time())


@dataclass
class UserInfo:
    """A Telegram user (a simulated human or the bot itself)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_api(self) -> Json:
        """The User object."""
        out: Json = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass
class ChatInfo:
    """A private chat with a user, or a group."""

    id: int
    type: str
    title: str | None = None
    user: UserInfo | None = None
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_id: int = 1
    blocked: bool = False
    admins: dict[int, str] = field(default_factory=dict)  # user id -> creator | administrator

    def to_api(self) -> Json:
        """The Chat object."""
        if self.user is None:
            return {"id": self.id, "type": self.type, "title": self.title or ""}
        out: Json = {"id": self.id, "type": "private", "first_name": self.user.first_name}
        if self.user.last_name is not None:
            out["last_name"] = self.user.last_name
        if self.user.username is not None:
            out["username"] = self.user.username
        return out

    def visible(self) -> list[StoredMessage]:
        """Messages that were not deleted, oldest first."""
        return [m for m in self.messages.values() if not m.deleted]


@dataclass
class PollState:
    """A poll sent by the bot and its votes."""

    id: str
    chat_id: int
    message_id: int
    question: str
    options: list[str]
    type: str
    is_anonymous: bool
    allows_multiple_answers: bool
    allows_revoting: bool
    correct_option_ids: list[int] | None = None
    explanation: str | None = None
    explanation_entities: list[Entity] = field(default_factory=list)
    open_period: int | None = None
    close_date: int | None = None
    closed: bool = False
    votes: dict[int, list[int]] = field(default_factory=dict)

    def is_closed(self) -> bool:
        """Closed by stopPoll or because its time ran out."""
        return self.closed or (self.close_date is not None and now() >= self.close_date)

    def persistent_ids(self, option_ids: list[int]) -> list[str]:
        """The persistent ids of some options."""
        return [f"{self.id}-{index}" for index in option_ids]

    def to_api(self) -> Json:
        """The Poll object."""
        counts = [0] * len(self.options)
        for chosen in self.votes.values():
            for index in chosen:
                counts[index] += 1
        out: Json = {
            "id": self.id,
            "question": self.question,
            "options": [
                {"persistent_id": pid, "text": text, "voter_count": count}
                for pid, text, count in zip(
                    self.persistent_ids(list(range(len(self.options)))),
                    self.options,
                    counts,
                    strict=True,
                )
            ],
            "total_voter_count": sum(1 for chosen in self.votes.values() if chosen),
            "is_closed": self.is_closed(),
            "is_anonymous": self.is_anonymous,
            "type": self.type,
            "allows_multiple_answers": self.allows_multiple_answers,
            "allows_revoting": self.allows_revoting,
            "members_only": False,
        }
        return self._optional(out)

    def _optional(self, out: Json) -> Json:
        """Add the optional quiz and timing fields."""
        if self.correct_option_ids is not None:
            out["correct_option_ids"] = list(self.correct_option_ids)
        if self.explanation:
            out["explanation"] = self.explanation
            if self.explanation_entities:
                out["explanation_entities"] = self.explanation_entities
        if self.open_period is not None:
            out["open_period"] = self.open_period
        if self.close_date is not None:
            out["close_date"] = self.close_date
        return out


@dataclass
class StoredFile:
    """A document the bot uploaded."""

    file_id: str
    file_unique_id: str
    filename: str
    content: bytes
    mime_type: str

    def to_api(self) -> Json:
        """The Document object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.filename,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }


@dataclass
class StoredMessage:
    """One message in a chat, in its current (edited) state."""

    chat: ChatInfo
    message_id: int
    sender: UserInfo
    date: int
    text: str | None = None
    entities: list[Entity] = field(default_factory=list)
    reply_markup: Json | None = None
    edit_date: int | None = None
    edit_count: int = 0
    poll: PollState | None = None
    document: StoredFile | None = None
    extra: Json = field(default_factory=dict)
    deleted: bool = False

    @property
    def from_bot(self) -> bool:
        """Whether the bot sent it."""
        return self.sender.is_bot

    def to_api(self) -> Json:
        """The Message object as the Bot API returns it."""
        out: Json = {
            "message_id": self.message_id,
            "from": self.sender.to_api(),
            "chat": self.chat.to_api(),
            "date": self.date,
        }
        out.update(self.extra)
        if self.edit_date is not None:
            out["edit_date"] = self.edit_date
        if self.document is not None:
            out["document"] = self.document.to_api()
        if self.poll is not None:
            out["poll"] = self.poll.to_api()
        self._text_fields(out)
        if self.reply_markup is not None and "inline_keyboard" in self.reply_markup:
            out["reply_markup"] = self.reply_markup
        return out

    def _text_fields(self, out: Json) -> None:
        """Add text/entities (or caption/caption_entities for documents)."""
        media = self.document is not None or "photo" in self.extra
        if self.text is None or (media and not self.text):
            return
        key = "caption" if media else "text"
        out[key] = self.text
        if self.entities:
            out["caption_entities" if key == "caption" else "entities"] = self.entities

    def view(self) -> Json:
        """A JSON-safe summary for tests and UIs."""
        return {
            "message_id": self.message_id,
            "chat_id": self.chat.id,
            "from_bot": self.from_bot,
            "from_id": self.sender.id,
            "date": self.date,
            "text": self.text or "",
            "html": to_html(self.text or "", self.entities),
            "entities": self.entities,
            "reply_markup": self.reply_markup,
            "edit_count": self.edit_count,
            "edit_date": self.edit_date,
            "poll": self.poll.to_api() if self.poll is not None else None,
            "document": self.document.to_api() if self.document is not None else None,
            "photo": self.extra.get("photo"),
            "forward_origin": self.extra.get("forward_origin"),
            "reply_to_message_id": self.extra.get("reply_to_message", {}).get("message_id"),
        }


@dataclass
class QueryRecord:
    """A callback or inline query waiting for the bot's answer."""

    id: str
    user_id: int
    created: float
    chat_id: int = 0
    message_id: int = 0
    data: str = ""
    answer: Json | None = None
