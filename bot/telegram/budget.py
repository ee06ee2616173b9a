"""Telegram's limit of 20 messages a minute to one group, counted before each send."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

GROUP_PER_MINUTE = 20


class GroupBudget:
    """A sliding one-minute window of sends per group; private chats are not counted."""

    def __init__(self, per_minute: int = GROUP_PER_MINUTE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute, self.clock = per_minute, clock
        self._sent: dict[int, deque[float]] = {}

    def _window(self, chat_id: int) -> deque[float]:
        stamps = self._sent.setdefault(chat_id, deque())
        while stamps and stamps[0] <= self.clock() - 60.0:
            stamps.popleft()
        return stamps

    def take(self, chat_id: int, count: int = 1) -> bool:
        """Count `count` sends to a chat if the group has room for them all; False if not."""
        if chat_id >= 0 or count <= 0:
            return True
        stamps = self._window(chat_id)
        if len(stamps) + count > self.per_minute:
            return False
        stamps.extend([self.clock()] * count)
        return True
