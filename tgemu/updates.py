"""The pending update queue with long polling, and a change notifier for waiters."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from tgemu.errors import CONFLICT_POLL, ApiError

T = TypeVar("T")
Update = dict[str, Any]
UPDATE_TYPES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "message_reaction",
    "message_reaction_count",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
)
DEFAULT_ALLOWED = frozenset(UPDATE_TYPES) - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}


def _fresh_event() -> asyncio.Event:
    """A new unset event."""
    return asyncio.Event()


async def _wait(event: asyncio.Event, timeout: float) -> None:
    """Wait for event, at most timeout seconds."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            await event.wait()


class Notifier:
    """Wakes every waiter whenever something changed."""

    def __init__(self) -> None:
        """Start with nobody waiting."""
        self._event = _fresh_event()

    def changed(self) -> None:
        """Wake all current waiters."""
        event, self._event = self._event, _fresh_event()
        event.set()

    async def wait_for(self, check: Callable[[], T | None], timeout: float, what: str) -> T:
        """Wait until check() returns something other than None."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = check()
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
            await _wait(self._event, remaining)


class UpdateQueue:
    """Updates not yet confirmed by the bot, with getUpdates semantics."""

    def __init__(self, first_id: int = 1) -> None:
        """An empty queue; update ids start at first_id (a bot restarted on a database that has
        seen ids gives the last one + 1, as Telegram carries on after a pause)."""
        if not 1 <= first_id < 2**31:
            raise ValueError("update ids are positive 32-bit numbers")
        self.items: list[Update] = []
        self.next_id = first_id
        self.delivered = 0
        self.allowed: frozenset[str] = DEFAULT_ALLOWED
        self.dropped: list[Update] = []
        self.confirmed: list[Update] = []  # the last few confirmed, to deliver again
        self.duplicate_next = False  # the next getUpdates repeats the last confirmed update
        self.last_delivery = 0.0
        self._event = _fresh_event()
        self._generation = 0
        self._closed = False

    def kick(self) -> None:
        """Wake long polls and the webhook sender."""
        event, self._event = self._event, _fresh_event()
        event.set()

    async def wait(self, timeout: float) -> None:
        """Sleep until the queue changes or timeout passes."""
        await _wait(self._event, timeout)

    def set_allowed(self, value: Any) -> None:
        """Remember allowed_updates like Telegram ([] means the default set)."""
        if isinstance(value, list):
            chosen = frozenset(str(v) for v in value)
            self.allowed = chosen if chosen else DEFAULT_ALLOWED

    def push(self, kind: str, payload: dict[str, Any], *, force: bool = False) -> Update | None:
        """Queue an update, or drop it if the bot did not ask for this type (unless forced)."""
        update: Update = {"update_id": self.next_id, kind: payload}
        self.next_id += 1
        if kind not in self.allowed and not force:
            self.dropped.append(update)
            return None
        self.items.append(update)
        self.kick()
        return update

    def confirm(self, offset: int) -> None:
        """Forget updates below offset; a negative offset keeps only the last -offset."""
        if offset < 0:
            self.items = self.items[offset:]
        elif offset > 0:
            gone = [u for u in self.items if u["update_id"] < offset]
            self.confirmed = (self.confirmed + gone)[-5:]
            self.items = [u for u in self.items if u["update_id"] >= offset]

    def clear(self) -> None:
        """Drop all pending updates."""
        self.items.clear()

    def undelivered(self) -> int:
        """How many queued updates the bot has not received yet."""
        return sum(1 for u in self.items if u["update_id"] > self.delivered)

    def mark_delivered(self, updates: list[Update]) -> None:
        """Note that the bot received these updates."""
        if updates:
            self.delivered = max(self.delivered, updates[-1]["update_id"])
            self.last_delivery = asyncio.get_running_loop().time()

    def close(self) -> None:
        """Release every long poll (server shutdown)."""
        self._closed = True
        self.kick()

    async def fetch(self, offset: int, limit: int, timeout: float) -> list[Update]:
        """getUpdates: confirm, then return up to limit updates, waiting up to timeout."""
        self.confirm(offset)
        self._generation += 1
        generation = self._generation
        self.kick()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._closed:
            if generation != self._generation:
                raise ApiError(409, CONFLICT_POLL)
            batch = self.items[:limit]
            if batch and self.duplicate_next and self.confirmed:
                # Telegram delivered it again (e.g. a lost confirmation): same update_id.
                self.duplicate_next = False
                batch = [self.confirmed[-1], *batch[: limit - 1]]
            remaining = deadline - loop.time()
            if batch or remaining <= 0:
                self.mark_delivered(batch)
                return batch
            await _wait(self._event, remaining)
        return []
