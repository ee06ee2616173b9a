"""Fault injection and Telegram flood-limit accounting."""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from tgemu.errors import ApiError, make_error


@dataclass
class Fault:
    """The next `times` calls of `method` fail with this error."""

    method: str
    status: int
    retry_after: int | None = None
    times: int = 1
    description: str | None = None


class FaultInjector:
    """Queued failures, consumed in order."""

    def __init__(self) -> None:
        """No failures queued."""
        self.faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        """Queue a failure."""
        if fault.times > 0:
            self.faults.append(fault)

    def clear(self) -> None:
        """Forget all queued failures."""
        self.faults.clear()

    def take(self, method: str) -> ApiError | None:
        """The error for this call, if one is queued ("*" matches all but getUpdates)."""
        for fault in self.faults:
            wildcard = fault.method == "*" and method != "getUpdates"
            if wildcard or fault.method.lower() == method.lower():
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return make_error(fault.status, fault.retry_after, fault.description)
        return None


@dataclass
class LimitConfig:
    """Flood limits from the Bots FAQ."""

    enabled: bool = False
    per_chat_per_s: int = 1
    global_per_s: int = 30
    group_per_min: int = 20
    reject: bool = False


def counts_for_flood(method: str) -> bool:
    """Only message-sending methods count towards flood limits."""
    return method.startswith("send") and method != "sendChatAction"


@dataclass
class FloodLimiter:
    """Sliding-window counters per chat, per group and overall."""

    config: LimitConfig = field(default_factory=LimitConfig)
    violations: list[dict[str, Any]] = field(default_factory=list)
    _windows: dict[tuple[str, int], deque[float]] = field(default_factory=dict)

    def configure(self, config: LimitConfig) -> None:
        """Replace the limits and reset the counters."""
        self.config = config
        self._windows.clear()

    def _rules(self, chat_id: int) -> list[tuple[str, int, float, int]]:
        """(kind, key, window seconds, limit) rules that apply to a chat."""
        cfg = self.config
        rules = [("global", 0, 1.0, cfg.global_per_s)]
        if chat_id > 0:
            rules.append(("per_chat", chat_id, 1.0, cfg.per_chat_per_s))
        elif chat_id < 0:
            rules.append(("group", chat_id, 60.0, cfg.group_per_min))
        return rules

    def check(self, method: str, chat_id: int | None) -> None:
        """Count a send; record violations and, with reject=True, raise 429."""
        if not self.config.enabled or chat_id is None or not counts_for_flood(method):
            return
        stamp = time.monotonic()
        exceeded: list[tuple[str, float]] = []
        for kind, key, window, limit in self._rules(chat_id):
            times = self._windows.setdefault((kind, key), deque())
            while times and times[0] <= stamp - window:
                times.popleft()
            if len(times) >= limit:
                exceeded.append((kind, times[0] + window - stamp))
        for kind, _ in exceeded:
            self.violations.append(
                {"kind": kind, "method": method, "chat_id": chat_id, "time": time.time()}
            )
        if exceeded and self.config.reject:
            wait = max(math.ceil(max(delay for _, delay in exceeded)), 1)
            raise make_error(429, wait)
        for kind, key, _, _ in self._rules(chat_id):
            self._windows[(kind, key)].append(stamp)
