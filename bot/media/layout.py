"""Text laid out by measured pixel width: CJK-aware wrapping, shrink-to-fit, and drawn blocks."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from bot.media.fonts import Fonts

Box = tuple[int, int, int, int]  # left, top, right, bottom
# Latin words (with their trailing spaces) stay whole; every other character may break.
_UNIT = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff'’_.@/%:+-]+ *| +|.", re.S)
# Kinsoku: these never start a line (they stick to what precedes) ...
_NO_START = set("，。、；：！？）》」』】〕”’…—·,.;:!?)]}%")
# ... and these never end one (they stick to what follows).
_NO_END = set("（《「『【〔“‘([{")
ELLIPSIS = "…"
_PROBE = "国Ág|"  # tall accent, deep descender and a full-height ideograph


@dataclass(frozen=True)
class Drawn:
    """One block of text as drawn: its role, the exact lines, the font size and the inked box."""

    role: str
    lines: tuple[str, ...]
    size: int
    box: Box


@dataclass
class Drawing:
    """A finished image and every text block drawn on it."""

    image: Image.Image
    blocks: list[Drawn] = field(default_factory=list)

    def text(self, role: str) -> tuple[str, ...]:
        """Every line drawn for a role, in order."""
        return tuple(line for b in self.blocks if b.role == role for line in b.lines)

    def png(self, dpi: int = 150) -> bytes:
        """The image as PNG bytes (dpi recorded so it prints at the intended size)."""
        out = io.BytesIO()
        self.image.save(out, format="PNG", dpi=(dpi, dpi))
        return out.getvalue()


@lru_cache(maxsize=1 << 16)
def measure(font: ImageFont.FreeTypeFont, text: str) -> float:
    """Advance width in pixels (cached: wrapping and balancing measure the same runs often)."""
    return float(font.getlength(text))


def _units(text: str) -> list[str]:
    """Split a paragraph into unbreakable pieces, gluing kinsoku punctuation to neighbours."""
    units: list[str] = []
    glue_next = False
    for piece in _UNIT.findall(text):
        if units and (glue_next or piece[0] in _NO_START):
            units[-1] += piece
        else:
            units.append(piece)
        glue_next = piece[-1] in _NO_END
    return units


def _hard_split(unit: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break a piece wider than the line into character runs that fit."""
    parts, current = [], ""
    for char in unit:
        if current and measure(font, current + char) > width:
            parts.append(current)
            current = ""
        current += char
    return [*parts, current] if current else parts


def _words_fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> bool:
    """Whether every unbreakable piece fits on a line by itself."""
    return all(measure(font, u.strip()) <= width for u in _units(text.replace("\n", " ")))


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines of text, each at most width pixels wide, breaking between CJK characters or words."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for unit in _units(paragraph.strip()):
            candidate = current + unit
            if measure(font, candidate.rstrip()) <= width:
                current = candidate
                continue
            if current.strip():
                lines.append(current.rstrip())
            current = unit.lstrip()
            if measure(font, current.rstrip()) > width:
                *full, current = _hard_split(current, font, width)
                lines.extend(p.rstrip() for p in full)
        if current.strip():
            lines.append(current.rstrip())
    return lines


def ellipsize(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """Cut a line so that it, with a trailing ellipsis, fits the width."""
    while line and measure(font, line.rstrip() + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def line_box(font: ImageFont.FreeTypeFont) -> tuple[int, int]:
    """Pixels a line's ink reaches above and below its baseline (tall accents, descenders)."""
    _, top, _, bottom = font.getbbox(_PROBE, anchor="ls")
    return -int(top), int(bottom)


def _rows(font: ImageFont.FreeTypeFont, height: int, spacing: float) -> int:
    """How many lines fit in height."""
    above, below = line_box(font)
    step = above + below + round(font.size * spacing)
    return max(1, (height - above - below) // step + 1)


def fit(text: str, fonts: Fonts, *, width: int, height: int, max_size: int, min_size: int,
        bold: bool = False, spacing: float = 0.3) -> tuple[int, list[str]]:
    """The largest size (stepping down) at which text wraps into the box, else cut with "…"."""
    size = max_size
    while True:
        font = fonts(size, bold=bold)
        lines, rows = wrap(text, font, width), _rows(font, height, spacing)
        # A word broken mid-way counts as not fitting until the smallest size.
        if len(lines) <= rows and (_words_fit(text, font, width) or size <= min_size):
            return size, lines
        if size <= min_size:
            kept = lines[:rows]
            kept[-1] = ellipsize(kept[-1] + " " + lines[rows], font, width)
            return size, kept
        size = max(min_size, size - max(1, size // 12))


def common_size(texts: list[str], fonts: Fonts, *, width: int, height: int, max_size: int,
                min_size: int, bold: bool = False, spacing: float = 0.3) -> int:
    """One size for sibling blocks: the largest at which every text fits its box."""
    return min((fit(fonts.clean(t), fonts, width=width, height=height, max_size=max_size,
                    min_size=min_size, bold=bold, spacing=spacing)[0] for t in texts),
               default=max_size)


def balance(text: str, font: ImageFont.FreeTypeFont, width: int, lines: list[str]) -> list[str]:
    """The same number of lines, as even as possible: the narrowest width that keeps the count."""
    if len(lines) < 2 or lines[-1].endswith(ELLIPSIS) or not _words_fit(text, font, width):
        return lines
    low, high = width // 2, width
    while low < high:
        mid = (low + high) // 2
        if len(wrap(text, font, mid)) <= len(lines) and _words_fit(text, font, mid):
            high = mid
        else:
            low = mid + 1
    return wrap(text, font, high)


def draw_text(drawing: Drawing, role: str, text: str, fonts: Fonts, box: Box, *, max_size: int,
              min_size: int, fill: str, bold: bool = False, align: str = "left",
              valign: str = "top", spacing: float = 0.3, even: bool = False) -> Drawn:
    """Fit text into box and draw it, clipped to the box; returns what was drawn and where."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    text = fonts.clean(text)
    size, lines = fit(text, fonts, width=width, height=height, max_size=max_size,
                      min_size=min_size, bold=bold, spacing=spacing)
    font = fonts(size, bold=bold)
    if even:
        lines = balance(text, font, width, lines)
    above, below = line_box(font)
    step = above + below + round(size * spacing)
    used = step * len(lines) - step + above + below if lines else 0
    y = above + {"top": 0, "middle": (height - used) // 2, "bottom": height - used}[valign]
    # Drawn on a mask the size of the box, so nothing can spill into a neighbouring block.
    mask = Image.new("L", (width, height))
    pen = ImageDraw.Draw(mask)
    for line in lines:
        span = measure(font, line)
        x = {"left": 0.0, "center": (width - span) / 2, "right": width - span}[align]
        pen.text((x, y), line, font=font, fill=255, anchor="ls")
        y += step
    drawing.image.paste(fill, box, mask)
    ink = mask.getbbox() or (0, 0, 0, 0)
    inked = (left + ink[0], top + ink[1], left + ink[2], top + ink[3])
    drawn = Drawn(role, tuple(lines), size, inked)
    drawing.blocks.append(drawn)
    return drawn
