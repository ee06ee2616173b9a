"""The reporter hash key: REPORTS_HASH_KEY (or _FILE), else derived from the bot token.

Derived, every worker of one bot agrees on it without shared files or configuration, and it is
never written beside the database (a backup of the data folder used to hold both the reports and
the key, and with them who reported what). A token rotation changes it: `antifraud reports
rekey --old-token-file` moves the reports to the new key. Keys of older versions were generated
per host into REPORTS_HASH_KEY_PATH; the bot moves reports made with such a file at start.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

LABEL = b"antifraud reporter hash key v1"  # fixed: changing it would orphan every report
MIN_CHARS = 16


class HashKeyError(ValueError):
    """No key can be had: neither REPORTS_HASH_KEY nor a bot token is set."""


def derive_key(token: str) -> bytes:
    """HMAC-SHA256(token, LABEL): the same on every worker of one bot, unguessable without it."""
    return hmac.new(token.encode(), LABEL, hashlib.sha256).digest()


def reporter_key(explicit: str | None, token: str | None) -> bytes:
    """The key in use: REPORTS_HASH_KEY if given, else derived from the bot token."""
    if explicit:
        if len(explicit) < MIN_CHARS:
            raise HashKeyError(f"REPORTS_HASH_KEY is shorter than {MIN_CHARS} characters")
        return explicit.encode()
    if not token:
        raise HashKeyError("opt-in reports need TELEGRAM_BOT_TOKEN or REPORTS_HASH_KEY to hash "
                        "reporters")
    return derive_key(token)


def read_key_file(path: Path) -> bytes | None:
    """A key kept in a file (a legacy per-host key, or an old REPORTS_HASH_KEY); None if absent."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if len(text) < MIN_CHARS:
        raise HashKeyError(f"{path}: the reporter hash key is shorter than {MIN_CHARS} characters")
    return text.encode()
