"""Hostile input, property-based: whatever users and Telegram send, the real bot never fails
and every request it makes passes the emulator's Telegram validation.

One bot per framework serves every example (module scope, on its own event loop thread, so
Hypothesis drives plain synchronous examples). FUZZ_EXAMPLES sets the count; FULL=1 runs 400.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Coroutine, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings

from bot.app import migrate
from bot.config import Framework
from tests.e2e.fuzz_inputs import GROUP, USERS, actions
from tests.e2e.harness import FRAMEWORKS, Harness, has, running
from tgemu.models import Json, now

T = TypeVar("T")
# aiogram warns about an update type newer than itself (it then ignores the update); with
# warnings as errors that warning would be logged as a failed update.
pytestmark = pytest.mark.filterwarnings("ignore:Detected unknown update type:RuntimeWarning")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400" if os.environ.get("FULL") else "40"))
CHANNEL = {"id": -1009200, "type": "channel", "title": "频道"}
OTHER_BOT = {"id": 5550001, "is_bot": True, "first_name": "OtherBot", "username": "other_bot"}


class Errors(logging.Handler):
    """Collects every ERROR record, from the bot and from both frameworks."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the message and any traceback."""
        self.records.append(self.format(record))


@dataclass
class FuzzBot:
    """A bot on a loop in a background thread; run() awaits a coroutine there."""

    harness: Harness
    loop: asyncio.AbstractEventLoop
    errors: Errors
    examples: list[int] = field(default_factory=list)

    def __repr__(self) -> str:
        """Short, for Hypothesis' report of a failing example."""
        return f"FuzzBot({self.harness.framework})"

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        """Run a coroutine on the bot's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)


@pytest.fixture(scope="module", params=FRAMEWORKS, ids=FRAMEWORKS)
def fuzz_bot(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzBot]:
    """The real bot on one framework against the emulator, shared by every example."""
    framework: Framework = request.param
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('fuzz') / f'{framework}.db'}"
    migrate(url)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    errors = Errors()
    logging.getLogger().addHandler(errors)
    stack = AsyncExitStack()
    bot = FuzzBot(None, loop, errors)  # type: ignore[arg-type]
    try:
        bot.harness = bot.run(_start(stack, framework, url))
        yield bot
        bot.run(stack.aclose())  # also asserts emu.violations == []
    finally:
        logging.getLogger().removeHandler(errors)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
    print(f"\n{framework}: {len(bot.examples)} fuzz examples, {sum(bot.examples)} updates")


async def _start(stack: AsyncExitStack, framework: Framework, url: str) -> Harness:
    h = await stack.enter_async_context(running(framework, url))
    h.env["flood_burst"] = 10**6  # the fuzzer is one fast user; flood control is tested apart
    await h.restart()
    h.emu.group(GROUP, "反诈群")
    for uid in USERS:
        user = h.emu.user(uid, first_name=f"fuzz{uid}")
        await user.send("/start")
        await user.wait_for_bot(has("欢迎"))
    await h.emu.wait_idle()
    return h


def _raw(h: Harness, uid: int, kind: str, text: str) -> tuple[str, Json]:
    """A well-formed update of an odd kind, carrying hostile text."""
    user, chat = h.emu.state.users[uid].to_api(), h.emu.state.chats[uid].to_api()
    group = h.emu.state.chats[GROUP].to_api()
    msg: Json = {"message_id": 900000 + now() % 1000, "date": now(), "text": text}
    shapes: dict[str, tuple[str, Json]] = {
        "edited_message": ("edited_message", msg | {"chat": chat, "from": user,
                                                    "edit_date": now()}),
        "channel_post": ("channel_post", msg | {"chat": CHANNEL, "sender_chat": CHANNEL}),
        "edited_channel_post": ("edited_channel_post", msg | {
            "chat": CHANNEL, "sender_chat": CHANNEL, "edit_date": now()}),
        "bot_message": ("message", msg | {"chat": group, "from": OTHER_BOT}),
        "no_text": ("message", {k: v for k, v in msg.items() if k != "text"} | {
            "chat": chat, "from": user, "location": {"latitude": 39.9, "longitude": 116.4}}),
        "group_text": ("message", msg | {"chat": group, "from": user}),
        "message_reaction": ("message_reaction", {
            "chat": chat, "message_id": 1, "user": user, "date": now(), "old_reaction": [],
            "new_reaction": [{"type": "emoji", "emoji": "👍"}]}),
        "my_chat_member": ("my_chat_member", {
            "chat": chat, "from": user, "date": now(),
            "old_chat_member": {"status": "member", "user": h.emu.state.bot_user().to_api()},
            "new_chat_member": {"status": "kicked", "until_date": 0,
                                "user": h.emu.state.bot_user().to_api()}}),
        "inline_query": ("inline_query", {"id": f"iq{now()}", "from": user,
                                          "query": text[:256], "offset": ""}),
        "chosen_inline_result": ("chosen_inline_result", {"result_id": "r1", "from": user,
                                                          "query": text[:256]}),
        "future_update_type": ("future_update_type", {"text": text, "from": user}),
    }
    return shapes[kind]


async def _play(h: Harness, steps: list[tuple[Any, ...]]) -> None:
    for step in steps:
        kind, uid = step[0], step[1]
        user = h.emu.user(uid)
        if kind == "text":
            await user.send(step[2])
        elif kind == "press":
            target = user.last_bot_message()
            assert target is not None
            await user.press(target["message_id"], step[2])
        else:
            h.emu.push_update(*_raw(h, uid, step[2], step[3]))
    await h.emu.wait_idle(timeout=30, quiet=0.15)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("FULL"),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(steps=actions())
def test_hostile_updates_never_break_the_bot(fuzz_bot: FuzzBot,
                                             steps: list[tuple[Any, ...]]) -> None:
    fuzz_bot.run(_play(fuzz_bot.harness, steps))
    fuzz_bot.examples.append(len(steps))
    assert fuzz_bot.errors.records == []
    assert fuzz_bot.harness.emu.violations == []
