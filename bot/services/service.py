"""The application service adapters call: one unit of work per update."""

from __future__ import annotations

import random
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from typing import Protocol

from bot.core.content import Bank
from bot.core.events import Actor, Event, InlineQuery, Vote
from bot.core.ports import Members, Reader, Store
from bot.core.progress import Scheduler
from bot.core.records import UserRecord
from bot.core.replies import Reply
from bot.core.reports import ReportDesk
from bot.core.scamcheck import Checker
from bot.learning.memory import FsrsScheduler
from bot.services import contest, share
from bot.services.context import Ctx, Defaults, locale_for
from bot.services.router import route

StoreFactory = Callable[[], AbstractAsyncContextManager[Store]]


class AlreadyHandled(Exception):
    """This update id was handled before (delivered twice); nothing is done or sent."""


class BankSource(Protocol):
    """The published content bank, refreshed when content changes."""

    def __call__(self) -> Bank:
        """The current bank."""

    async def refresh(self) -> None:
        """Pick up newly published content (cheap when nothing changed)."""


class BotService:
    """Turns an actor's event into replies, keeping all state in the store."""

    def __init__(self, stores: StoreFactory, bank: BankSource, defaults: Defaults,
                 rng: random.Random | None = None, checker: Checker | None = None,
                 reader: Reader | None = None, members: Members | None = None,
                 desk: ReportDesk | None = None,
                 scheduler: Scheduler | None = None) -> None:
        self.stores = stores
        self.desk = desk
        self.scheduler = scheduler or FsrsScheduler()
        self.checker, self.reader, self.members = checker, reader, members
        self.bank = bank
        self.defaults = defaults
        self.rng = rng or random.Random()

    def new_user(self, actor: Actor) -> UserRecord:
        """A user record with defaults for someone seen for the first time."""
        return UserRecord(
            id=actor.user_id,
            # The private chat (its id is the user's): someone first seen in a group must not
            # have reminders and broadcasts posted to that group.
            chat_id=actor.user_id,
            language=locale_for(actor.language_code, self.defaults.language),
            timezone=self.defaults.timezone,
            round_length=self.defaults.round_length,
            created_at=actor.now,
        )

    async def handle(self, actor: Actor, event: Event,
                     update_id: int | None = None) -> tuple[str, list[Reply]]:
        """Handle one event once per update id; the user's locale and the replies to deliver."""
        await self.bank.refresh()
        if isinstance(event, Vote):
            return await self._vote(actor, event)
        if isinstance(event, InlineQuery):  # anyone may type @bot: no user row, their language
            locale = locale_for(actor.language_code, self.defaults.language)
            return locale, [share.inline(self.bank(), locale, event)]
        async with self.stores() as store:
            if update_id is not None and not await store.claim_update(update_id, actor.now):
                raise AlreadyHandled(update_id)
            user = await store.users.get(actor.user_id)
            is_new = user is None
            if user is None:
                user = self.new_user(actor)
            c = Ctx(actor, user, store, self.bank(), self.defaults, self.rng, is_new=is_new,
                    checker=self.checker, reader=self.reader, members=self.members,
                    desk=self.desk, scheduler=self.scheduler)
            replies = await route(c, event)
            # They wrote to us, so they are reachable again.
            user = replace(c.user, last_seen=actor.now, blocked=False)
            if not c.forgotten:
                await store.users.save(user)
            await store.commit()
        return user.language, replies

    async def _vote(self, actor: Actor, event: Vote) -> tuple[str, list[Reply]]:
        """A contest vote: scored, never answered (the group is not spammed), no user row."""
        async with self.stores() as store:
            await contest.vote(store, self.bank(), actor, event)
            await store.commit()
        return self.defaults.language, []

    async def locale_of(self, actor: Actor) -> str:
        """The locale to use for an actor (for error messages)."""
        async with self.stores() as store:
            user = await store.users.get(actor.user_id)
        if user is not None:
            return user.language
        return locale_for(actor.language_code, self.defaults.language)
