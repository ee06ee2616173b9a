"""The mastery certificate a user can share: their chosen name, the date and their score."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

from bot.media.fonts import Fonts
from bot.media.layout import Box, Drawing, common_size, draw_text
from bot.texts.catalog import Texts

WIDTH, HEIGHT, DPI = 1754, 1240, 150  # A4 landscape at 150 dpi
RED, GOLD, DARK, GREY, PAPER = "#B3122B", "#C9A227", "#1F1F1F", "#6B6B6B", "#FFFBF2"
MAX_NAME = 64  # characters kept before the layout shrinks and, at worst, ellipsizes
MAX_TOPICS = 24  # more cells than this would be too small to read
Render = Callable[..., str]  # a media.cert.* template by short key, with its context


def clean_name(name: str, fonts: Fonts, anonymous: str) -> str:
    """The chosen name as drawable single-line text, or the anonymous label if nothing is left."""
    kept = " ".join(fonts.clean(name).split())
    if len(kept) > MAX_NAME:
        kept = kept[: MAX_NAME - 1] + "…"
    return kept or anonymous


def _frame(d: Drawing) -> None:
    pen = ImageDraw.Draw(d.image)
    pen.rectangle((36, 36, WIDTH - 36, HEIGHT - 36), outline=RED, width=12)
    pen.rectangle((62, 62, WIDTH - 62, HEIGHT - 62), outline=GOLD, width=3)


def _topics(d: Drawing, heading: str, topics: Sequence[str], fonts: Fonts) -> None:
    draw_text(d, "topics_heading", heading, fonts, (200, 672, WIDTH - 200, 716), max_size=32,
              min_size=22, fill=RED, bold=True, align="center", valign="middle")
    shown = list(topics)[:MAX_TOPICS]
    if not shown:
        return
    cols = min(4, len(shown))
    rows = math.ceil(len(shown) / cols)
    cell_w, cell_h = (WIDTH - 400) // cols, 150 // rows
    labels = [f"✓ {name}" for name in shown]
    size = common_size(labels, fonts, width=cell_w - 16, height=cell_h, max_size=30,
                       min_size=14, spacing=0.1)
    for i, label in enumerate(labels):
        left, top = 200 + (i % cols) * cell_w, 730 + (i // cols) * cell_h
        draw_text(d, "topic", label, fonts, (left + 8, top, left + cell_w - 8, top + cell_h),
                  max_size=size, min_size=size, fill=DARK, align="center", valign="middle",
                  spacing=0.1, even=True)


def _seal(d: Drawing, label: str, fonts: Fonts) -> None:
    cx, cy, r = WIDTH - 330, 1000, 108
    pen = ImageDraw.Draw(d.image)
    pen.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RED, width=8)
    pen.ellipse((cx - r + 16, cy - r + 16, cx + r - 16, cy + r - 16), outline=RED, width=2)
    draw_text(d, "seal", label, fonts, (cx - 66, cy - 60, cx + 66, cy + 60), max_size=44,
              min_size=18, fill=RED, bold=True, align="center", valign="middle", spacing=0.1,
              even=True)


def _centered(d: Drawing, role: str, text: str, fonts: Fonts, box: Box, *, max_size: int,
              min_size: int, fill: str, bold: bool = False, even: bool = False,
              spacing: float = 0.3) -> None:
    draw_text(d, role, text, fonts, box, max_size=max_size, min_size=min_size, fill=fill,
              bold=bold, align="center", valign="middle", spacing=spacing, even=even)


def _award(d: Drawing, t: Render, name: str, count: int, fonts: Fonts) -> None:
    _centered(d, "title", t("title"), fonts, (150, 110, WIDTH - 150, 240), max_size=96,
              min_size=48, fill=RED, bold=True)
    _centered(d, "awarded", t("awarded"), fonts, (150, 268, WIDTH - 150, 322), max_size=38,
              min_size=24, fill=GREY)
    _centered(d, "name", clean_name(name, fonts, t("anonymous")), fonts,
              (200, 336, WIDTH - 200, 500), max_size=110, min_size=36, fill=DARK, bold=True,
              spacing=0.1, even=True)
    ImageDraw.Draw(d.image).line((420, 516, WIDTH - 420, 516), fill=GOLD, width=3)
    _centered(d, "body", t("body", count=count), fonts, (200, 540, WIDTH - 200, 650),
              max_size=40, min_size=24, fill=DARK, even=True)


def _signature(d: Drawing, t: Render, score: int, date: dt.date, fonts: Fonts,
               bot_username: str | None) -> None:
    draw_text(d, "score", t("score", score=score), fonts, (200, 920, 900, 1000), max_size=56,
              min_size=28, fill=RED, bold=True, valign="middle")
    draw_text(d, "date", t("date", year=date.year, month=date.month, day=date.day), fonts,
              (200, 1010, 900, 1070), max_size=36, min_size=22, fill=DARK, valign="middle")
    _seal(d, t("seal"), fonts)
    footer = t("footer") + (f"  ·  t.me/{bot_username.lstrip('@')}" if bot_username else "")
    _centered(d, "footer", footer, fonts, (150, 1112, WIDTH - 150, 1160), max_size=26,
              min_size=16, fill=GREY)


def draw_certificate(name: str, date: dt.date, score: int, mastered_topics: Sequence[str],
                     locale: str, *, texts: Texts, fonts: Fonts,
                     bot_username: str | None = None, region: str = "cn") -> Drawing:
    """Lay out and draw the certificate; the Drawing records every text block."""
    call = texts.render("help.call", locale, {"region": region})

    def t(key: str, **ctx: object) -> str:
        return texts.render(f"media.cert.{key}", locale, {"help_call": call, **ctx})

    d = Drawing(Image.new("RGB", (WIDTH, HEIGHT), PAPER))
    _frame(d)
    _award(d, t, name, len(mastered_topics), fonts)
    _topics(d, t("topics"), mastered_topics, fonts)
    _signature(d, t, score, date, fonts, bot_username)
    return d


def certificate_png(name: str, date: dt.date, score: int, mastered_topics: Sequence[str],
                    locale: str, *, texts: Texts | None = None, bot_username: str | None = None,
                    font_path: str | Path | None = None, region: str = "cn") -> bytes:
    """The certificate as PNG bytes; mastered_topics are display names in the locale."""
    fonts = Fonts(locale, font_path)
    drawing = draw_certificate(name, date, score, mastered_topics, locale,
                               texts=texts or Texts(), fonts=fonts, bot_username=bot_username,
                               region=region)
    return drawing.png(DPI)
