"""The radar panel of the stats chart on its own: which clusters it draws (the largest, new ones
always), each row inside its place whatever the sample holds, the NEW mark only on new rows, and
an honest line when nothing clusters."""

from __future__ import annotations

from typing import Any

from PIL import Image

from bot.media.fonts import Fonts
from bot.media.layout import Drawing
from bot.reports.radar_chart import HEAD_H, RADAR_H, ROW_H, ROWS, X_TEXT, radar_panel, shown
from tests.media.conftest import inside, overlaps

BOX = (40, 10, 1160, RADAR_H - 30)
DAYS = [f"2026-12-{d:02d}" for d in range(1, 8)]
HOSTILE = ("\u202e\u200b<b>转账</b>" + "🙏" * 30 + "\n\n" + "很长的诈骗短信" * 600, "a" * 4000,
           "", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 mixed 中文 ‮reversed")


def cluster(cid: int, size: int, new: bool = False, sample: str = "您的ETC已失效"
            ) -> dict[str, Any]:
    per_day = dict.fromkeys(DAYS, 0)
    per_day[DAYS[-1]] = size
    return {"id": cid, "size": size, "new": new, "why_new": "unsure" if new else "",
            "per_day": per_day, "growth_24h": size, "verdicts": {"unsure": size},
            "domains": {"etc-gov.top": size}, "sample": sample}


def radar(clusters: list[dict[str, Any]], reports: int | None = None) -> dict[str, Any]:
    total = sum(c["size"] for c in clusters) if reports is None else reports
    return {"reports": total, "days": 7, "min_size": 2, "clusters": clusters}


def draw(data: dict[str, Any]) -> tuple[Drawing, list[dict[str, Any]]]:
    drawing = Drawing(Image.new("RGB", (1200, RADAR_H), "white"))
    return drawing, radar_panel(drawing, data, BOX, Fonts("zh-Hans"))


def red(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Pixels of the NEW badge's red in a box."""
    crop = image.crop(box)
    return sum(crop.getpixel((x, y)) == (200, 40, 40)
               for x in range(crop.width) for y in range(crop.height))


def test_the_largest_clusters_are_shown_and_new_ones_always() -> None:
    old = [cluster(i, 30 - i) for i in range(1, 13)]
    new = [cluster(100, 3, new=True), cluster(101, 2, new=True)]
    rows = shown([*new, *old])
    assert len(rows) == ROWS and {100, 101} <= {c["id"] for c in rows}
    assert [c["size"] for c in rows] == sorted((c["size"] for c in rows), reverse=True)
    assert [c["id"] for c in rows[:6]] == [1, 2, 3, 4, 5, 6]  # the six largest of the rest
    assert [c["id"] for c in shown([cluster(i, 5, new=True) for i in range(12)])] == list(
        range(ROWS))


def test_rows_stay_in_place_whatever_the_sample_and_only_new_rows_are_marked() -> None:
    clusters = [cluster(i + 1, 20 - i, new=i % 3 == 0, sample=HOSTILE[i % len(HOSTILE)])
                for i in range(ROWS)]
    drawing, rows = draw(radar(clusters))
    assert [r["id"] for r in rows] == list(range(1, ROWS + 1))
    for i, row in enumerate(rows):
        top = BOX[1] + HEAD_H + i * ROW_H
        badge = red(drawing.image, (BOX[0], top, BOX[0] + X_TEXT, top + ROW_H))
        assert (badge > 100) is row["new"], (i, badge)
    column = (BOX[0] + X_TEXT, BOX[1] + HEAD_H, BOX[2], BOX[1] + HEAD_H + ROWS * ROW_H)
    for block in drawing.blocks:
        assert inside(block.box, column), block
        assert len(block.lines) <= 1, block  # one line each: long samples end in "…"
    for i, a in enumerate(drawing.blocks):
        assert not any(overlaps(a.box, b.box) for b in drawing.blocks[i + 1:]), a
    samples = drawing.text("radar.sample")
    assert samples[1].startswith("aaaa") and samples[1].endswith("…")
    assert "很长的诈骗短信" in samples[0] and "\u202e" not in samples[0]


def test_reports_without_a_cluster_and_no_reports_say_so() -> None:
    drawing, rows = draw(radar([], reports=4))
    assert rows == []
    assert drawing.text("radar.empty") == (
        "4 reports in the last 7 days, none with a near twin yet: no cluster of 2+.",)
    drawing, _ = draw(radar([]))
    assert drawing.text("radar.empty") == (
        "No reports in the last 7 days: nothing to cluster yet.",)
