"""What both adapters share: handle an event safely and deliver its replies."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.core.events import Actor, Event
from bot.core.flood import FloodGuard, Verdict
from bot.core.locales import MENUS
from bot.core.replies import Message, Reply
from bot.services.contest import ADMIN_COMMANDS
from bot.services.router import MENU_COMMANDS
from bot.services.service import AlreadyHandled, BotService
from bot.telegram.api import Blocked, BotApi
from bot.telegram.budget import GroupBudget
from bot.telegram.delivery import Origin, deliver
from bot.telegram.extras import Draw, deliver_extras
from bot.telegram.updates import parse_update
from bot.texts.catalog import Texts

log = logging.getLogger(__name__)
COMMAND_LOCALES = MENUS  # Telegram language_code of a command menu -> its locale


class Runtime:
    """Runs one update through the service and delivers the replies; never raises."""

    def __init__(self, service: BotService, texts: Texts,
                 budget: GroupBudget | None = None, draw: Draw | None = None,
                 guard: FloodGuard | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.service = service
        self.texts = texts
        self.budget = budget  # shared with the contest clock: 20 messages a minute per group
        self.draw = draw  # draws Picture replies (certificates)
        self.guard, self.clock = guard, clock  # per-user flood control
        self.bot_username: str | None = None  # for t.me links in inline results
        self.busy = 0  # updates being handled now (tests wait for 0 instead of for quiet time)

    async def process_update(self, api: BotApi, update: Any, bot_username: str | None) -> None:
        """Parse a PTB or aiogram Update and process its event; other updates are ignored."""
        self.bot_username = bot_username or self.bot_username
        self.busy += 1
        try:
            incoming = parse_update(update, bot_username, datetime.now(UTC))
            if incoming is not None:
                await self.process(api, incoming.actor, incoming.event, incoming.origin,
                                   update.update_id)
        finally:
            self.busy -= 1

    async def process(self, api: BotApi, actor: Actor, event: Event, origin: Origin,
                      update_id: int) -> None:
        """Handle an event; failures are logged with the update id and the user told politely."""
        verdict = self.guard.check(actor.user_id, self.clock()) if self.guard else Verdict.ADMIT
        if verdict is not Verdict.ADMIT:
            await self._throttled(api, actor, origin, update_id, verdict)
            return
        try:
            locale, replies = await self.service.handle(actor, event, update_id)
        except AlreadyHandled:
            log.info("update %s was delivered again; handled once already", update_id)
            return
        except Exception:
            log.exception("update %s failed", update_id)
            locale, replies = await self._error_reply(actor)
        replies = self._within_budget(origin, replies, update_id)
        try:
            await deliver(api, self.texts, locale, origin, replies)
            await deliver_extras(api, self.texts, locale, origin, replies, self.bot_username,
                                 self.draw)
        except Blocked:
            log.info("update %s: user %s has blocked the bot", update_id, actor.user_id)
        except Exception:
            log.exception("update %s: delivery failed", update_id)

    def _within_budget(self, origin: Origin, replies: list[Reply], update_id: int) -> list[Reply]:
        """Drop a group's messages beyond Telegram's 20 a minute (toasts are not messages)."""
        count = sum(isinstance(r, Message) for r in replies)
        if self.budget is None or self.budget.take(origin.chat_id, count):
            return replies
        log.info("update %s: chat %s had its messages this minute", update_id, origin.chat_id)
        return [r for r in replies if not isinstance(r, Message)]

    async def _throttled(self, api: BotApi, actor: Actor, origin: Origin, update_id: int,
                         verdict: Verdict) -> None:
        """A flooding user's update: one polite notice, then silence (presses still answered)."""
        replies: list[Reply] = []
        locale = self.service.defaults.language
        if verdict is Verdict.NOTICE:
            log.info("update %s: user %s is flooding; throttled", update_id, actor.user_id)
            locale, replies = await self._locale(actor), [Message("flood.slow_down")]
        try:
            await deliver(api, self.texts, locale, origin, replies)
        except Exception as exc:
            log.info("update %s: throttle notice not delivered: %r", update_id, exc)

    async def _error_reply(self, actor: Actor) -> tuple[str, list[Reply]]:
        return await self._locale(actor), [Message("error")]

    async def _locale(self, actor: Actor) -> str:
        try:
            return await self.service.locale_of(actor)
        except Exception:
            return self.service.defaults.language

    def command_menus(self) -> dict[str | None, list[tuple[str, str]]]:
        """Command lists for setMyCommands: per language code, None for the default."""
        menus: dict[str | None, list[tuple[str, str]]] = {}
        for code, locale in COMMAND_LOCALES.items():
            menus[code] = [(c, self.texts.render(f"cmd.{c}", locale)) for c in MENU_COMMANDS]
        menus[None] = menus["zh"]
        return menus

    def admin_menus(self) -> dict[str | None, list[tuple[str, str]]]:
        """Command lists for group administrators (scope all_chat_administrators)."""
        menus: dict[str | None, list[tuple[str, str]]] = {}
        for code, locale in COMMAND_LOCALES.items():
            commands = (*ADMIN_COMMANDS, *MENU_COMMANDS)
            menus[code] = [(c, self.texts.render(f"cmd.{c}", locale)) for c in commands]
        menus[None] = menus["zh"]
        return menus
