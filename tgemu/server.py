"""The Bot API emulator: an aiohttp server plus a Python control API for tests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterable
from typing import Any

from aiohttp import web

from tgemu.chaos import Chaos, DropConnection
from tgemu.control import add_control_routes, json_response
from tgemu.dispatch import ApiCall, Dispatcher, Violation
from tgemu.errors import ApiError
from tgemu.guard import allowed_hosts, make_guard
from tgemu.limits import Fault, LimitConfig
from tgemu.models import WAIT, Json, StoredFile
from tgemu.params import read_params
from tgemu.sim import SimGroup, SimUser
from tgemu.state import BotConfig, State
from tgemu.webhook import WebhookSender


class Emulator:
    """A local Telegram Bot API: serves {root}/bot{token}/{method} and simulates users."""

    def __init__(
        self,
        bot_username: str = "antifraud_test_bot",
        *,
        bot_first_name: str = "Antifraud Test Bot",
        supports_inline_queries: bool = True,
        can_join_groups: bool = True,
        privacy: bool = True,
        callback_timeout: float = 15.0,
        first_update_id: int = 1,
        token: str | None = None,
    ) -> None:
        """Configure the bot identity and the first update id; nothing runs until start().
        With `token`, every other token gets 401, as on Telegram (else any well-formed one is
        taken)."""
        config = BotConfig(
            bot_username, bot_first_name, 0, can_join_groups, supports_inline_queries, privacy
        )
        self.state = State(config, first_update_id)
        self.state.callback_timeout = callback_timeout
        self.dispatcher = Dispatcher(self.state)
        self.dispatcher.expected_token = token
        self.webhook = WebhookSender(self.state, self.dispatcher)
        self.base_url = ""
        # Extra "is the bot idle?" checks a test adds (e.g. no update being handled), so
        # wait_idle doesn't take a slow moment on a busy machine for the end of the work.
        self.idle_checks: list[Callable[[], bool]] = []
        self._hosts: frozenset[str] = frozenset()
        self._runner: web.AppRunner | None = None
        self._users: dict[int, SimUser] = {}
        self._groups: dict[int, SimGroup] = {}

    def app(self) -> web.Application:
        """The aiohttp application (Bot API, file downloads and /_emu/ control API)."""
        app = web.Application(client_max_size=64 * 1024 * 1024,
                              middlewares=[make_guard(lambda: self._hosts)])
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_route("*", "/bot{token}/", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        add_control_routes(app, self)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0,
                    hosts: Iterable[str] = ()) -> str:
        """Serve on host:port (0 = any free port); returns the root URL. `hosts` adds Host
        headers to accept besides loopback and the bound address (e.g. a container's name and
        a published port, for the image test); browsers' cross-site requests stay refused."""
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0]
        self._hosts = allowed_hosts(host, int(bound[1])) | {h.lower() for h in hosts}
        shown = f"[{host}]" if ":" in host else host
        self.base_url = f"http://{shown}:{bound[1]}"
        self.webhook.start()
        return self.base_url

    async def stop(self) -> None:
        """Release long polls and event streams, then shut the server down."""
        self.state.close()
        await self.webhook.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        """Start on a free loopback port."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stop the server."""
        await self.stop()

    async def _api(self, request: web.Request) -> web.Response:
        """One Bot API call."""
        method = request.match_info.get("method", "")
        try:
            raw = await read_params(request)
        except ApiError as exc:
            return json_response(exc.body(), exc.status)
        try:
            status, body = await self.dispatcher.call(request.match_info["token"], method, raw)
        except DropConnection:
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=500)
        return json_response(body, status)

    async def _file(self, request: web.Request) -> web.Response:
        """Download a document uploaded by the bot (path from getFile)."""
        stored = self.state.files.get(request.match_info["path"].rsplit("/", 1)[-1])
        wrong_token = self.dispatcher.expected_token not in (None, request.match_info["token"])
        if stored is None or wrong_token:
            return json_response({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        return web.Response(body=stored.content, content_type=stored.mime_type)

    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        language_code: str | None = None,
        username: str | None = None,
    ) -> SimUser:
        """A simulated user with a private chat (chat id == user id); defaults to zh-hans."""
        fields = {
            "first_name": first_name,
            "last_name": last_name,
            "language_code": language_code,
            "username": username,
        }
        given = {k: v for k, v in fields.items() if v is not None}
        if user_id not in self.state.users:
            given.setdefault("language_code", "zh-hans")
        info = self.state.ensure_user(user_id, **given)
        if user_id not in self._users:
            self._users[user_id] = SimUser(self.state, info)
        return self._users[user_id]

    def group(self, chat_id: int, title: str = "Group", *, type: str | None = None) -> SimGroup:
        """A group (or supergroup for -100… ids) the bot is a member of."""
        chat = self.state.ensure_group(chat_id, title, type)
        if chat_id not in self._groups:
            self._groups[chat_id] = SimGroup(self.state, chat)
        return self._groups[chat_id]

    async def answer_poll(self, poll_id: str, user_id: int, option_ids: list[int]) -> None:
        """A user votes in a poll (poll_answer update for non-anonymous polls)."""
        self.state.vote(poll_id, self.user(user_id).info, list(option_ids))
        await asyncio.sleep(0)

    def push_update(self, kind: str, payload: Json) -> int:
        """Queue any update as given, even a type the bot did not subscribe to; its update_id."""
        update = self.state.updates.push(kind, payload, force=True)
        assert update is not None
        return int(update["update_id"])

    def block(self, user_id: int) -> None:
        """The user blocked the bot: send* to their chat gives 403."""
        self.user(user_id).block()

    def unblock(self, user_id: int) -> None:
        """The user unblocked the bot."""
        self.user(user_id).unblock()

    def inject(
        self,
        method: str = "*",
        status: int = 500,
        *,
        retry_after: int | None = None,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next `times` calls of method ("*" = any but getUpdates) fail like Telegram."""
        self.dispatcher.faults.add(Fault(method, status, retry_after, times, description))

    def chaos(self, rate: float, *, seed: int = 0, kinds: tuple[str, ...] | None = None) -> Chaos:
        """Fail a share `rate` of calls at random (429, 500, 502, slow, dropped connection) and
        deliver updates twice; rate 0 stops it. The returned Chaos counts what was injected."""
        self.dispatcher.chaos = Chaos(rate, seed, kinds or Chaos().kinds)
        return self.dispatcher.chaos

    def limits(
        self,
        enabled: bool = True,
        per_chat_per_s: int = 1,
        global_per_s: int = 30,
        group_per_min: int = 20,
        reject: bool = False,
    ) -> None:
        """Count (and with reject=True, refuse with 429) sends over Telegram's flood limits."""
        config = LimitConfig(enabled, per_chat_per_s, global_per_s, group_per_min, reject)
        self.dispatcher.limiter.configure(config)

    def subscribe(self) -> asyncio.Queue[Json | None]:
        """A queue of change events (message, edit, delete, callback_answer, ...); None on stop."""
        queue: asyncio.Queue[Json | None] = asyncio.Queue()
        self.state.subscribers.append(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[Json | None]) -> None:
        """Stop receiving events on that queue."""
        if queue in self.state.subscribers:
            self.state.subscribers.remove(queue)

    def expire_callback(self, callback_query_id: str) -> None:
        """Age a callback query past the answer timeout."""
        self.state.callbacks[callback_query_id].created -= self.state.callback_timeout + 1

    async def wait_idle(self, timeout: float = WAIT, quiet: float = 0.05) -> None:
        """Wait until the bot fetched every update and sent no request for `quiet` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        streak = 0  # idle observations in a row: a chain of callbacks gets that many turns
        while True:
            pending = self.state.updates.undelivered()
            last = max(self.dispatcher.last_activity, self.state.updates.last_delivery)
            idle = (not pending and not self.dispatcher.inflight
                    and all(check() for check in self.idle_checks))
            streak = streak + 1 if idle else 0
            if idle and streak >= 10 and loop.time() - last >= quiet:
                return
            if loop.time() >= deadline:
                raise TimeoutError(
                    f"emulator not idle after {timeout}s: {pending} update(s) not fetched, "
                    f"{self.dispatcher.inflight} request(s) in flight"
                )
            await asyncio.sleep(0.005)

    @property
    def requests(self) -> list[ApiCall]:
        """Every call the bot made except getUpdates, in order: (method, params)."""
        return self.dispatcher.requests

    @property
    def violations(self) -> list[Violation]:
        """Rejected calls (400/401/404): (method, params, description)."""
        return self.dispatcher.violations

    @property
    def limit_violations(self) -> list[dict[str, Any]]:
        """Sends over the flood limits: {kind, method, chat_id, time}."""
        return self.dispatcher.limiter.violations

    @property
    def inline_answers(self) -> dict[str, list[Json]]:
        """answerInlineQuery results by inline query id."""
        return self.state.inline_answers

    def calls(self, method: str) -> list[dict[str, Any]]:
        """The parameters of every call of one method."""
        return [params for name, params in self.requests if name == method]

    def clear_logs(self) -> None:
        """Forget recorded requests, violations and limit violations."""
        self.requests.clear()
        self.violations.clear()
        self.limit_violations.clear()

    def commands(self, language_code: str = "", scope: Json | None = None) -> list[dict[str, str]]:
        """The command list set for exactly that scope and language."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return self.state.commands.get((key, language_code), [])

    def file(self, file_id: str) -> StoredFile:
        """A document the bot uploaded (filename, content, mime_type)."""
        return self.state.files[file_id]
