"""Random faults at a set rate: 429s, 5xx, slow responses, dropped connections, updates twice."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

KINDS = ("429", "500", "502", "slow", "drop", "duplicate")
SLOW_SECONDS = (0.1, 1.0)  # below both frameworks' read timeouts: slow, not failed


class DropConnection(Exception):
    """Close the connection without an answer (before the call ran, or after: `ran`)."""

    def __init__(self, ran: bool) -> None:
        super().__init__("connection dropped")
        self.ran = ran


@dataclass
class Chaos:
    """Picks a fault for a share `rate` of calls; getUpdates only ever gets duplicates."""

    rate: float = 0.0
    seed: int = 0
    kinds: tuple[str, ...] = KINDS
    counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def pick(self, method: str) -> str | None:
        """The fault for this call, if any, counted."""
        if self.rate <= 0:
            return None
        polling = method == "getUpdates"
        choices = [k for k in self.kinds if (k == "duplicate") == polling]
        if not choices or self.rng.random() >= self.rate:
            return None
        kind = self.rng.choice(choices)
        self.counts[kind] += 1
        return kind

    def slow_for(self) -> float:
        """How long a slow response takes."""
        return self.rng.uniform(*SLOW_SECONDS)

    def drops_after(self, method: str) -> bool:
        """Whether a dropped send ran first: the client can't tell whether it happened."""
        return method.startswith("send") and self.rng.random() < 0.5
