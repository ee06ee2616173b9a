"""All emulated Telegram state: users, chats, messages, queries, polls and events."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from typing import Any

from tgemu.errors import bad_request
from tgemu.html_entities import Entity
from tgemu.models import (
    ChatInfo,
    Json,
    PollState,
    QueryRecord,
    StoredFile,
    StoredMessage,
    UserInfo,
    now,
)
from tgemu.updates import Notifier, UpdateQueue


@dataclass
class BotConfig:
    """The emulated bot's identity (id comes from the token)."""

    username: str
    first_name: str
    id: int = 0
    can_join_groups: bool = True
    supports_inline_queries: bool = True
    privacy: bool = True


@dataclass
class WebhookConfig:
    """The current setWebhook settings."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


class State:
    """The emulator's world, shared by the Bot API handlers and the simulated users."""

    def __init__(self, bot: BotConfig, first_update_id: int = 1) -> None:
        """An empty world for one bot."""
        self.bot = bot
        self.users: dict[int, UserInfo] = {}
        self.chats: dict[int, ChatInfo] = {}
        self.updates = UpdateQueue(first_update_id)
        self.notifier = Notifier()
        self.callbacks: dict[str, QueryRecord] = {}
        self.inline_queries: dict[str, QueryRecord] = {}
        self.inline_answers: dict[str, list[Json]] = {}
        self.polls: dict[str, PollState] = {}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.webhook = WebhookConfig()
        self.callback_timeout = 15.0
        self.subscribers: list[asyncio.Queue[Json | None]] = []
        self.timers: list[asyncio.TimerHandle] = []
        self._ids = itertools.count(4_000_000_001)

    def new_id(self) -> str:
        """A fresh unique id for queries, polls and files."""
        return str(next(self._ids))

    def emit(self, kind: str, **data: Any) -> None:
        """Publish a change to subscribers and wake waiters."""
        event: Json = {"type": kind, **data}
        for queue in self.subscribers:
            queue.put_nowait(event)
        self.notifier.changed()

    def bot_user(self) -> UserInfo:
        """The bot as a User."""
        return UserInfo(self.bot.id, self.bot.first_name, username=self.bot.username, is_bot=True)

    def chat(self, chat_id: int) -> ChatInfo:
        """A known chat, or 400 chat not found."""
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def message(self, chat_id: int, message_id: int, missing: str) -> StoredMessage:
        """A live message in a chat, or 400 with the given wording."""
        msg = self.chat(chat_id).messages.get(message_id)
        if msg is None or msg.deleted:
            raise bad_request(missing)
        return msg

    def ensure_user(self, user_id: int, **fields: Any) -> UserInfo:
        """Create or update a user and their private chat."""
        user = self.users.get(user_id)
        if user is None:
            user = UserInfo(user_id, fields.pop("first_name", None) or f"User{user_id}")
            self.users[user_id] = user
            self.chats[user_id] = ChatInfo(user_id, "private", user=user)
        for key, value in fields.items():
            setattr(user, key, value)
        return user

    def ensure_group(self, chat_id: int, title: str, kind: str | None = None) -> ChatInfo:
        """Create or rename a group chat the bot is a member of."""
        chat = self.chats.get(chat_id)
        if chat is None:
            default = "supergroup" if str(chat_id).startswith("-100") else "group"
            chat = ChatInfo(chat_id, kind or default, title=title)
            self.chats[chat_id] = chat
        chat.title = title
        return chat

    def add_message(self, chat: ChatInfo, sender: UserInfo, **fields: Any) -> StoredMessage:
        """Store a new message with the chat's next id and publish it."""
        msg = StoredMessage(chat, chat.next_id, sender, now(), **fields)
        chat.next_id += 1
        chat.messages[msg.message_id] = msg
        self.emit("message", chat_id=chat.id, message=msg.view())
        return msg

    def edited(self, msg: StoredMessage) -> None:
        """Mark a message as edited and publish it."""
        msg.edit_date = now()
        msg.edit_count += 1
        self.emit("edit", chat_id=msg.chat.id, message=msg.view())

    def incoming(
        self, user: UserInfo, chat: ChatInfo, text: str, entities: list[Entity], extra: Json
    ) -> StoredMessage:
        """A message from a user; queued for the bot unless privacy mode hides it."""
        fields = {"text": text, "entities": entities, "extra": extra}
        msg = self.add_message(chat, user, **fields)
        if self._bot_sees(msg):
            self.updates.push("message", msg.to_api())
        return msg

    def _bot_sees(self, msg: StoredMessage) -> bool:
        """Privacy mode: in groups the bot sees commands, mentions and replies to it."""
        if msg.chat.type == "private" or not self.bot.privacy:
            return True
        text = msg.text or ""
        reply = msg.extra.get("reply_to_message", {})
        return (
            text.startswith("/")
            or f"@{self.bot.username}".lower() in text.lower()
            or reply.get("from", {}).get("is_bot", False)
        )

    def callback(self, user: UserInfo, msg: StoredMessage, data: str) -> str:
        """Queue a callback_query for a button press; returns its id."""
        loop = asyncio.get_running_loop()
        record = QueryRecord(
            self.new_id(), user.id, loop.time(), msg.chat.id, msg.message_id, data
        )
        self.callbacks[record.id] = record
        payload: Json = {
            "id": record.id,
            "from": user.to_api(),
            "message": msg.to_api(),
            "chat_instance": str(abs(msg.chat.id) * 31 + 7),
            "data": data,
        }
        self.updates.push("callback_query", payload)
        return record.id

    def inline_query(self, user: UserInfo, query: str, offset: str = "") -> str:
        """Queue an inline_query; returns its id."""
        record = QueryRecord(self.new_id(), user.id, asyncio.get_running_loop().time())
        record.data = query
        self.inline_queries[record.id] = record
        payload = {
            "id": record.id,
            "from": user.to_api(),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        self.updates.push("inline_query", payload)
        return record.id

    def add_poll(self, poll: PollState) -> None:
        """Remember a poll and schedule its automatic close."""
        self.polls[poll.id] = poll
        if poll.close_date is not None and not poll.closed:
            loop = asyncio.get_running_loop()
            delay = max(0.0, poll.close_date - now())
            self.timers.append(loop.call_later(delay, self._expire_poll, poll.id))

    def _expire_poll(self, poll_id: str) -> None:
        """Close a poll whose time ran out."""
        poll = self.polls[poll_id]
        if not poll.closed:
            self.close_poll(poll)

    def close_poll(self, poll: PollState) -> None:
        """Close a poll, tell the bot and publish the change."""
        poll.closed = True
        self.poll_changed(poll)

    def poll_changed(self, poll: PollState) -> None:
        """Queue a poll update and publish the message's new state."""
        self.updates.push("poll", poll.to_api())
        msg = self.chats[poll.chat_id].messages.get(poll.message_id)
        if msg is not None:
            self.emit("poll", chat_id=poll.chat_id, message=msg.view())

    def vote(self, poll_id: str, user: UserInfo, option_ids: list[int]) -> None:
        """A user answers a poll (poll_answer for non-anonymous polls, then a poll update)."""
        poll = self.polls.get(poll_id)
        if poll is None:
            raise KeyError(f"no poll {poll_id}")
        _check_vote(poll, user.id, option_ids)
        poll.votes[user.id] = sorted(option_ids)
        if not poll.is_anonymous:
            payload = {
                "poll_id": poll.id,
                "user": user.to_api(),
                "option_ids": sorted(option_ids),
                "option_persistent_ids": poll.persistent_ids(sorted(option_ids)),
            }
            self.updates.push("poll_answer", payload)
        self.poll_changed(poll)

    def close(self) -> None:
        """Stop timers, long polls and event streams."""
        for timer in self.timers:
            timer.cancel()
        self.updates.close()
        for queue in self.subscribers:
            queue.put_nowait(None)
        self.notifier.changed()


def _check_vote(poll: PollState, user_id: int, option_ids: list[int]) -> None:
    """Refuse votes the Telegram app would not allow."""
    if poll.is_closed():
        raise ValueError("the poll is closed")
    if any(not 0 <= i < len(poll.options) for i in option_ids) or len(set(option_ids)) != len(
        option_ids
    ):
        raise ValueError("invalid option ids")
    if len(option_ids) > 1 and not poll.allows_multiple_answers:
        raise ValueError("the poll allows one answer only")
    if poll.votes.get(user_id) and not poll.allows_revoting:
        raise ValueError("this user already voted and the poll does not allow revoting")
    if not option_ids and not poll.votes.get(user_id):
        raise ValueError("nothing to retract")
