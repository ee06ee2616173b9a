"""The Bot API port on each framework, against the emulator: whole-file downloads, member lookups,
and one error mapping (429, 403, 5xx, 400) whichever framework raised it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

from bot.app import make_api
from bot.config import Framework, Settings
from bot.telegram.api import (
    PUSHES,
    REPLIES,
    Blocked,
    BotApi,
    EditGone,
    NotModified,
    Rejected,
    RetryLater,
    TooLarge,
    Transient,
    classify,
    with_retries,
)
from bot.telegram.files import PictureReader
from bot.telegram.members import ChatMembers
from bot.texts.catalog import Rendered
from tests.e2e.harness import FRAMEWORKS, TOKEN
from tgemu import Emulator

pytestmark = pytest.mark.parametrize("framework", FRAMEWORKS)


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """A running emulator."""
    emulator = Emulator(bot_username="antifraud_test_bot")
    await emulator.start(host="127.0.0.1", port=0)
    yield emulator
    await emulator.stop()


@pytest.fixture
async def api(emu: Emulator, framework: Framework) -> AsyncIterator[BotApi]:
    """The framework's port, started (getMe) against the emulator."""
    port = make_api(Settings(telegram_bot_token=TOKEN, telegram_api_base_url=emu.base_url,
                             bot_framework=framework))
    assert await port.start() == "antifraud_test_bot"
    yield port
    await port.close()


async def test_a_3_mb_file_downloads_whole(emu: Emulator, api: BotApi) -> None:
    content = os.urandom(3 * 2**20)
    await emu.user(901).send_photo(content, as_file=True, mime_type="image/png")
    file_id = emu.state.updates.items[-1]["message"]["document"]["file_id"]  # as the bot sees it
    info = await api.get_file(file_id)
    assert info.size == len(content) and TOKEN not in info.path
    assert await api.download(info, 10 * 2**20) == content
    assert await PictureReader(api).fetch(file_id) == content
    with pytest.raises(TooLarge):
        await api.download(info, 2**20)
    assert await PictureReader(api).fetch(file_id, limit=2**20) is None


async def test_member_status_goes_through_the_port(emu: Emulator, api: BotApi) -> None:
    group = emu.group(-100_901, "群")
    admin, member = emu.user(902), emu.user(903)
    group.make_admin(admin)
    await group.send(member, "你好")
    assert await ChatMembers(api).is_admin(-100_901, 902)
    assert not await ChatMembers(api).is_admin(-100_901, 903)


async def test_errors_are_classified_alike(emu: Emulator, api: BotApi) -> None:
    emu.user(904)
    msg = Rendered("hi")
    for status, kind in ((403, Blocked), (502, Transient), (500, Transient)):
        emu.inject("sendMessage", status)
        with pytest.raises(kind):
            await api.send(904, msg)
    with pytest.raises(Rejected):
        await api.send(999_999, msg)  # chat not found
    with pytest.raises(EditGone):
        await api.edit(904, 123_456, msg)
    emu.violations.clear()  # the refused calls above were the point
    emu.inject("sendMessage", 502)
    assert await with_retries(lambda: api.send(904, msg, push=True), REPLIES) > 0
    emu.inject("sendMessage", 429, retry_after=3)  # last: the emulator then holds the bot back
    with pytest.raises(RetryLater) as info:
        await api.send(904, msg)
    assert info.value.seconds == 3


def test_one_mapping_and_one_policy(framework: Framework) -> None:
    assert isinstance(classify(429, "Too Many Requests", 7), RetryLater)
    assert isinstance(classify(None, "connection reset"), Transient)
    assert isinstance(classify(400, "Bad Request: message is not modified"), NotModified)
    assert isinstance(classify(401, "Unauthorized"), Rejected)
    assert REPLIES.wait(Transient("x"), transient=1, later=0) == 0.5
    assert REPLIES.wait(Transient("x"), transient=4, later=0) is None
    assert REPLIES.wait(RetryLater(120), transient=0, later=1) == 30.0
    assert PUSHES.wait(RetryLater(120), transient=0, later=50) == 60.0
