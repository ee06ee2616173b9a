"""The learning panel of the stats chart: first vs later attempts, and d′ by week with 95% CIs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PIL import ImageDraw, ImageFont

INK, GREY = (30, 30, 30), (200, 200, 200)
FIRST, LATER = (150, 150, 150), (66, 110, 180)
LINES = ((214, 69, 65), (46, 139, 87), (66, 110, 180), (230, 150, 30), (120, 80, 170))
D_MAX = 4.0  # the d′ axis runs 0..4 (a clipped interval shows as reaching the edge)


def _font(size: int) -> Any:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType sizes
        return ImageFont.load_default()


def _label(c: Mapping[str, Any]) -> str:
    return f"{c['audience']} {c['joined_week'][5:]}"


def _attempts(draw: ImageDraw.ImageDraw, cohorts: Sequence[Mapping[str, Any]],
              box: tuple[int, int, int, int]) -> None:
    x0, y0, x1, y1 = box
    draw.text((x0, y0), "Accuracy: first attempt (grey) vs later (blue)", fill=INK, font=_font(20))
    y, bar = y0 + 36, x1 - x0 - 220
    for c in cohorts[: max(1, (y1 - y0 - 36) // 34)]:
        draw.text((x0, y), _label(c)[:22], fill=INK, font=_font(15))
        for i, (key, colour) in enumerate((("first_attempt", FIRST), ("later_attempts", LATER))):
            acc = c[key]["accuracy"]
            top = y + i * 13
            draw.rectangle((x0 + 170, top, x0 + 170 + bar, top + 10), fill=(235, 235, 235))
            if acc is not None:
                draw.rectangle((x0 + 170, top, x0 + 170 + int(bar * acc), top + 10), fill=colour)
                draw.text((x0 + 176 + bar, top - 3), f"{acc:.0%}", fill=INK, font=_font(12))
        y += 34
    if not cohorts:
        draw.text((x0, y0 + 40), "no answers yet", fill=INK, font=_font(16))


def _d_prime(draw: ImageDraw.ImageDraw, cohorts: Sequence[Mapping[str, Any]],
             box: tuple[int, int, int, int]) -> None:
    x0, y0, x1, y1 = box
    draw.text((x0, y0), "d' (d-prime) on scam-or-genuine by week since joining, 95% CI", fill=INK,
              font=_font(20))
    left, top, bottom = x0 + 30, y0 + 40, y1 - 24
    weeks = max((w["week"] for c in cohorts for w in c["by_week"]), default=0) + 1
    step = (x1 - left) / max(weeks, 1)

    def ypos(d: float) -> int:
        return int(bottom - (bottom - top) * max(0.0, min(d, D_MAX)) / D_MAX)

    for d in range(int(D_MAX) + 1):
        draw.line((left, ypos(d), x1, ypos(d)), fill=GREY)
        draw.text((x0, ypos(d) - 7), str(d), fill=INK, font=_font(12))
    for k in range(weeks):
        draw.text((left + int(step * (k + 0.5)) - 8, bottom + 4), f"w{k}", fill=INK,
                  font=_font(12))
    for n, c in enumerate(cohorts[: len(LINES)]):
        colour, points = LINES[n], []
        for w in c["by_week"]:
            if w["d_prime"] is None:
                continue
            x = left + int(step * (w["week"] + 0.5)) + 3 * n
            lo, hi = w["ci95"]
            draw.line((x, ypos(lo), x, ypos(hi)), fill=colour, width=2)
            points.append((x, ypos(w["d_prime"])))
        if len(points) > 1:
            draw.line(points, fill=colour, width=2)
        for p in points:
            draw.ellipse((p[0] - 3, p[1] - 3, p[0] + 3, p[1] + 3), fill=colour)
        draw.text((x1 - 170, top + 16 * n), _label(c)[:22], fill=colour, font=_font(13))


def learning_panel(draw: ImageDraw.ImageDraw, cohorts: Sequence[Mapping[str, Any]],
                   box: tuple[int, int, int, int]) -> None:
    """Draw both learning plots side by side inside `box`."""
    x0, y0, x1, y1 = box
    mid = (x0 + x1) // 2
    _attempts(draw, cohorts, (x0, y0, mid - 20, y1))
    _d_prime(draw, cohorts, (mid + 20, y0, x1, y1))
