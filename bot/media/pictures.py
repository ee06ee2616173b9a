"""Draw the pictures that replies ask for (Picture.kind), off the event loop."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable

from bot.core.replies import Picture
from bot.media.certificate import certificate_png
from bot.texts.catalog import Texts


def drawer(texts: Texts,
           bot_username: str | None) -> Callable[[Picture, str], Awaitable[bytes]]:
    """A Draw for the runtime: PNG bytes for a Picture reply in a locale."""

    async def draw(picture: Picture, locale: str) -> bytes:
        if picture.kind != "certificate":
            raise ValueError(f"no picture of kind {picture.kind!r}")
        ctx = picture.ctx
        # Pillow releases the GIL for most of the drawing: a thread keeps updates flowing.
        return await asyncio.to_thread(
            certificate_png, str(ctx["name"]), dt.date.fromisoformat(str(ctx["date"])),
            int(ctx["score"]), list(ctx["topics"]), locale, texts=texts,
            bot_username=bot_username, region=str(ctx.get("region") or "cn"))

    return draw
