"""The reporter hash key: REPORTS_HASH_KEY (or _FILE), else generated once and kept in a file."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger(__name__)
KEY_BYTES = 32


def load_key(value: str | None, path: Path) -> bytes:
    """The key from the setting, else from `path`, creating it there (mode 0600) if absent.

    Several workers on one host share the file (the first creates it, O_EXCL); workers on
    several hosts must be given REPORTS_HASH_KEY, or each would hash users differently.
    """
    if value:
        return value.encode()
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)  # another worker created it first
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(KEY_BYTES) + "\n")
    log.warning("generated the reporter hash key in %s: keep it with the database backups "
                "(or set REPORTS_HASH_KEY)", path)
    return _read(path)


def _read(path: Path) -> bytes:
    text = path.read_text().strip()
    if len(text) < 16:
        raise ValueError(f"{path}: the reporter hash key is shorter than 16 characters")
    return text.encode()
