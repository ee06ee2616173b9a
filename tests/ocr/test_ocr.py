"""Offline OCR on rendered screenshots: the decisive phrases come back; junk gives nothing."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from bot.media.fonts import find_font
from bot.ocr import read_text, tidy
from tests.e2e.harness import OCR


def screenshot(lines: list[str], size: int = 28) -> bytes:
    """A phone-like screenshot of a message, drawn with the project's CJK font."""
    font = ImageFont.truetype(str(find_font()), size)
    img = Image.new("RGB", (720, 60 + 48 * len(lines)), (236, 236, 236))
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((24, 24 + 48 * i), line, fill=(20, 20, 20), font=font)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(("lines", "phrases"), [
    (["【市公安局】你的身份证涉嫌洗钱，", "请将资金转入安全账户配合调查。"], ["安全账户", "洗钱"]),
    (["兼职刷单，日赚500，", "先垫付后返佣金，加QQ领任务"], ["刷单", "垫付", "佣金"]),
    (["贷款审核通过，请先缴纳保证金", "才能放款到您的银行卡"], ["保证金", "放款"]),
    (["Your parcel was lost. Share your screen", "so we can refund you double."],
     ["parcel was lost", "refund"]),
])
async def test_phrases_survive_ocr(lines: list[str], phrases: list[str]) -> None:
    text = await OCR.read_text(screenshot(lines))  # the session's worker: the model loads once
    for phrase in phrases:
        assert phrase in text, text


async def test_a_blank_picture_and_junk_bytes_read_as_nothing() -> None:
    blank = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(blank, "PNG")
    assert await read_text(blank.getvalue()) == ""
    assert await read_text(b"not an image at all") == ""
    assert await read_text(b"\x89PNG" + b"\x00" * (11 * 2**20)) == ""  # over the size limit


def test_spaces_between_chinese_characters_are_dropped() -> None:
    assert tidy("请 将 资 金\n\n转 入 安 全 账 户 now ok\n") == "请将资金\n转入安全账户 now ok"
