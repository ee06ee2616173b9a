"""Issue 17 behaviour on the in-memory store: the /mydata cooldown, /name rules, ASCII-only typed
numbers and update ids kept by time (the SQL side is in tests/storage and tests/e2e)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.events import Actor, Command
from bot.core.replies import Document, Message
from bot.services.service import AlreadyHandled
from tests.services.test_use_cases import ME, NOW, Bot, templates


async def test_mydata_once_per_ten_minutes_says_how_long_to_wait() -> None:
    bot = Bot()
    await bot.command("/start")
    first = await bot.command("/mydata")
    assert [type(r) for r in first] == [Document]
    bot.now = NOW + timedelta(minutes=3, seconds=30)
    again = await bot.command("/mydata")
    assert templates(again) == ["privacy.mydata_wait"]
    assert isinstance(again[0], Message) and again[0].ctx == {"minutes": 7}
    bot.now = NOW + timedelta(minutes=10)
    assert [type(r) for r in await bot.command("/mydata")] == [Document]


@pytest.mark.parametrize(("name", "problem"), [
    ("@scammer", "mention"), ("t.me/x", "link"), ("客服 12345", "number"),
    ("官方客服", "official"),
])
async def test_name_refuses_what_could_pass_for_someone_official(name: str, problem: str) -> None:
    bot = Bot()
    await bot.command("/start")
    assert templates(await bot.command(f"/name {name}")) == [f"name.refused_{problem}"]
    assert bot.tables.users[ME].display_name != name
    assert templates(await bot.command("/name 小明")) == ["name.saved"]
    assert bot.tables.users[ME].display_name == "小明"


@pytest.mark.parametrize("typed", ["２２:００", "2²:00", "٢٢:00"])
async def test_subscribe_takes_ascii_digits_only(typed: str) -> None:
    bot = Bot()
    await bot.command("/start")
    assert templates(await bot.command(f"/subscribe {typed}")) == ["sub.bad_args"]
    assert ME not in bot.tables.subs


async def test_an_update_id_seen_over_a_day_ago_is_a_new_update() -> None:
    bot = Bot()
    await bot.service.handle(Actor(ME, ME, "zh-hans", "小明", NOW), Command("start"), 500)
    later = Actor(ME, ME, "zh-hans", "小明", NOW + timedelta(hours=23))
    with pytest.raises(AlreadyHandled):
        await bot.service.handle(later, Command("start"), 500)
    week = Actor(ME, ME, "zh-hans", "小明", NOW + timedelta(days=7))
    _, replies = await bot.service.handle(week, Command("start"), 500)
    assert replies
