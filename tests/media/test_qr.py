"""QR codes decode back to their exact payload, as images, PNG bytes and terminal text."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bot.media import qr
from tests.media.conftest import decode

PAYLOADS = [
    "https://t.me/antifraud_quiz_bot?start=quiz_fake_investment",
    "涉及钱款，不闻其声、不得转账；有疑问就打 96110。",
    "x" * 600,
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_image_decodes_to_the_payload(payload: str) -> None:
    assert decode(qr.image(payload, scale=4)) == [payload]


def test_png_bytes_decode() -> None:
    image = Image.open(io.BytesIO(qr.png(PAYLOADS[0], scale=6)))
    assert decode(image) == [PAYLOADS[0]]


def test_size_picks_the_largest_whole_scale() -> None:
    image = qr.image(PAYLOADS[0], size=300)
    assert 300 - image.width < image.width // 20 and image.width <= 300
    assert image.width == image.height


def grid_from_text(text: str) -> list[list[bool]]:
    """Read the half-block drawing back into modules (True is dark)."""
    light = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}
    rows: list[list[bool]] = []
    for line in text.splitlines():
        pairs = [light[c] for c in line]
        rows.append([not top for top, _ in pairs])
        rows.append([not bottom for _, bottom in pairs])
    return rows


def test_terminal_text_decodes_to_the_payload() -> None:
    rows = grid_from_text(qr.text(PAYLOADS[0]))
    small = Image.new("L", (len(rows[0]), len(rows)))
    small.putdata([0 if dark else 255 for row in rows for dark in row])
    big = small.resize((small.width * 6, small.height * 6), Image.Resampling.NEAREST)
    assert decode(big) == [PAYLOADS[0]]


def test_quiz_link() -> None:
    assert qr.quiz_link("@antifraud_quiz_bot", "fake_investment") == (
        "https://t.me/antifraud_quiz_bot?start=quiz_fake_investment")


@pytest.mark.parametrize(("username", "start"), [
    ("ab", "quiz_x"), ("bad name bot", "quiz_x"), ("antifraud_quiz_bot", "quiz_中文"),
    ("antifraud_quiz_bot", "q" * 65), ("antifraud_quiz_bot", ""),
])
def test_bad_deep_links_are_refused(username: str, start: str) -> None:
    with pytest.raises(qr.QRError):
        qr.deep_link(username, start)


@pytest.mark.parametrize("payload", ["", "y" * (qr.MAX_PAYLOAD + 1), "诈" * 990])
def test_bad_payloads_are_refused(payload: str) -> None:
    with pytest.raises(qr.QRError):
        qr.make(payload)
