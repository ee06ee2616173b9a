"""The certificate renders in every locale and survives any name a user can choose."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from bot.core.content import Bank, pick
from bot.media.certificate import HEIGHT, WIDTH, certificate_png, draw_certificate
from bot.media.fonts import Fonts
from bot.texts.catalog import Texts
from tests.media.conftest import assert_laid_out, inside

DAY = dt.date(2025, 3, 8)
NAME_BOX = (200, 336, WIDTH - 200, 500)


def topics(bank: Bank, locale: str) -> list[str]:
    """Every published scam type's name, as a user who mastered them all would see."""
    return [pick(s.name, locale) for s in bank.scam_types.values()]


@pytest.mark.parametrize(("locale", "name", "score", "date"), [
    ("zh-Hans", "王小明", "总分 1860", "2025 年 3 月 8 日"),
    ("zh-Hant", "陳美玲", "總分 1860", "2025 年 3 月 8 日"),
    ("en", "Margaret Thompson", "Score: 1860", "8 March 2025"),
], ids=["zh-Hans", "zh-Hant", "en"])
def test_certificate_shows_name_date_score_and_topics(
    bank: Bank, texts: Texts, fonts: dict[str, Fonts], locale: str, name: str, score: str,
    date: str,
) -> None:
    mastered = topics(bank, locale)
    d = draw_certificate(name, DAY, 1860, mastered, locale, texts=texts, fonts=fonts[locale],
                         bot_username="antifraud_quiz_bot")
    assert d.image.size == (WIDTH, HEIGHT)
    assert d.text("name") == (name,)
    assert d.text("score") == (score,) and d.text("date") == (date,)
    assert "".join(d.text("title")) == texts.render("media.cert.title", locale)
    assert str(len(mastered)) in "".join(d.text("body"))
    drawn = ["".join(b.lines).replace(" ", "") for b in d.blocks if b.role == "topic"]
    assert drawn == [f"✓{t}".replace(" ", "") for t in mastered]
    assert "t.me/antifraud_quiz_bot" in "".join(d.text("footer"))
    assert_laid_out(d)


HOSTILE = [
    "测" * 200,
    "A" * 200,
    "😀🎉👨‍👩‍👧",
    "\u202eevil\u202c \u200fמשה\u200f",
    "<script>alert('x')</script> & <b>bold</b>",
    "{{ 7*7 }} {% raw %}",
    "  \n\t  ",
    "Zalgo z̷̢̛a̴l̸g̵o̶ 名字",
]


@pytest.mark.parametrize("name", HOSTILE, ids=[
    "200-cjk", "200-latin", "emoji", "rtl", "html", "jinja", "blank", "zalgo"])
def test_hostile_names_render_inside_the_name_box(
    bank: Bank, texts: Texts, fonts: dict[str, Fonts], name: str
) -> None:
    d = draw_certificate(name, DAY, 0, topics(bank, "en"), "en", texts=texts, fonts=fonts["en"])
    block = next(b for b in d.blocks if b.role == "name")
    assert inside(block.box, NAME_BOX)
    assert 1 <= len(block.lines) <= 2
    drawn = "".join(block.lines)
    assert not any(c in drawn for c in "\u202e\u202c\u200f\n\t")
    assert_laid_out(d)


def test_a_name_with_nothing_drawable_falls_back(texts: Texts, fonts: dict[str, Fonts]) -> None:
    d = draw_certificate("😀\u200f", DAY, 5, [], "zh-Hans", texts=texts, fonts=fonts["zh-Hans"])
    assert d.text("name") == (texts.render("media.cert.anonymous", "zh-Hans"),)


def test_certificate_png_is_a_png(bank: Bank, texts: Texts) -> None:
    data = certificate_png("<b>王</b>", DAY, 42, topics(bank, "zh-Hant"), "zh-Hant", texts=texts)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
