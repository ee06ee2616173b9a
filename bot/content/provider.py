"""Serve the published bank, reloading when the content changes (files or database)."""

from __future__ import annotations

import logging
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.content.entries import ContentError
from bot.content.loader import bank_from_entries, load_bank
from bot.core.content import Bank

log = logging.getLogger(__name__)


Signature = tuple[tuple[str, float, int], ...]


@lru_cache(maxsize=4)
def _published(root: Path, signature: Signature) -> Bank:
    """The published bank, parsed once per process for the same files (bots in one process share
    it: each test's bot, the sandbox restarting); a changed file gives a new signature."""
    del signature  # only the cache key
    return load_bank(root).published()


class BankProvider:
    """Callable returning the current published bank from content files."""

    def __init__(self, root: Path, check_every: float = 5.0) -> None:
        self.root = root
        self.check_every = check_every
        self._signature = self._scan()
        self._bank = _published(root, self._signature)
        self._checked = time.monotonic()

    def _scan(self) -> Signature:
        files = sorted(self.root.rglob("*.yaml"))
        return tuple((str(p), p.stat().st_mtime, p.stat().st_size) for p in files)

    def __call__(self) -> Bank:
        """The published bank as last loaded."""
        return self._bank

    async def refresh(self) -> None:
        """Reload at most every few seconds (cheap to call on every update)."""
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            self._checked = now
            self.reload()

    def reload(self) -> bool:
        """Reload if the files changed; a broken edit keeps the last good bank."""
        try:
            signature = self._scan()
            if signature == self._signature:
                return False
            bank = _published(self.root, signature)
        except (ContentError, OSError) as exc:
            log.error("content not reloaded, keeping the last good bank: %s", exc)
            return False
        self._signature, self._bank = signature, bank
        log.info("content reloaded: %d questions", len(bank.questions))
        return True


class DatabaseBankProvider:
    """The published bank from the content_items table (CONTENT_SOURCE=database)."""

    def __init__(self, engine: AsyncEngine, check_every: float = 5.0) -> None:
        self.engine = engine
        self.check_every = check_every
        self._signature: Any = None
        self._bank = Bank()
        self._checked = float("-inf")

    def __call__(self) -> Bank:
        """The published bank as last loaded."""
        return self._bank

    async def refresh(self) -> None:
        """Reload when the table changed, checking at most every few seconds."""
        now = time.monotonic()
        if now - self._checked < self.check_every:
            return
        self._checked = now
        from bot.storage.content_store import export_entries, signature

        try:
            sig = await signature(self.engine)
            if sig == self._signature:
                return
            bank = bank_from_entries(await export_entries(self.engine)).published()
        except (ContentError, ValueError) as exc:
            log.error("content not reloaded from the database, keeping the last good bank: %s",
                      exc)
            return
        self._signature, self._bank = sig, bank
        log.info("content loaded from the database: %d questions", len(bank.questions))
