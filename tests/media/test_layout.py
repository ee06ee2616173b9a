"""Text is wrapped by measured width (CJK-aware), shrunk to fit, and never overflows its box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from bot.media import fonts as fonts_module
from bot.media.fonts import FontNotFoundError, Fonts, find_font
from bot.media.layout import ELLIPSIS, Drawing, draw_text, fit, wrap
from tests.media.conftest import inside

ZH = ("骗子以内幕消息高回报为诱饵，把你拉进投资群，诱导你在虚假平台炒股理财，"
      "先让你小赚，再骗你不断加码，最后无法提现。")
EN = ("Scammers lure you with inside tips and high returns into investment groups "
      "and fake platforms.")


def test_cjk_wraps_between_characters_within_width(fonts: dict[str, Fonts]) -> None:
    font = fonts["zh-Hans"](40)
    lines = wrap(ZH, font, 400)
    assert len(lines) > 3
    assert "".join(lines) == ZH
    assert all(font.getlength(line) <= 400 for line in lines)
    assert not any(line[0] in "，。" for line in lines)


def test_latin_wraps_at_spaces(fonts: dict[str, Fonts]) -> None:
    font = fonts["en"](32)
    lines = wrap(EN, font, 420)
    assert " ".join(lines) == EN
    assert all(font.getlength(line) <= 420 for line in lines)


def test_a_word_wider_than_the_line_is_split(fonts: dict[str, Fonts]) -> None:
    font = fonts["en"](40)
    lines = wrap("W" * 60, font, 300)
    assert "".join(lines) == "W" * 60
    assert all(font.getlength(line) <= 300 for line in lines)


def test_fit_shrinks_then_ellipsizes(fonts: dict[str, Fonts]) -> None:
    size, lines = fit(ZH, fonts["zh-Hans"], width=600, height=200, max_size=80, min_size=30)
    assert 30 <= size < 80 and "".join(lines) == ZH
    size, lines = fit(ZH * 10, fonts["zh-Hans"], width=300, height=80, max_size=40, min_size=30)
    assert size == 30 and lines[-1].endswith(ELLIPSIS)


def test_drawn_text_stays_inside_its_box(fonts: dict[str, Fonts]) -> None:
    drawing = Drawing(Image.new("RGB", (800, 400), "white"))
    box = (100, 100, 500, 220)
    drawn = draw_text(drawing, "t", ZH * 5 + " Ǻgjy " + EN, fonts["zh-Hans"], box, max_size=60,
                      min_size=20, fill="black", bold=True)
    assert inside(drawn.box, box)
    outside = drawing.image.copy()
    outside.paste("white", box)
    assert outside.convert("L").getextrema() == (255, 255)


def test_clean_drops_what_the_font_cannot_draw(fonts: dict[str, Fonts]) -> None:
    dirty = "王\u202e小\u200f明\x00😀<b>&\u0301 ok\tend"
    assert fonts["zh-Hans"].clean(dirty) == "王小明<b>& ok end"


def test_missing_font_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FONT_PATH", raising=False)
    monkeypatch.setattr(fonts_module, "REGULAR_PATHS", ("/nonexistent/a.ttc",))
    monkeypatch.setattr(fonts_module, "BOLD_PATHS", ("/nonexistent/b.ttc",))
    with pytest.raises(FontNotFoundError, match="make system-deps"):
        find_font()


def test_font_path_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = find_font()
    monkeypatch.setenv("FONT_PATH", str(installed))
    assert find_font(bold=True) == installed
    monkeypatch.setenv("FONT_PATH", "/nonexistent/font.ttf")
    with pytest.raises(FontNotFoundError, match="FONT_PATH"):
        find_font()


def test_collection_face_follows_the_locale(fonts: dict[str, Fonts]) -> None:
    if Path(fonts["zh-Hans"].regular).suffix != ".ttc":
        pytest.skip("single-face font file")
    assert "SC" in fonts["zh-Hans"](20).getname()[0]
    assert "TC" in fonts["zh-Hant"](20).getname()[0]
