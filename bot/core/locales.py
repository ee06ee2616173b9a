"""The bot's languages, listed once: how each is stored, written and chosen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Locale:
    """One language of the bot."""

    tag: str  # as templates, content and users.language hold it
    code: str  # callback-safe short form ([a-z0-9_]) for settings buttons
    derived_from: str | None = None  # converted at load (OpenCC), never written by hand
    telegram: tuple[str, ...] = ()  # Telegram language_code values that choose it exactly
    menu: str | None = None  # setMyCommands language_code for its command menu


TABLE = (
    Locale("zh-Hans", "zhs", menu="zh"),
    Locale("zh-Hant", "zht", derived_from="zh-Hans",
           telegram=("zh-hant", "zh-tw", "zh-hk", "zh-mo")),
    Locale("en", "en", menu="en"),
)
LOCALES = tuple(loc.tag for loc in TABLE)
AUTHORED = tuple(loc.tag for loc in TABLE if loc.derived_from is None)
CODES = {loc.code: loc.tag for loc in TABLE}
MENUS = {loc.menu: loc.tag for loc in TABLE if loc.menu}


def locale_for(language_code: str | None, default: str) -> str:
    """Choose a locale from Telegram's language_code (an exact match first, then the prefix)."""
    code = (language_code or "").lower()
    for loc in TABLE:
        if code in loc.telegram:
            return loc.tag
    for loc in TABLE:
        if loc.derived_from is None and code.startswith(loc.tag.split("-")[0].lower()):
            return loc.tag
    return default
