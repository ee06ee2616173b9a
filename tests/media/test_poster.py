"""Posters: the bank's words for the topic, drawn where they fit, and a QR code to its quiz."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bot.core.content import Bank, pick, pick_list
from bot.media.fonts import Fonts
from bot.media.poster import (
    DPI,
    HEIGHT,
    WIDTH,
    UnknownAudienceError,
    UnknownTopicError,
    draw_poster,
    pick_slogan,
    poster_png,
    poster_text,
)
from bot.texts.catalog import Texts
from tests.media.conftest import assert_laid_out, decode

BOT = "antifraud_quiz_bot"


def squash(text: str) -> str:
    """Text without whitespace, as wrapped lines lose the spaces they broke at."""
    return "".join(text.split())


def test_poster_words_come_from_the_bank(bank: Bank, texts: Texts) -> None:
    text = poster_text(bank, "fake_investment", locale="zh-Hans", bot_username=BOT, texts=texts,
                       audience="elderly")
    scam = bank.scam_types["fake_investment"]
    assert text.name == pick(scam.name, "zh-Hans")
    assert text.red_flags == pick_list(scam.red_flags, "zh-Hans")[:3]
    slogan = next(t for t in sorted(bank.tips.values(), key=lambda t: t.id)
                  if t.kind == "slogan" and "fake_investment" in t.scam_types)
    assert squash(text.slogan).replace("，", ",") == squash(pick(slogan.text, "zh-Hans")).replace(
        "，", ",")
    assert text.link == f"https://t.me/{BOT}?start=quiz_fake_investment"
    assert text.heading == "识别诈骗红旗" and text.scan == "扫码答题"
    assert "老年人" in text.kicker


def test_topic_without_its_own_slogan_gets_a_general_one(bank: Bank) -> None:
    own = {t for tip in bank.tips.values() if tip.kind == "slogan" for t in tip.scam_types}
    topic = next(t for t in sorted(bank.scam_types) if t not in own)
    general = {pick(t.text, "en") for t in bank.tips.values()
               if t.kind == "slogan" and not t.scam_types}
    assert pick_slogan(bank, topic, None, "en") in general


def test_poster_png_has_a4_size_and_the_quiz_qr(bank: Bank, texts: Texts) -> None:
    data = poster_png(bank, "card_renting", bot_username=BOT, locale="zh-Hant", texts=texts)
    image = Image.open(io.BytesIO(data))
    assert image.size == (WIDTH, HEIGHT) == (1240, 1754)
    assert round(image.info["dpi"][0]) == DPI
    assert decode(image) == [f"https://t.me/{BOT}?start=quiz_card_renting"]


@pytest.mark.parametrize("locale", ["zh-Hans", "zh-Hant", "en"])
def test_every_topic_draws_its_text_without_overflow(
    bank: Bank, texts: Texts, fonts: dict[str, Fonts], locale: str
) -> None:
    for topic in sorted(bank.scam_types):
        text = poster_text(bank, topic, locale=locale, bot_username=BOT, texts=texts,
                           audience="student")
        drawing = draw_poster(text, fonts[locale])
        assert drawing.image.size == (WIDTH, HEIGHT)
        assert squash("".join(drawing.text("name"))) == squash(fonts[locale].clean(text.name))
        assert len(text.red_flags) == 3
        assert [squash(line) for line in drawing.text("red_flag")] != []
        assert squash("".join(drawing.text("red_flag"))) == squash("".join(text.red_flags))
        assert squash("".join(drawing.text("slogan"))) == squash(text.slogan)
        for role in ("heading", "scan", "hotline", "kicker"):
            assert squash("".join(drawing.text(role))) == squash(getattr(text, role)), role
        assert_laid_out(drawing)


def test_the_qr_is_found_on_the_drawn_poster(bank: Bank, texts: Texts,
                                             fonts: dict[str, Fonts]) -> None:
    text = poster_text(bank, "impersonate_military_purchase", locale="en", bot_username=BOT,
                       texts=texts)
    found = decode(draw_poster(text, fonts["en"]).image)
    assert found == [f"https://t.me/{BOT}?start=quiz_impersonate_military_purchase"]


def test_unknown_topic_lists_the_valid_ids(bank: Bank, texts: Texts) -> None:
    with pytest.raises(UnknownTopicError) as err:
        poster_text(bank, "nope", locale="en", bot_username=BOT, texts=texts)
    assert "fake_investment" in str(err.value) and "card_renting" in str(err.value)


def test_unknown_audience_is_refused(bank: Bank, texts: Texts) -> None:
    with pytest.raises(UnknownAudienceError, match="elderly"):
        poster_text(bank, "fake_loan", locale="en", bot_username=BOT, texts=texts,
                    audience="aliens")
