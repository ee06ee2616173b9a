"""Per-user flood control: a token bucket; the caller passes the time in (pure, no clock)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum


class Verdict(Enum):
    """What to do with one incoming update."""

    ADMIT = "admit"  # handle it
    NOTICE = "notice"  # drop it and tell the user, once per flood
    DROP = "drop"  # drop it silently


@dataclass(frozen=True)
class Bucket:
    """One user's tokens at a moment, and whether they were told to slow down."""

    tokens: float
    stamp: float
    noticed: bool = False


@dataclass(frozen=True)
class FloodPolicy:
    """`burst` updates at once, then `rate` per second; flooding on keeps the user silenced.

    A dropped update costs a token too (down to `cooldown` seconds' worth below zero), so someone
    who keeps sending faster than `rate` stays dropped until they slow down, rather than getting
    a reply now and then; after they stop, they are served again within `cooldown` + 1/rate s.
    """

    rate: float = 1.0
    burst: int = 30
    cooldown: float = 5.0

    def fresh(self, now: float) -> Bucket:
        """A full bucket for someone not seen recently."""
        return Bucket(float(self.burst), now)

    def refill(self, bucket: Bucket, now: float) -> Bucket:
        """The bucket topped up for the time passed since its stamp."""
        elapsed = max(0.0, now - bucket.stamp)
        return replace(bucket, tokens=min(self.burst, bucket.tokens + elapsed * self.rate),
                       stamp=now)

    def take(self, bucket: Bucket | None, now: float) -> tuple[Bucket, Verdict]:
        """Spend a token for one update: the new bucket and the verdict."""
        b = self.refill(bucket, now) if bucket is not None else self.fresh(now)
        if b.tokens >= 1:
            return Bucket(b.tokens - 1, now, noticed=False), Verdict.ADMIT
        drained = Bucket(max(-self.rate * self.cooldown, b.tokens - 1), now, noticed=True)
        return drained, Verdict.DROP if b.noticed else Verdict.NOTICE

    def idle(self, bucket: Bucket, now: float) -> bool:
        """Whether the bucket is full again, so forgetting it changes nothing."""
        return self.refill(bucket, now).tokens >= self.burst


class FloodGuard:
    """Buckets for every user, kept small by forgetting the full ones."""

    def __init__(self, policy: FloodPolicy, max_tracked: int = 10_000) -> None:
        self.policy = policy
        self.buckets: dict[int, Bucket] = {}
        self.max_tracked = max_tracked

    def check(self, user_id: int, now: float) -> Verdict:
        """The verdict for one update from a user at time `now` (seconds, monotonic)."""
        bucket, verdict = self.policy.take(self.buckets.get(user_id), now)
        self.buckets[user_id] = bucket
        if len(self.buckets) > self.max_tracked:
            self.buckets = {u: b for u, b in self.buckets.items()
                            if not self.policy.idle(b, now)}
        return verdict
