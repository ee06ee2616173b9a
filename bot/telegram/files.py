"""Fetch a picture the user sent from the Bot API (getFile, then download) and read its text."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import aiohttp

from bot.ocr import MAX_BYTES, read_text

log = logging.getLogger(__name__)


class PictureReader:
    """Implements bot.core.ports.Reader against any Bot API server (Telegram or the emulator)."""

    def __init__(self, base_url: str, token: str,
                 ocr: Callable[[bytes], Awaitable[str]] = read_text) -> None:
        self.base_url, self.token, self.ocr = base_url.rstrip("/"), token, ocr

    async def __call__(self, file_id: str) -> str:
        """The text in the picture; "" when it cannot be fetched or read (logged, no token)."""
        try:
            image = await self._download(file_id)
        except (aiohttp.ClientError, TimeoutError, ValueError, KeyError) as exc:
            log.warning("picture download failed: %s", type(exc).__name__)
            return ""
        return "" if image is None else await self.ocr(image)

    async def _download(self, file_id: str) -> bytes | None:
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            api = f"{self.base_url}/bot{self.token}/getFile"
            async with http.post(api, json={"file_id": file_id}) as resp:
                body = await resp.json()
            if not body.get("ok"):
                log.warning("getFile refused: %s", body.get("description"))
                return None
            info = body["result"]
            if int(info.get("file_size") or 0) > MAX_BYTES:
                log.warning("picture too large to read: %s bytes", info.get("file_size"))
                return None
            url = f"{self.base_url}/file/bot{self.token}/{info['file_path']}"
            async with http.get(url) as resp:
                resp.raise_for_status()
                return await _whole(resp.content)


async def _whole(stream: aiohttp.StreamReader) -> bytes | None:
    """Every byte of the file (read() returns one chunk only), or None past MAX_BYTES."""
    parts: list[bytes] = []
    size = 0
    async for chunk in stream.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > MAX_BYTES:
            log.warning("picture larger than it said: over %s bytes", MAX_BYTES)
            return None
        parts.append(chunk)
    return b"".join(parts)
