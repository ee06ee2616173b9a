"""Shared fixtures for image tests: the real content bank, templates and font, and a QR reader."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from bot.content.loader import load_bank
from bot.core.content import Bank
from bot.media.fonts import Fonts
from bot.media.layout import Box, Drawing
from bot.texts.catalog import Texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bank() -> Bank:
    """The published content bank, as the bot serves it."""
    return load_bank(ROOT / "content").published()


@pytest.fixture(scope="session")
def texts() -> Texts:
    """Every template, compiled once."""
    return Texts()


@pytest.fixture(scope="session")
def fonts() -> dict[str, Fonts]:
    """The installed CJK font for each locale."""
    return {loc: Fonts(loc) for loc in ("zh-Hans", "zh-Hant", "en")}


def decode(image: Image.Image) -> list[str]:
    """Every QR code found in an image."""
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def inked(image: Image.Image, box: Box) -> int:
    """How many pixels in a box differ from the box's most common grey level."""
    histogram = image.crop(box).convert("L").histogram()
    return sum(histogram) - max(histogram)


def inside(inner: Box, outer: Box) -> bool:
    """Whether one box lies wholly within another."""
    return (outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2]
            and inner[3] <= outer[3])


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any pixel."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_laid_out(drawing: Drawing) -> None:
    """Every block drew something, inside the image, and no two blocks touch."""
    width, height = drawing.image.size
    for block in drawing.blocks:
        left, top, right, bottom = block.box
        assert 0 <= left < right <= width and 0 <= top < bottom <= height, block
        assert inked(drawing.image, block.box) > 0, block
    for i, a in enumerate(drawing.blocks):
        for b in drawing.blocks[i + 1:]:
            assert not overlaps(a.box, b.box), (a, b)
