"""Onboarding and settings use cases: welcome, audience, language, round length, names."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from bot.core.callbacks import (
    AskAudience,
    ChooseAudience,
    SetLanguage,
    SetLeaderboard,
    SetRegion,
    SetRoundLength,
)
from bot.core.content import AUDIENCES
from bot.core.locales import CODES
from bot.core.names import name_problem
from bot.core.regions import REGIONS, region_of
from bot.core.replies import Keyboard, Message, Reply, Toast, button
from bot.services.context import Ctx
from bot.services.views import menu_keyboard

# Callback-safe codes for locales (callback data allows only [a-z0-9_]).
LOCALE_CODES = CODES
NAME_MAX = 24


def audience_keyboard() -> Keyboard:
    """The six audiences, two per row."""
    buttons = [button(f"audience.{a}", ChooseAudience(a)) for a in AUDIENCES]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def welcome(c: Ctx) -> list[Reply]:
    """The welcome with the main menu, and the audience question for new users."""
    ctx = {"name": c.actor.first_name, "region": region_of(c.user.region, c.locale)}
    replies: list[Reply] = [Message("welcome", ctx, menu_keyboard())]
    if c.is_new:
        replies.append(Message("ask_audience", {}, audience_keyboard()))
    return replies


async def set_audience(c: Ctx, action: ChooseAudience) -> list[Reply]:
    """Remember who the user is."""
    if action.audience not in AUDIENCES:
        return [Toast("toast.expired")]
    c.user = replace(c.user, audience=action.audience)
    return [Toast("toast.saved"), Message("audience_saved", {"audience": action.audience},
                                          menu_keyboard(), edit=True)]


def settings_view(c: Ctx, *, edit: bool = False) -> Message:
    """Current settings with buttons to change them."""
    u = c.user
    region = region_of(u.region, u.language)
    lang_row = tuple(button(f"lang.{code}", SetLanguage(code), current=loc == u.language)
                     for code, loc in LOCALE_CODES.items())
    region_row = tuple(button(f"region.{r}", SetRegion(r)) for r in REGIONS)  # shown above
    len_row = tuple(
        button("btn.length", SetRoundLength(n), n=n, current=n == u.round_length)
        for n in c.defaults.round_lengths
    )
    keyboard: Keyboard = (
        lang_row,
        region_row[:3],
        region_row[3:],
        len_row,
        (button("btn.board_toggle", SetLeaderboard(not u.leaderboard), on=u.leaderboard),),
        (button("btn.change_audience", AskAudience()),),
    )
    ctx = {
        "language": u.language,
        "audience": u.audience,
        "round_length": u.round_length,
        "leaderboard": u.leaderboard,
        "display_name": u.display_name,
        "region": region,
    }
    return Message("settings", ctx, keyboard, edit=edit)


async def show(c: Ctx) -> list[Reply]:
    """/settings and the menu button: the settings panel."""
    return [settings_view(c)]


def _saved(c: Ctx) -> list[Reply]:
    return [Toast("toast.saved"), settings_view(c, edit=True)]


async def set_language(c: Ctx, action: SetLanguage) -> list[Reply]:
    """Switch the bot's language."""
    if action.code not in LOCALE_CODES:
        return [Toast("toast.expired")]
    c.user = replace(c.user, language=LOCALE_CODES[action.code])
    return _saved(c)


async def set_region(c: Ctx, action: SetRegion) -> list[Reply]:
    """Say where the user is, for the help lines in advice."""
    if action.region not in REGIONS:
        return [Toast("toast.expired")]
    c.user = replace(c.user, region=action.region)
    return _saved(c)


async def set_round_length(c: Ctx, action: SetRoundLength) -> list[Reply]:
    """Choose how many questions a round has (one of the offered lengths)."""
    if action.length not in c.defaults.round_lengths:
        return [Toast("toast.expired")]
    c.user = replace(c.user, round_length=action.length)
    return _saved(c)


async def set_leaderboard(c: Ctx, action: SetLeaderboard) -> list[Reply]:
    """Join or leave the leaderboards."""
    c.user = replace(c.user, leaderboard=action.on)
    return _saved(c)


async def ask_audience(c: Ctx) -> list[Reply]:
    """Ask again who the user is."""
    return [Message("ask_audience", {}, audience_keyboard(), edit=True)]


def clean_name(raw: str) -> str | None:
    """A display name without control or invisible characters, or None if unusable."""
    kept = "".join(
        ch for ch in unicodedata.normalize("NFC", raw)
        if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    name = " ".join(kept.split())
    return name if 0 < len(name) <= NAME_MAX else None


async def set_name(c: Ctx, args: tuple[str, ...]) -> list[Reply]:
    """Choose the name shown on leaderboards; `/name -` clears it."""
    if not args:
        return [Message("name.help", {"max": NAME_MAX})]
    if args == ("-",):
        c.user = replace(c.user, display_name=None)
        return [Message("name.cleared")]
    name = clean_name(" ".join(args))
    if name is None:
        return [Message("name.invalid", {"max": NAME_MAX})]
    if (problem := name_problem(name)) is not None:
        return [Message(f"name.refused_{problem}", {})]
    c.user = replace(c.user, display_name=name)
    return [Message("name.saved", {"name": name, "leaderboard": c.user.leaderboard})]
