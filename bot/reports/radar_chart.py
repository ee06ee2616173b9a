"""The radar panel of the stats chart: the largest clusters of opt-in reports (new ones always
shown), each with its size, reports per day, growth in the last 24 hours, the NEW mark and a
sample, drawn with the CJK font (the samples are Chinese)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PIL import ImageDraw

from bot.media.fonts import Fonts
from bot.media.layout import Drawing, draw_text

ROWS = 8  # as many as /reports shows
ROW_H, HEAD_H = 58, 96
RADAR_H = HEAD_H + ROWS * ROW_H + 40
INK, MUTED, RULE = (30, 30, 30), (100, 100, 100), (225, 225, 225)
NEW_RED, BAR, DAY = (200, 40, 40), (66, 110, 180), (120, 160, 215)
DAY_W, SIZE_W = 37, 120
X_SIZE, X_DAYS, X_TEXT = 150, 340, 620  # column offsets from the panel's left edge


def shown(clusters: Sequence[Mapping[str, Any]], rows: int = ROWS) -> list[Mapping[str, Any]]:
    """The clusters drawn: every new one first (up to rows), then the largest; by size."""
    by_size = sorted(clusters, key=lambda c: (-c["size"], c["id"]))
    new = [c for c in by_size if c["new"]][:rows]
    rest = [c for c in by_size if not c["new"]][: rows - len(new)]
    return sorted(new + rest, key=lambda c: (-c["size"], c["id"]))


def _head(draw: ImageDraw.ImageDraw, radar: Mapping[str, Any], fonts: Fonts,
          box: tuple[int, int, int, int], days: list[str]) -> None:
    x0, y0, _, _ = box
    draw.text((x0, y0), f"Variant radar: clusters of opt-in reports, last {radar['days']} days",
              fill=INK, font=fonts(24, bold=True))
    draw.text((x0, y0 + 36), f"{radar['reports']} reports, {len(radar['clusters'])} clusters of "
              f"{radar['min_size']}+ (largest first; new ones always shown); bars per UTC day. "
              "NEW: the checker is unsure of it or it grows fast", fill=MUTED, font=fonts(15))
    if not days:
        return
    small = fonts(12)
    for label, x in (("cluster", 0), ("reports", X_SIZE), ("sample, domains, verdicts", X_TEXT)):
        draw.text((x0 + x, y0 + 72), label, fill=MUTED, font=small)
    for i, day in enumerate(days):
        draw.text((x0 + X_DAYS + i * DAY_W, y0 + 72), day[5:], fill=MUTED, font=small)


def _bars(draw: ImageDraw.ImageDraw, c: Mapping[str, Any], fonts: Fonts, x: int, top: int,
          peak: int) -> None:
    """Reports per day: one bar a day, its count above it."""
    height = ROW_H - 22
    for i, n in enumerate(c["per_day"].values()):
        left = x + i * DAY_W
        draw.rectangle((left, top + ROW_H - 6, left + DAY_W - 8, top + ROW_H - 5), fill=RULE)
        if n:
            h = max(2, round(height * n / peak))
            draw.rectangle((left, top + ROW_H - 6 - h, left + DAY_W - 8, top + ROW_H - 6),
                           fill=DAY)
            draw.text((left, top + ROW_H - 20 - h), str(n), fill=INK, font=fonts(11))


def _row(drawing: Drawing, c: Mapping[str, Any], fonts: Fonts, x0: int, x1: int, top: int,
         peaks: tuple[int, int]) -> None:
    draw = ImageDraw.Draw(drawing.image)
    draw.text((x0, top + 6), f"#{c['id']}", fill=INK, font=fonts(20, bold=True))
    if c["new"]:
        draw.rounded_rectangle((x0 + 76, top + 8, x0 + 130, top + 32), 5, fill=NEW_RED)
        draw.text((x0 + 84, top + 10), "NEW", fill="white", font=fonts(16, bold=True))
    width = max(3, round(SIZE_W * c["size"] / peaks[0]))
    draw.rectangle((x0 + X_SIZE, top + 10, x0 + X_SIZE + width, top + 26), fill=BAR)
    draw.text((x0 + X_SIZE + width + 6, top + 8), str(c["size"]), fill=INK, font=fonts(16))
    draw.text((x0 + X_SIZE, top + 32), f"+{c['growth_24h']} in 24h", fill=MUTED, font=fonts(13))
    _bars(draw, c, fonts, x0 + X_DAYS, top, peaks[1])
    sample = " ".join(str(c["sample"]).split())
    draw_text(drawing, "radar.sample", sample, fonts, (x0 + X_TEXT, top + 4, x1, top + 30),
              max_size=17, min_size=17, fill="#1e1e1e")
    verdicts = ", ".join(f"{k} {n}" for k, n in c["verdicts"].items())
    why = {"unsure": "new: checker unsure", "fast": "new: growing fast"}.get(c["why_new"], "")
    facts = " · ".join(x for x in (" ".join(c["domains"]), verdicts, why) if x)
    draw_text(drawing, "radar.facts", facts, fonts, (x0 + X_TEXT, top + 32, x1, top + 52),
              max_size=13, min_size=13, fill="#646464")
    draw.line((x0, top + ROW_H - 1, x1, top + ROW_H - 1), fill=RULE)


def radar_panel(drawing: Drawing, radar: Mapping[str, Any], box: tuple[int, int, int, int],
                fonts: Fonts) -> list[dict[str, Any]]:
    """Draw the panel inside box; the rows drawn (id, size, per_day, growth_24h, new)."""
    x0, y0, x1, _ = box
    rows = shown(radar["clusters"])
    days = list(rows[0]["per_day"]) if rows else []
    _head(ImageDraw.Draw(drawing.image), radar, fonts, box, days)
    if not rows:
        what = (f"No reports in the last {radar['days']} days: nothing to cluster yet."
                if not radar["reports"] else
                f"{radar['reports']} reports in the last {radar['days']} days, none with a near "
                f"twin yet: no cluster of {radar['min_size']}+.")
        top = y0 + HEAD_H + 20
        draw_text(drawing, "radar.empty", what, fonts, (x0, top, x1, top + 40), max_size=22,
                  min_size=16, fill="#1e1e1e")
        return []
    peaks = (max(c["size"] for c in rows),
             max((n for c in rows for n in c["per_day"].values()), default=0) or 1)
    for i, c in enumerate(rows):
        _row(drawing, c, fonts, x0, x1, y0 + HEAD_H + i * ROW_H, peaks)
    return [{k: c[k] for k in ("id", "size", "per_day", "growth_24h", "new")} for c in rows]
