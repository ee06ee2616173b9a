"""The one list of locales and how a Telegram language_code picks one."""

from __future__ import annotations

import pytest

from bot.core.locales import AUTHORED, CODES, LOCALES, MENUS, locale_for
from bot.media.fonts import FACES
from bot.texts.catalog import Texts


@pytest.mark.parametrize(("code", "locale"), [
    ("en", "en"), ("en-GB", "en"), ("zh-hans", "zh-Hans"), ("zh", "zh-Hans"),
    ("zh-TW", "zh-Hant"), ("zh-hk", "zh-Hant"), ("zh-hant", "zh-Hant"), ("fr", "zh-Hans"),
    (None, "zh-Hans"), ("", "zh-Hans")])
def test_language_code_picks_a_locale(code: str | None, locale: str) -> None:
    assert locale_for(code, "zh-Hans") == locale


def test_everything_per_locale_follows_the_one_list() -> None:
    assert LOCALES == ("zh-Hans", "zh-Hant", "en") and AUTHORED == ("zh-Hans", "en")
    assert set(CODES.values()) == set(LOCALES) and set(MENUS.values()) <= set(LOCALES)
    assert set(Texts().sources) == set(LOCALES) == set(FACES)
