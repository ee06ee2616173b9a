"""The scam card is a short summary: every type's card fits 8 lines of a phone-width bubble."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest

from bot.config import ROOT
from bot.content.loader import load_bank
from bot.services.check import card_ctx, short_card
from bot.texts.catalog import Texts

# A 390 px phone: the bubble is at most 80% of the chat, less padding, about 266 px of text at
# 16 px, so 16 full-width characters (CJK) or 32 half-width ones (Latin) per line.
LINE_COLUMNS = 32
MAX_LINES = 8
BANK = load_bank(ROOT / "content")
TEXTS = Texts()


def columns(text: str) -> int:
    """Display width in half-width columns (CJK and emoji count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def phone_lines(text: str) -> int:
    """How many lines a text takes in the bubble, wrapping each paragraph."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return sum(max(1, -(-columns(line) // LINE_COLUMNS)) for line in plain.split("\n"))


@pytest.mark.parametrize("locale", ["zh-Hans", "zh-Hant", "en"])
@pytest.mark.parametrize("scam_type", sorted(BANK.scam_types))
def test_every_card_fits_a_phone_screen(scam_type: str, locale: str) -> None:
    ctx = card_ctx(BANK, scam_type, locale)
    assert ctx is not None
    card = TEXTS.render("check.card", locale, short_card(ctx))
    assert phone_lines(card) <= MAX_LINES
    assert ctx["flags"][0] in html.unescape(card)  # the first red flag always shows
