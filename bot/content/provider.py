"""Serve the published bank, reloading when content files change on disk."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from bot.content.loader import ContentError, load_bank
from bot.core.content import Bank

log = logging.getLogger(__name__)


class BankProvider:
    """Callable returning the current published bank; checks files at most every few seconds."""

    def __init__(self, root: Path, check_every: float = 5.0) -> None:
        self.root = root
        self.check_every = check_every
        self._signature = self._scan()
        self._bank = load_bank(root).published()
        self._checked = time.monotonic()

    def _scan(self) -> tuple[tuple[str, float, int], ...]:
        files = sorted(self.root.rglob("*.yaml"))
        return tuple((str(p), p.stat().st_mtime, p.stat().st_size) for p in files)

    def __call__(self) -> Bank:
        """The published bank, reloaded if the files changed."""
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            self._checked = now
            self.reload()
        return self._bank

    def reload(self) -> bool:
        """Reload if the files changed; a broken edit keeps the last good bank."""
        try:
            signature = self._scan()
            if signature == self._signature:
                return False
            bank = load_bank(self.root).published()
        except (ContentError, OSError) as exc:
            log.error("content not reloaded, keeping the last good bank: %s", exc)
            return False
        self._signature, self._bank = signature, bank
        log.info("content reloaded: %d questions", len(bank.questions))
        return True
