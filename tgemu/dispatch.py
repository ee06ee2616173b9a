"""Routing Bot API calls: token check, recording, fault injection, blocking, flood limits."""

from __future__ import annotations

import asyncio
from typing import Any, NamedTuple

from tgemu import api_chats, api_messages, api_misc
from tgemu.api_messages import Handler
from tgemu.chaos import Chaos, DropConnection
from tgemu.errors import ApiError, make_error
from tgemu.limits import FaultInjector, FloodLimiter
from tgemu.models import Json
from tgemu.params import Params, check_token, normalize
from tgemu.state import State

HANDLERS: dict[str, Handler] = {**api_messages.HANDLERS, **api_misc.HANDLERS,
                                **api_chats.HANDLERS}
_BY_LOWER = {name.lower(): (name, handler) for name, handler in HANDLERS.items()}
BLOCKED = "Forbidden: bot was blocked by the user"
_VIOLATION_CODES = frozenset({400, 401, 404})


class ApiCall(NamedTuple):
    """A request the bot sent: canonical method name and normalized parameters."""

    method: str
    params: dict[str, Any]


class Violation(NamedTuple):
    """A request Telegram would have rejected, with the error description."""

    method: str
    params: dict[str, Any]
    description: str


class Dispatcher:
    """Runs Bot API calls against the state and keeps the request log."""

    def __init__(self, state: State) -> None:
        """Start with empty logs."""
        self.state = state
        self.requests: list[ApiCall] = []
        self.violations: list[Violation] = []
        self.faults = FaultInjector()
        self.limiter = FloodLimiter()
        self.chaos = Chaos()
        self.inflight = 0
        self.last_activity = 0.0
        self.poll_count = 0
        self.last_get_updates: dict[str, Any] | None = None
        self.token: str | None = None
        self.expected_token: str | None = None  # when set, the only token accepted

    async def call(self, token: str, method: str, raw: dict[str, Any]) -> tuple[int, Json]:
        """Run one call; returns the HTTP status and Telegram's JSON body."""
        try:
            result = await self._call(token, method, normalize(raw))
        except ApiError as exc:
            return exc.status, exc.body()
        return 200, {"ok": True, "result": result}

    def _violation(self, method: str, params: dict[str, Any], exc: ApiError) -> ApiError:
        """Record a rejected request; returns the error for raising."""
        self.violations.append(Violation(method, params, exc.description))
        self.state.emit("violation", method=method, description=exc.description)
        return exc

    async def _call(self, token: str, method: str, params: dict[str, Any]) -> Any:
        """Identify the bot and method, log the call and run it."""
        entry = _BY_LOWER.get(method.lower())
        name = entry[0] if entry else method
        try:
            if self.expected_token is not None and token != self.expected_token:
                raise ApiError(401, "Unauthorized")
            self.state.bot.id = check_token(token)
        except ApiError as exc:
            raise self._violation(name, params, exc) from None
        self.token = token
        if name == "getUpdates":
            self.poll_count += 1
            self.last_get_updates = params
        else:
            self.requests.append(ApiCall(name, params))
        if entry is None:
            raise self._violation(name, params, ApiError(404, "Not Found"))
        if name == "getUpdates":
            return await self._run(entry[1], name, params)
        self.inflight += 1
        try:
            return await self._run(entry[1], name, params)
        finally:
            self.inflight -= 1
            self.last_activity = asyncio.get_running_loop().time()

    async def _run(self, handler: Handler, name: str, params: dict[str, Any]) -> Any:
        """Apply random and injected faults, blocks and limits, then the handler."""
        chaos = self.chaos.pick(name)
        if chaos in ("429", "500", "502"):
            raise make_error(int(chaos), 1 if chaos == "429" else None)
        if chaos == "slow":
            await asyncio.sleep(self.chaos.slow_for())
        if chaos == "duplicate":
            self.state.updates.duplicate_next = True
        if chaos == "drop" and not self.chaos.drops_after(name):
            raise DropConnection(ran=False)
        result = await self._checked(handler, name, params)
        if chaos == "drop":
            raise DropConnection(ran=True)
        return result

    async def _checked(self, handler: Handler, name: str, params: dict[str, Any]) -> Any:
        """Apply injected faults, blocks and limits, then the handler."""
        fault = self.faults.take(name)
        if fault is not None:
            raise fault
        chat_id = params.get("chat_id")
        chat_id = chat_id if isinstance(chat_id, int) and not isinstance(chat_id, bool) else None
        chat = self.state.chats.get(chat_id) if chat_id is not None else None
        if name.startswith("send") and chat is not None and chat.blocked:
            raise ApiError(403, BLOCKED)
        self.limiter.check(name, chat_id)
        try:
            return await handler(self.state, Params(params))
        except ApiError as exc:
            if exc.status in _VIOLATION_CODES:
                raise self._violation(name, params, exc) from None
            raise
