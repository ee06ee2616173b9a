"""The contest clock: every tick, due contests ask their next question or post the results.

All state is in the database (contests.next_at), so a restart mid-contest simply carries on at
the next tick. Each step is claimed in the database before the send: after a crash a question is
skipped rather than asked twice in the group.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime

from bot.core.content import Bank
from bot.core.contest import PollRecord
from bot.core.ports import Store
from bot.services.contest import Step, step
from bot.telegram.api import Blocked, BotApi, with_retries
from bot.telegram.budget import GroupBudget
from bot.texts.catalog import Texts

log = logging.getLogger(__name__)
STOP_TIMEOUT = 10.0  # seconds a tick under way may take to finish when the bot stops


class ContestClock:
    """Drives contests on a timer, sending through the Bot API port."""

    def __init__(self, api: BotApi, stores: Callable[[], AbstractAsyncContextManager[Store]],
                 bank: Callable[[], Bank], texts: Texts, tz: str, tick_seconds: float,
                 budget: GroupBudget) -> None:
        self.api, self.stores, self.bank, self.texts, self.tz = api, stores, bank, texts, tz
        self.tick_seconds, self.budget = tick_seconds, budget
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)  # tests set their own
        self._loop: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def start(self) -> None:
        """Tick every few seconds inside the running event loop."""
        if self._loop is None:
            self._stopping.clear()
            self._loop = asyncio.create_task(self._run(), name="contest-clock")

    async def _run(self) -> None:
        """Tick every tick_seconds until stopped; a failing tick is logged and the clock goes
        on. The first tick comes one interval after the start, as with the push scheduler."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.tick_seconds)
            if self._stopping.is_set():
                return
            try:
                await self.tick()
            except Exception:
                log.exception("contest clock tick failed")

    async def stop(self) -> None:
        """Stop ticking; a tick under way finishes first (it holds a database connection)."""
        loop, self._loop = self._loop, None
        if loop is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(loop, STOP_TIMEOUT)
        except TimeoutError:
            log.warning("contest clock did not stop within %s s", STOP_TIMEOUT)

    async def tick(self, now: datetime | None = None) -> int:
        """Move every due contest on by one step; how many steps were sent."""
        now = now or self.clock()
        async with self.stores() as store:
            due = await store.contests.due(now)
        sent = 0
        for contest_id in due:
            try:
                sent += await self._advance(self.api, contest_id, now)
            except Exception:
                log.exception("contest %s: step failed", contest_id)
        return sent

    async def _advance(self, api: BotApi, contest_id: int, now: datetime) -> int:
        async with self.stores() as store:
            chat = await store.contests.get(contest_id)
            if chat is None or not self.budget.take(chat.chat_id):
                return 0  # the group had its 20 messages this minute: next tick
            found = await step(store, self.bank(), contest_id, now, self.tz)
            await store.commit()
        if found is None:
            return 0
        try:
            await self._send(api, found)
        except Blocked:
            log.info("contest %s: the bot can't post in chat %s", contest_id, found.chat_id)
            await self._abandon(found)
        return 1

    async def _send(self, api: BotApi, s: Step) -> None:
        if s.poll is not None and s.closes_at is not None:
            poll = s.poll
            poll_id, message_id = await with_retries(lambda: api.send_poll(s.chat_id, poll))
            async with self.stores() as store:
                await store.contests.add_poll(PollRecord(poll_id, s.contest_id, s.position,
                                                        message_id, s.closes_at))
                await store.commit()
            return
        if s.close_message_id is not None:
            mid = s.close_message_id
            try:
                await api.stop_poll(s.chat_id, mid)
            except Exception as exc:
                log.info("contest %s: stopPoll failed: %s", s.contest_id, exc)
        if s.results is not None:
            rendered = self.texts.message(s.results, s.locale)
            await with_retries(lambda: api.send(s.chat_id, rendered))

    async def _abandon(self, s: Step) -> None:
        async with self.stores() as store:
            contest = await store.contests.get(s.contest_id)
            if contest is not None and contest.status == "running":
                await store.contests.move(contest.id, from_position=contest.position,
                                         from_status="running", fields={"status": "stopped"})
            await store.commit()
