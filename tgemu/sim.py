"""Simulated Telegram users and groups that talk to the bot."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

from tgemu.files import photo_fields
from tgemu.html_entities import Entity, u16len
from tgemu.models import WAIT, ChatInfo, Json, StoredMessage, UserInfo, now
from tgemu.state import State

Predicate = Callable[[Json], Any]
_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


def command_entities(text: str) -> list[Entity]:
    """A bot_command entity for a leading /command, as Telegram adds."""
    match = _COMMAND_RE.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": u16len(match.group())}]


class _ChatSide:
    """Reading and waiting on one chat's messages."""

    def __init__(self, state: State, chat: ChatInfo) -> None:
        """Bind to a chat."""
        self.state = state
        self.chat = chat

    @property
    def chat_id(self) -> int:
        """The chat id."""
        return self.chat.id

    def messages(self) -> list[Json]:
        """All messages in this chat (user's and bot's), current state, oldest first."""
        return [m.view() for m in self.chat.visible()]

    def bot_messages(self) -> list[Json]:
        """Only the bot's messages."""
        return [m.view() for m in self.chat.visible() if m.from_bot]

    def last_bot_message(self) -> Json | None:
        """The bot's newest message, if any."""
        found = self.bot_messages()
        return found[-1] if found else None

    def _message(self, message_id: int) -> StoredMessage:
        """A live message of this chat, or KeyError."""
        msg = self.chat.messages.get(message_id)
        if msg is None or msg.deleted:
            raise KeyError(f"no message {message_id} in chat {self.chat.id}")
        return msg

    async def wait_for_bot(
        self, predicate: Predicate | None = None, timeout: float = WAIT, *, since: int = 0
    ) -> Json:
        """The newest bot message (id > since) matching predicate; waits for new ones and edits."""

        def check() -> Json | None:
            """The newest matching bot message, if any."""
            for msg in reversed(self.chat.visible()):
                if msg.from_bot and msg.message_id > since:
                    view = msg.view()
                    if predicate is None or predicate(view):
                        return view
            return None

        return await self.state.notifier.wait_for(check, timeout, "a bot message")

    async def wait_for_answer(self, callback_query_id: str, timeout: float = WAIT) -> Json:
        """The bot's answerCallbackQuery for that query ({"text", "show_alert", ...})."""

        def check() -> Json | None:
            """The answer, once there is one."""
            record = self.state.callbacks.get(callback_query_id)
            return record.answer if record is not None else None

        return await self.state.notifier.wait_for(check, timeout, "a callback answer")

    def _post(
        self, user: UserInfo, text: str, reply_to: int | None, entities: list[Entity] | None
    ) -> Json:
        """Store a message from user and queue it for the bot."""
        extra: Json = {}
        if reply_to is not None:
            target = self._message(reply_to).to_api()
            extra["reply_to_message"] = {
                k: v for k, v in target.items() if k != "reply_to_message"
            }
        found = command_entities(text) if entities is None else entities
        return self.state.incoming(user, self.chat, text, found, extra).view()

    def _press(self, user: UserInfo, message_id: int, data: str) -> str:
        """Queue a callback_query for a bot message."""
        msg = self._message(message_id)
        if not msg.from_bot:
            raise ValueError(f"message {message_id} was not sent by the bot")
        return self.state.callback(user, msg, data)

    def _button_data(self, message_id: int, label: str) -> str:
        """The callback_data of the inline button with that label."""
        markup = self._message(message_id).reply_markup or {}
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if button.get("text") == label:
                    if "callback_data" not in button:
                        raise ValueError(f"button {label!r} has no callback_data")
                    return str(button["callback_data"])
        raise KeyError(f"no button {label!r} on message {message_id}")


class SimUser(_ChatSide):
    """A user with a private chat (chat id == user id)."""

    def __init__(self, state: State, info: UserInfo) -> None:
        """Bind to the user's private chat."""
        super().__init__(state, state.chats[info.id])
        self.info = info

    @property
    def id(self) -> int:
        """The user id."""
        return self.info.id

    async def send(
        self, text: str, *, reply_to: int | None = None, entities: list[Entity] | None = None
    ) -> Json:
        """Send a text message to the bot; returns the stored message."""
        view = self._post(self.info, text, reply_to, entities)
        await asyncio.sleep(0)
        return view

    async def press(self, message_id: int, data: str) -> str:
        """Press a button with this callback data (may be forged); returns the query id."""
        query_id = self._press(self.info, message_id, data)
        await asyncio.sleep(0)
        return query_id

    async def press_button(self, message_id: int, label: str) -> str:
        """Press the inline button with this label; KeyError if there is none."""
        return await self.press(message_id, self._button_data(message_id, label))

    async def send_photo(self, content: bytes, caption: str | None = None, *,
                         as_file: bool = False, mime_type: str = "image/png") -> Json:
        """Send a picture (a photo, or an image as a file) the bot can fetch with getFile."""
        extra = photo_fields(self.state, content, mime_type, as_file)
        if caption:
            extra["caption"] = caption
        msg = self.state.add_message(self.chat, self.info, text=None, entities=[], extra=extra)
        self.state.updates.push("message", msg.to_api())
        await asyncio.sleep(0)
        return msg.view()

    async def forward(
        self, text: str, from_name: str | None = None, from_user: UserInfo | None = None
    ) -> Json:
        """Forward a message (from a hidden user by default) to the bot."""
        origin: Json
        if from_user is not None:
            origin = {"type": "user", "sender_user": from_user.to_api(), "date": now() - 60}
        else:
            origin = {
                "type": "hidden_user",
                "sender_user_name": from_name or "Unknown",
                "date": now() - 60,
            }
        msg = self.state.incoming(self.info, self.chat, text, [], {"forward_origin": origin})
        await asyncio.sleep(0)
        return msg.view()

    async def inline_query(self, query: str, offset: str = "") -> str:
        """Type "@bot query" in any chat; returns the inline query id."""
        if not self.state.bot.supports_inline_queries:
            raise ValueError("the bot does not support inline queries")
        query_id = self.state.inline_query(self.info, query, offset)
        await asyncio.sleep(0)
        return query_id

    async def vote(self, message_id: int, option_ids: list[int]) -> None:
        """Answer the poll in that bot message."""
        poll = self._message(message_id).poll
        if poll is None:
            raise ValueError(f"message {message_id} has no poll")
        self.state.vote(poll.id, self.info, option_ids)
        await asyncio.sleep(0)

    def block(self) -> None:
        """Block the bot: its send* calls to this chat fail with 403."""
        self.chat.blocked = True

    def unblock(self) -> None:
        """Unblock the bot."""
        self.chat.blocked = False


class SimGroup(_ChatSide):
    """A group or supergroup the bot is a member of (privacy mode on by default)."""

    @property
    def title(self) -> str:
        """The group title."""
        return self.chat.title or ""

    def make_admin(self, user: int | SimUser, *, creator: bool = False) -> None:
        """Make a member an administrator (or the creator), as getChatMember then reports."""
        self.chat.admins[self._member(user).id] = "creator" if creator else "administrator"

    def remove_admin(self, user: int | SimUser) -> None:
        """Make an administrator an ordinary member again."""
        self.chat.admins.pop(self._member(user).id, None)

    async def vote(self, user: int | SimUser, message_id: int, option_ids: list[int]) -> None:
        """A member answers the poll in that bot message."""
        poll = self._message(message_id).poll
        if poll is None:
            raise ValueError(f"message {message_id} has no poll")
        self.state.vote(poll.id, self._member(user), option_ids)
        await asyncio.sleep(0)

    def _member(self, user: int | SimUser) -> UserInfo:
        """The sender, created if unknown."""
        return user.info if isinstance(user, SimUser) else self.state.ensure_user(user)

    async def send(self, user: int | SimUser, text: str, *, reply_to: int | None = None) -> Json:
        """A member posts a message (the bot sees it only if privacy mode allows)."""
        view = self._post(self._member(user), text, reply_to, None)
        await asyncio.sleep(0)
        return view

    async def press(self, user: int | SimUser, message_id: int, data: str) -> str:
        """A member presses a button on a bot message; returns the query id."""
        query_id = self._press(self._member(user), message_id, data)
        await asyncio.sleep(0)
        return query_id

    async def press_button(self, user: int | SimUser, message_id: int, label: str) -> str:
        """A member presses the inline button with this label."""
        return await self.press(user, message_id, self._button_data(message_id, label))
