"""Read the text in a picture a user sent: getFile and the whole download through the Bot API
port, then OCR."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.ocr import MAX_BYTES, read_text
from bot.telegram.api import ApiFailure, BotApi, with_retries

log = logging.getLogger(__name__)


class PictureReader:
    """Implements bot.core.ports.Reader over the Bot API port (Telegram or the emulator)."""

    def __init__(self, api: BotApi,
                 ocr: Callable[[bytes], Awaitable[str]] = read_text) -> None:
        self.api, self.ocr = api, ocr

    async def fetch(self, file_id: str, limit: int = MAX_BYTES) -> bytes | None:
        """The file's bytes, or None when it cannot be fetched or is too large (logged)."""
        try:
            info = await with_retries(lambda: self.api.get_file(file_id))
            return await with_retries(lambda: self.api.download(info, limit))
        except ApiFailure as exc:
            log.warning("picture download failed: %s: %s", type(exc).__name__, exc)
            return None

    async def __call__(self, file_id: str) -> str:
        """The text in the picture; "" when it cannot be fetched or read."""
        image = await self.fetch(file_id)
        return "" if image is None else await self.ocr(image)
