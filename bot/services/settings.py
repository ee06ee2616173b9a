"""Onboarding and settings use cases: welcome, audience, language, round length, names."""

from __future__ import annotations

import unicodedata

from bot.core.content import AUDIENCES
from bot.core.names import name_problem
from bot.core.numbers import ascii_int
from bot.core.replies import Keyboard, Message, Reply, Toast, button
from bot.services.context import Ctx
from bot.services.views import menu_keyboard

# Callback-safe codes for locales (callback data allows only [a-z0-9_]).
LOCALE_CODES = {"zhs": "zh-Hans", "zht": "zh-Hant", "en": "en"}
NAME_MAX = 24


def audience_keyboard() -> Keyboard:
    """The six audiences, two per row."""
    buttons = [button(f"audience.{a}", f"aud:{a}") for a in AUDIENCES]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def welcome(c: Ctx) -> list[Reply]:
    """The welcome with the main menu, and the audience question for new users."""
    replies: list[Reply] = [Message("welcome", {"name": c.actor.first_name}, menu_keyboard())]
    if c.is_new:
        replies.append(Message("ask_audience", {}, audience_keyboard()))
    return replies


def set_audience(c: Ctx, audience: str) -> list[Reply]:
    """Remember who the user is."""
    if audience not in AUDIENCES:
        return [Toast("toast.expired")]
    c.user.audience = audience
    return [Toast("toast.saved"), Message("audience_saved", {"audience": audience},
                                          menu_keyboard(), edit=True)]


def settings_view(c: Ctx, *, edit: bool = False) -> Message:
    """Current settings with buttons to change them."""
    u = c.user
    lang_row = tuple(button(f"lang.{code}", f"set:lang:{code}") for code in LOCALE_CODES)
    len_row = tuple(
        button("btn.length", f"set:len:{n}", n=n, current=n == u.round_length)
        for n in c.defaults.round_lengths
    )
    keyboard: Keyboard = (
        lang_row,
        len_row,
        (button("btn.board_toggle", f"set:lb:{0 if u.leaderboard else 1}", on=u.leaderboard),),
        (button("btn.change_audience", "set:aud"),),
    )
    ctx = {
        "language": u.language,
        "audience": u.audience,
        "round_length": u.round_length,
        "leaderboard": u.leaderboard,
        "display_name": u.display_name,
    }
    return Message("settings", ctx, keyboard, edit=edit)


def change_setting(c: Ctx, key: str, value: str | None) -> list[Reply]:
    """Apply one settings button."""
    u = c.user
    if key == "lang" and value in LOCALE_CODES:
        u.language = LOCALE_CODES[value]
    elif key == "len" and ascii_int(value or "") in c.defaults.round_lengths:
        u.round_length = int(value or 0)
    elif key == "lb" and value in ("0", "1"):
        u.leaderboard = value == "1"
    elif key == "aud" and value is None:
        return [Message("ask_audience", {}, audience_keyboard(), edit=True)]
    else:
        return [Toast("toast.expired")]
    return [Toast("toast.saved"), settings_view(c, edit=True)]


def clean_name(raw: str) -> str | None:
    """A display name without control or invisible characters, or None if unusable."""
    kept = "".join(
        ch for ch in unicodedata.normalize("NFC", raw)
        if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    name = " ".join(kept.split())
    return name if 0 < len(name) <= NAME_MAX else None


def set_name(c: Ctx, args: tuple[str, ...]) -> list[Reply]:
    """Choose the name shown on leaderboards; `/name -` clears it."""
    if not args:
        return [Message("name.help", {"max": NAME_MAX})]
    if args == ("-",):
        c.user.display_name = None
        return [Message("name.cleared")]
    name = clean_name(" ".join(args))
    if name is None:
        return [Message("name.invalid", {"max": NAME_MAX})]
    if (problem := name_problem(name)) is not None:
        return [Message(f"name.refused_{problem}", {})]
    c.user.display_name = name
    return [Message("name.saved", {"name": name, "leaderboard": c.user.leaderboard})]
