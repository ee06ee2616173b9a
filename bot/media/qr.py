"""QR codes and Telegram deep links: as an image, PNG bytes or text for a terminal."""

from __future__ import annotations

import io
import re

import segno
from PIL import Image

_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
_START = re.compile(r"[A-Za-z0-9_-]{1,64}")  # Telegram's limit for ?start= payloads
MAX_PAYLOAD = 1000  # characters; well inside QR capacity and still scannable when printed


class QRError(ValueError):
    """A payload that cannot become a QR code or deep link."""


def deep_link(bot_username: str, start: str) -> str:
    """https://t.me/<bot>?start=<start>, checking both parts against Telegram's rules."""
    username = bot_username.strip().removeprefix("@")
    if not _USERNAME.fullmatch(username):
        raise QRError(f"bad bot username {bot_username!r}: 5-32 letters, digits or _")
    if not _START.fullmatch(start):
        raise QRError(f"bad start payload {start!r}: 1-64 of A-Z a-z 0-9 _ -")
    return f"https://t.me/{username}?start={start}"


def quiz_link(bot_username: str, topic: str) -> str:
    """The deep link that opens the bot on one topic's quiz."""
    return deep_link(bot_username, f"quiz_{topic}")


def make(payload: str) -> segno.QRCode:
    """A QR code (error correction M or better) for a payload."""
    if not payload:
        raise QRError("empty QR payload")
    if len(payload) > MAX_PAYLOAD:
        raise QRError(f"QR payload too long: {len(payload)} characters (at most {MAX_PAYLOAD})")
    try:
        return segno.make_qr(payload, error="m", boost_error=True)
    except segno.DataOverflowError as exc:
        raise QRError(f"QR payload too long for one code: {exc}") from exc


def modules(payload: str, border: int = 4) -> list[list[bool]]:
    """The module grid (True is dark) with a light quiet zone of border modules."""
    return [[bool(m) for m in row] for row in make(payload).matrix_iter(border=border)]


def image(payload: str, *, size: int | None = None, scale: int = 10,
          border: int = 4) -> Image.Image:
    """The code as a black-on-white image; with size, the largest whole scale that fits it."""
    grid = modules(payload, border)
    count = len(grid)
    if size is not None:
        scale = max(1, size // count)
    small = Image.new("L", (count, count), 255)
    small.putdata([0 if dark else 255 for row in grid for dark in row])
    # NEAREST keeps modules crisp squares, which both printers and scanners want.
    return small.resize((count * scale, count * scale), Image.Resampling.NEAREST)


def png(payload: str, scale: int = 10) -> bytes:
    """The code as PNG bytes."""
    out = io.BytesIO()
    image(payload, scale=scale).save(out, format="PNG")
    return out.getvalue()


_HALF = {(False, False): "█", (False, True): "▀", (True, False): "▄", (True, True): " "}


def text(payload: str, border: int = 2) -> str:
    """The code in half-block characters, two module rows a line, light modules drawn inked.

    Terminals are mostly light-on-dark, so the light modules are the printed ones.
    """
    grid = modules(payload, border)
    if len(grid) % 2:
        grid.append([False] * len(grid[0]))
    return "\n".join(
        "".join(_HALF[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(grid[::2], grid[1::2], strict=True)
    )
