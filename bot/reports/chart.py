"""Draw the stats chart: accuracy per scam type, activity over the last 30 days, learning per
cohort and the variant radar's clusters."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from bot.media.fonts import Fonts
from bot.media.layout import Drawing
from bot.reports.learning_chart import learning_panel
from bot.reports.radar_chart import RADAR_H, radar_panel

W, H, PAD = 1200, 900, 40
LEARNING_H = 380  # the learning panel under the two others, when the figures carry cohorts
RED, GREEN, GREY, INK = (214, 69, 65), (46, 139, 87), (200, 200, 200), (30, 30, 30)


def _font(size: int) -> Any:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType sizes
        return ImageFont.load_default()


def _accuracy(draw: ImageDraw.ImageDraw, acc: Mapping[str, Mapping[str, Any]],
              names: Mapping[str, str], top: int) -> None:
    draw.text((PAD, top), "Accuracy per scam type (share of answers right)", fill=INK,
              font=_font(26))
    rows = sorted(acc.items(), key=lambda kv: kv[1]["accuracy"] or 0)
    y, bar_w = top + 50, W - 2 * PAD - 380
    for scam_type, row in rows[:14]:
        share = row["accuracy"] or 0.0
        draw.text((PAD, y), names.get(scam_type, scam_type)[:30], fill=INK, font=_font(18))
        x0 = PAD + 360
        draw.rectangle((x0, y, x0 + bar_w, y + 22), fill=GREY)
        draw.rectangle((x0, y, x0 + int(bar_w * share), y + 22),
                       fill=GREEN if share >= 0.8 else RED)
        draw.text((x0 + bar_w + 8, y), f"{share:.0%} of {row['answers']}", fill=INK,
                  font=_font(16))
        y += 30


def _activity(draw: ImageDraw.ImageDraw, days: list[Mapping[str, Any]], top: int) -> None:
    draw.text((PAD, top), "Answers per day (last 30 days)", fill=INK, font=_font(26))
    base, height = H - PAD - 30, H - PAD - 30 - (top + 50)
    peak = max((d["answers"] for d in days), default=0) or 1
    width = (W - 2 * PAD) / max(len(days), 1)
    for i, d in enumerate(days):
        x = PAD + int(i * width)
        y = base - int(height * d["answers"] / peak)
        draw.rectangle((x + 2, y, x + max(int(width) - 2, 3), base), fill=(66, 110, 180))
        if i % max(1, len(days) // 6) == 0:
            draw.text((x, base + 6), str(d["day"])[5:], fill=INK, font=_font(14))
    if not days:
        draw.text((PAD, top + 60), "no answers yet", fill=INK, font=_font(18))


def stats_chart(stats: Mapping[str, Any], names: Mapping[str, str],
                fonts: Fonts | None = None) -> bytes:
    """A PNG of the panels: accuracy per type, activity, learning per cohort, and the variant
    radar's clusters; the rows the radar panel drew are kept in the PNG's `radar` text."""
    cohorts, radar = stats.get("cohorts"), stats.get("radar")
    top = H + (LEARNING_H if cohorts is not None else 0)
    img = Image.new("RGB", (W, top + (RADAR_H if radar is not None else 0)), "white")
    draw = ImageDraw.Draw(img)
    _accuracy(draw, stats["accuracy_by_type"], names, PAD)
    _activity(draw, stats["activity"], 520)
    if cohorts is not None:
        learning_panel(draw, cohorts, (PAD, H + 10, W - PAD, H + LEARNING_H - PAD))
    info = PngInfo()
    if radar is not None:
        drawn = radar_panel(Drawing(img), radar, (PAD, top + 10, W - PAD, top + RADAR_H - PAD),
                            fonts or Fonts("zh-Hans"))
        info.add_text("radar", json.dumps({"reports": radar["reports"], "days": radar["days"],
                                           "rows": drawn}, sort_keys=True))
    buf = io.BytesIO()
    img.save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()
