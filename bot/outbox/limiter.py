"""Stay inside Telegram's limits: a global rate, one message per second per chat, 429 pauses."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

# Slack on top of the 1-second window for clock granularity; it costs about 0.5% of the rate.
MARGIN = 0.005


class RateLimiter:
    """Paces sends evenly at `rate` per second and never lets `rate` land in one second.

    Telegram counts a message when it arrives, somewhere between our request going out and its
    response coming back, so the window counts messages still in flight and finished ones by
    the time they finished: then network jitter can't crowd `rate + 1` arrivals into a second.
    Every `acquire` must be followed by one `done` once the request has finished.
    """

    def __init__(self, rate: float, per_chat_interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.interval = 1.0 / rate
        self.per_chat_interval = per_chat_interval
        self.clock, self.sleep = clock, sleep
        self._next = 0.0
        self._paused_until = 0.0
        self._finished: deque[float] = deque()
        self._window_size = max(1, int(rate))
        self.in_flight = 0
        self._chats: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Stop every send for a while (Telegram's 429 retry_after applies to the bot)."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    def _wait_for(self, now: float, chat_id: int) -> float:
        waits = [self._next - now, self._paused_until - now,
                 self._chats.get(chat_id, -1e9) + self.per_chat_interval - now]
        while self._finished and self._finished[0] <= now - 1.0 - MARGIN:
            self._finished.popleft()
        over = len(self._finished) + self.in_flight - self._window_size + 1
        if over > 0:
            # Wait until enough finished sends leave the window; with none finished to wait
            # for (all in flight), poll until one is done.
            ahead = list(self._finished)[:over]
            waits.append(ahead[-1] + 1.0 + MARGIN - now if len(ahead) == over else 0.001)
        return max(waits)

    async def acquire(self, chat_id: int) -> None:
        """Wait until a message to this chat may go out, then reserve the slot."""
        async with self._lock:
            while (wait := self._wait_for(self.clock(), chat_id)) > 0:
                await self.sleep(wait)
            now = self.clock()
            self._next = max(self._next, now - self.interval) + self.interval
            self.in_flight += 1
            self._chats[chat_id] = now
            if len(self._chats) > 100_000:  # forget chats not written to for a while
                cutoff = now - self.per_chat_interval
                self._chats = {c: t for c, t in self._chats.items() if t > cutoff}

    def done(self) -> None:
        """The request of one acquired slot has finished (sent, refused or failed)."""
        self.in_flight = max(0, self.in_flight - 1)
        self._finished.append(self.clock())
