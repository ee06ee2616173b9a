"""The rate limiter on a simulated clock: no 1-second window over the limit, ≥95% used."""

from __future__ import annotations

import itertools
import random
from collections import deque

from bot.outbox.limiter import RateLimiter


class SimClock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += seconds


def max_in_window(stamps: list[float], window: float = 1.0) -> int:
    best, q = 0, deque[float]()
    for s in stamps:
        q.append(s)
        while q[0] <= s - window:
            q.popleft()
        best = max(best, len(q))
    return best


async def test_global_rate_is_never_exceeded_and_nearly_used() -> None:
    clock = SimClock()
    limiter = RateLimiter(30, clock=clock, sleep=clock.sleep)
    stamps = []
    for i in range(30 * 60):
        await limiter.acquire(i)
        stamps.append(clock.t)
        limiter.done()
    assert max_in_window(stamps) <= 30
    assert len(stamps) / stamps[-1] >= 0.95 * 30


async def test_one_chat_gets_at_most_one_message_a_second() -> None:
    clock = SimClock()
    limiter = RateLimiter(1000, clock=clock, sleep=clock.sleep)
    stamps = []
    for _ in range(5):
        await limiter.acquire(42)
        stamps.append(clock.t)
        limiter.done()
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(stamps))


async def test_pause_holds_every_send() -> None:
    clock = SimClock()
    limiter = RateLimiter(30, clock=clock, sleep=clock.sleep)
    await limiter.acquire(1)
    limiter.done()
    limiter.pause(3)
    await limiter.acquire(2)
    assert clock.t >= 3.0


async def test_jitter_cannot_crowd_more_than_the_limit_into_one_second() -> None:
    """Arrivals land anywhere between request and response; still no window over the limit."""
    clock, rng = SimClock(), random.Random(3)
    limiter = RateLimiter(30, clock=clock, sleep=clock.sleep)
    arrivals = []
    for i in range(30 * 60):
        await limiter.acquire(i)
        start, latency = clock.t, rng.choice((0.001, 0.002, 0.005, 0.03))
        arrivals.append(start + rng.random() * latency)
        clock.t += latency
        limiter.done()
    arrivals.sort()
    assert max_in_window(arrivals) <= 30
    assert len(arrivals) / arrivals[-1] >= 0.95 * 30
