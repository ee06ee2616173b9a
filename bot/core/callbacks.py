"""Callback data: compact, versionless strings that are parsed as untrusted input."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
_ID = re.compile(r"^[a-z0-9_]{1,40}$")


@dataclass(frozen=True)
class Callback:
    """A parsed button press."""

    action: str
    args: tuple[str, ...]

    def ints(self) -> tuple[int, ...] | None:
        """The arguments as non-negative integers, or None if any is not one."""
        if not all(a.isdigit() and len(a) <= 12 for a in self.args):
            return None
        return tuple(int(a) for a in self.args)


def encode(action: str, *args: object) -> str:
    """Build callback data; raises if it would break Telegram's 64-byte limit."""
    data = ":".join([action, *(str(a) for a in args)])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """Parse callback data, returning None for anything malformed."""
    if not data or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    parts = data.split(":")
    if not all(_ID.match(p) for p in parts):
        return None
    return Callback(parts[0], tuple(parts[1:]))
