"""Stay inside Telegram's limits: a global rate, one message per second per chat, 429 pauses."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

# Sending a little under the limit keeps every 1-second window under it even with network jitter.
SAFETY = 1.02


class RateLimiter:
    """Paces sends evenly at `rate` per second, with a sliding-window check as a backstop."""

    def __init__(self, rate: float, per_chat_interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.interval = SAFETY / rate
        self.per_chat_interval = per_chat_interval
        self.clock, self.sleep = clock, sleep
        self._next = 0.0
        self._paused_until = 0.0
        self._window: deque[float] = deque()
        self._window_size = max(1, int(rate))
        self._chats: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Stop every send for a while (Telegram's 429 retry_after applies to the bot)."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    def _wait_for(self, now: float, chat_id: int) -> float:
        waits = [self._next - now, self._paused_until - now,
                 self._chats.get(chat_id, -1e9) + self.per_chat_interval - now]
        if len(self._window) >= self._window_size:
            waits.append(self._window[0] + SAFETY - now)
        return max(waits)

    async def acquire(self, chat_id: int) -> None:
        """Wait until a message to this chat may go out, then reserve the slot."""
        async with self._lock:
            while (wait := self._wait_for(self.clock(), chat_id)) > 0:
                await self.sleep(wait)
            now = self.clock()
            self._next = max(self._next, now - self.interval) + self.interval
            self._window.append(now)
            while len(self._window) > self._window_size:
                self._window.popleft()
            self._chats[chat_id] = now
            if len(self._chats) > 100_000:  # forget chats not written to for a while
                cutoff = now - self.per_chat_interval
                self._chats = {c: t for c, t in self._chats.items() if t > cutoff}
