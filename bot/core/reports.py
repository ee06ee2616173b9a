"""Opt-in reports: the record stored on consent, and the short memory of the last checked text."""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

RECENT_TTL = timedelta(minutes=10)  # a verdict's report button works this long
RECENT_MAX = 10_000  # users remembered at once; the oldest is dropped first
PLACEHOLDER = re.compile(r"〔[^〔〕]{1,12}〕")
_NOISE = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class ReportRecord:
    """One redacted message a user chose to submit; the reporter only as a keyed hash."""

    reporter: str
    text: str
    fingerprint: str
    kind: str  # the checker's verdict: scam | unsure | benign
    scam_type: str
    confidence: float
    source: str  # text | photo
    language: str
    created_at: datetime
    id: int | None = None


@dataclass(frozen=True)
class Checked:
    """A checked text kept in memory until the user reports it or it expires."""

    ref: int
    text: str
    kind: str
    scam_type: str
    confidence: float
    source: str
    at: datetime


def normalize(text: str) -> str:
    """Text as compared for near-duplicates: NFKC, lower case, no placeholders or punctuation."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _NOISE.sub("", PLACEHOLDER.sub("", folded))


def fingerprint(text: str) -> str:
    """The exact-match key of a (redacted) text."""
    return hashlib.sha256(normalize(text).encode()).hexdigest()[:32]


class RecentChecks:
    """The last checked text per user, in memory only, for RECENT_TTL, at most RECENT_MAX users.

    The bot stores nothing without consent, so the report button carries only a reference
    (`ref`); the text waits here and is gone after the TTL, on restart, or once reported.
    References count up from `start`: each worker needs its own (random) start, or a button
    pressed on another worker than the one that checked its message would find that worker's
    waiting message under the same number and store it instead.
    """

    def __init__(self, ttl: timedelta = RECENT_TTL, size: int = RECENT_MAX,
                 start: int = 1) -> None:
        self.ttl, self.size = ttl, size
        self._items: OrderedDict[int, Checked] = OrderedDict()
        self._next = start

    def remember(self, user_id: int, text: str, kind: str, scam_type: str, confidence: float,
                 source: str, now: datetime) -> int:
        """Keep a user's checked text (replacing the previous one); its reference."""
        ref, self._next = self._next, self._next + 1
        self._items.pop(user_id, None)
        self._items[user_id] = Checked(ref, text, kind, scam_type, confidence, source, now)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return ref

    def take(self, user_id: int, ref: int, now: datetime) -> Checked | None:
        """The text behind a button, once; None if expired, replaced or already taken."""
        item = self._items.get(user_id)
        if item is None or item.ref != ref:
            return None
        del self._items[user_id]
        return item if now - item.at <= self.ttl else None

    def drop(self, user_id: int) -> None:
        """Forget a user's pending text (/forget)."""
        self._items.pop(user_id, None)

    def __len__(self) -> int:
        return len(self._items)


class ReportDesk:
    """What the report use cases need beyond the store: recent checks and the reporter hash."""

    def __init__(self, key: bytes, recent: RecentChecks | None = None,
                 retention: timedelta = timedelta(days=180)) -> None:
        if len(key) < 16:
            raise ValueError("the reporter hash key must be at least 16 bytes")
        self._hash = reporter_hasher(key)
        self.recent = recent if recent is not None else RecentChecks()  # empty is falsy
        self.retention = retention

    def reporter(self, user_id: int) -> str:
        """The keyed hash standing for a user in reports (HMAC-SHA256, hex)."""
        return self._hash(user_id)


def reporter_hash(key: bytes, user_id: int) -> str:
    """HMAC-SHA256(key, "reporter:<id>") in hex: what a report stores instead of the user."""
    return reporter_hasher(key)(user_id)


def reporter_hasher(key: bytes) -> Callable[[int], str]:
    """reporter_hash with the key set up once (per desk; rekeying hashes every known user)."""
    base = hmac.new(key, digestmod=hashlib.sha256)

    def hash_one(user_id: int) -> str:
        h = base.copy()
        h.update(f"reporter:{user_id}".encode())
        return h.hexdigest()

    return hash_one
