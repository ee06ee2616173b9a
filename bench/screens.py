"""Phone-like chat screenshots with known text: CJK fonts, light and dark, JPEG-degraded, short
and long. Used to choose the OCR engine (bench/ocr_engines.py) and by tests/ocr."""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bot.config import ROOT

FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
THEMES = {"light": ((237, 237, 237), (255, 255, 255), (149, 236, 105), (25, 25, 25)),
          "dark": ((17, 17, 17), (44, 44, 44), (46, 125, 50), (230, 230, 230))}
WIDTH = 720


@dataclass(frozen=True)
class Screen:
    """One screenshot: the encoded image and the text drawn in it, line by line."""

    image: bytes
    lines: tuple[str, ...]
    theme: str
    long: bool
    quality: int


def _messages() -> list[str]:
    """Sentences from the labelled sets (never the training examples), Chinese and English."""
    out = []
    for name in ("messages.jsonl", "blind.jsonl"):
        for line in (ROOT / "tests" / "scamcheck" / name).read_text("utf-8").splitlines():
            text = json.loads(line)["text"].replace("\n", " ")
            out.append(text)
    return out


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if font.getlength(cur + ch) > width:
            lines.append(cur)
            cur = ch.lstrip()
        else:
            cur += ch
    return [*lines, cur] if cur.strip() else lines


def screen(rng: random.Random, texts: list[str], long: bool, theme: str) -> Screen:
    """Draw chat bubbles of a few messages in a phone-width screenshot."""
    bg, left, right, ink = THEMES[theme]
    font = ImageFont.truetype(rng.choice(FONTS), rng.choice((26, 28, 30, 32)))
    bubbles = [_wrap(rng.choice(texts), font, WIDTH - 220) for _ in range(4 if long else 1)]
    step = int(font.size * 1.45)
    height = 140 + sum(len(b) * step + 60 for b in bubbles)
    img = Image.new("RGB", (WIDTH, height), bg)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, WIDTH, 90), fill=left)  # the title bar
    y, lines = 120, []
    for i, bubble in enumerate(bubbles):
        mine = i % 2 == 1
        x = WIDTH - 110 - max(font.getlength(b) for b in bubble) if mine else 100
        w = max(font.getlength(b) for b in bubble) + 40
        draw.rounded_rectangle((x - 20, y - 14, x + w - 20, y + len(bubble) * step + 4), 12,
                               fill=right if mine else left)
        for line in bubble:
            draw.text((x, y), line, fill=ink if not (mine and theme == "light") else (0, 0, 0),
                      font=font)
            lines.append(line)
            y += step
        y += 60
    quality = rng.choice((45, 60, 75, 90))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return Screen(out.getvalue(), tuple(lines), theme, long, quality)


def screens(count: int = 100, seed: int = 18) -> list[Screen]:
    """A fixed set of screenshots: half light, half dark; a third long."""
    rng = random.Random(seed)
    texts = _messages()
    return [screen(rng, texts, i % 3 == 0, "dark" if i % 2 else "light") for i in range(count)]


def save(folder: Path, count: int = 100) -> None:
    """Write the set to a folder (for eyeballing)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, s in enumerate(screens(count)):
        name = f"{i:03}-{s.theme}-{'long' if s.long else 'short'}-q{s.quality}.jpg"
        (folder / name).write_bytes(s.image)
