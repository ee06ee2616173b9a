"""The JSON control API under /_emu/ for non-Python clients (sandbox, web chat UI)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from aiohttp import web

from tgemu.dispatch import ApiCall, Violation
from tgemu.models import Json
from tgemu.sim import SimGroup, SimUser
from tgemu.state import State

Route = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Emulator(Protocol):
    """What the control API drives (tgemu.server.Emulator), without importing the server back."""

    state: State

    def user(self, user_id: int, first_name: str | None = None, *, last_name: str | None = None,
             language_code: str | None = None, username: str | None = None) -> SimUser: ...
    def group(self, chat_id: int, title: str = "Group", *,
              type: str | None = None) -> SimGroup: ...
    async def answer_poll(self, poll_id: str, user_id: int, option_ids: list[int]) -> None: ...
    def block(self, user_id: int) -> None: ...
    def unblock(self, user_id: int) -> None: ...
    def inject(self, method: str = "*", status: int = 500, *, retry_after: int | None = None,
               times: int = 1, description: str | None = None) -> None: ...
    def limits(self, enabled: bool = True, per_chat_per_s: int = 1, global_per_s: int = 30,
               group_per_min: int = 20, reject: bool = False) -> None: ...
    async def wait_idle(self, timeout: float = ..., quiet: float = 0.05) -> None: ...
    def subscribe(self) -> asyncio.Queue[Json | None]: ...
    def unsubscribe(self, queue: asyncio.Queue[Json | None]) -> None: ...
    def commands(self, language_code: str = "",
                 scope: Json | None = None) -> list[dict[str, str]]: ...
    @property
    def requests(self) -> list[ApiCall]: ...
    @property
    def violations(self) -> list[Violation]: ...
    @property
    def limit_violations(self) -> list[dict[str, Any]]: ...
    @property
    def inline_answers(self) -> dict[str, list[Json]]: ...


def dumps(value: Any) -> str:
    """JSON text for responses (uploads are summarized, not dumped)."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    """Serialize uploads and bytes in logged parameters."""
    describe = getattr(value, "describe", None)
    if callable(describe):
        return describe()
    if isinstance(value, bytes):
        return {"size": len(value)}
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def json_response(body: Any, status: int = 200) -> web.Response:
    """A JSON response."""
    return web.json_response(body, status=status, dumps=dumps)


def _ok(result: Any) -> web.Response:
    """A successful control response."""
    return json_response({"ok": True, "result": result})


def _fail(status: int, description: str) -> web.Response:
    """A failed control response."""
    return json_response({"ok": False, "description": description}, status)


async def _body(request: web.Request) -> dict[str, Any]:
    """The JSON object body (empty if none)."""
    if not request.body_exists:
        return {}
    data = await request.json()
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


def _guard(handler: Callable[[web.Request], Awaitable[Any]]) -> Route:
    """Wrap a handler: its return value is the result; bad input gives 400/404."""

    async def run(request: web.Request) -> web.StreamResponse:
        """Call the handler and wrap its result."""
        try:
            result = await handler(request)
        except KeyError as exc:
            return _fail(404, str(exc.args[0]) if exc.args else "not found")
        except (ValueError, TypeError) as exc:
            return _fail(400, str(exc))
        if isinstance(result, web.StreamResponse):
            return result
        return _ok(result)

    return run


def _int(request: web.Request, name: str) -> int:
    """An integer path parameter."""
    return int(request.match_info[name])


def add_control_routes(app: web.Application, emu: Emulator) -> None:
    """Register every /_emu/ route."""
    routes = _Routes(emu)
    add = app.router.add_route
    add("POST", "/_emu/users/{id}/messages", _guard(routes.send))
    add("POST", "/_emu/users/{id}/press", _guard(routes.press))
    add("POST", "/_emu/users/{id}/forward", _guard(routes.forward))
    add("POST", "/_emu/users/{id}/inline", _guard(routes.inline))
    add("GET", "/_emu/callbacks/{id}", _guard(routes.callback))
    add("POST", "/_emu/polls/{id}/answers", _guard(routes.vote))
    add("POST", "/_emu/groups/{id}/messages", _guard(routes.group_send))
    add("GET", "/_emu/chats", _guard(routes.chats))
    add("GET", "/_emu/chats/{id}/messages", _guard(routes.messages))
    add("GET", "/_emu/requests", _guard(routes.requests))
    add("GET", "/_emu/violations", _guard(routes.violations))
    add("GET", "/_emu/limit_violations", _guard(routes.limit_violations))
    add("POST", "/_emu/block/{id}", _guard(routes.block))
    add("DELETE", "/_emu/block/{id}", _guard(routes.unblock))
    add("POST", "/_emu/unblock/{id}", _guard(routes.unblock))
    add("POST", "/_emu/inject", _guard(routes.inject))
    add("POST", "/_emu/limits", _guard(routes.limits))
    add("POST", "/_emu/wait_idle", _guard(routes.wait_idle))
    add("GET", "/_emu/inline_answers/{id}", _guard(routes.inline_answer))
    add("GET", "/_emu/commands", _guard(routes.commands))
    add("GET", "/_emu/events", routes.events)


class _Routes:
    """Handlers bound to one emulator."""

    def __init__(self, emu: Emulator) -> None:
        """Bind to the emulator."""
        self.emu = emu

    async def send(self, request: web.Request) -> Any:
        """A user sends a text message: {"text", "first_name"?, "language_code"?, ...}."""
        body = await _body(request)
        profile = {
            k: body[k]
            for k in ("first_name", "last_name", "language_code", "username")
            if body.get(k) is not None
        }
        user = self.emu.user(_int(request, "id"), **profile)
        return await user.send(str(body["text"]), reply_to=body.get("reply_to"))

    async def press(self, request: web.Request) -> Any:
        """A user presses a button: {"message_id", "data"} or {"message_id", "button"}."""
        body = await _body(request)
        user = self.emu.user(_int(request, "id"))
        message_id = int(body["message_id"])
        if "button" in body:
            query_id = await user.press_button(message_id, str(body["button"]))
        else:
            query_id = await user.press(message_id, str(body["data"]))
        return {"callback_query_id": query_id}

    async def forward(self, request: web.Request) -> Any:
        """A user forwards a message: {"text", "from_name"?}."""
        body = await _body(request)
        user = self.emu.user(_int(request, "id"))
        return await user.forward(str(body["text"]), from_name=body.get("from_name"))

    async def inline(self, request: web.Request) -> Any:
        """A user types an inline query: {"query"}."""
        body = await _body(request)
        user = self.emu.user(_int(request, "id"))
        return {"inline_query_id": await user.inline_query(str(body.get("query", "")))}

    async def callback(self, request: web.Request) -> Any:
        """The bot's answer to a callback query (null while unanswered)."""
        record = self.emu.state.callbacks[request.match_info["id"]]
        return record.answer

    async def vote(self, request: web.Request) -> Any:
        """A user answers a poll: {"user_id", "option_ids"}."""
        body = await _body(request)
        await self.emu.answer_poll(
            request.match_info["id"], int(body["user_id"]), [int(i) for i in body["option_ids"]]
        )
        return True

    async def group_send(self, request: web.Request) -> Any:
        """A member posts in a group: {"user_id", "text", "title"?}."""
        body = await _body(request)
        group = self.emu.group(_int(request, "id"), str(body.get("title", "Group")))
        return await group.send(int(body["user_id"]), str(body["text"]))

    async def chats(self, request: web.Request) -> Any:
        """Every known chat."""
        return [chat.to_api() for chat in self.emu.state.chats.values()]

    async def messages(self, request: web.Request) -> Any:
        """A chat's messages, current state."""
        chat = self.emu.state.chats[_int(request, "id")]
        return [msg.view() for msg in chat.visible()]

    async def requests(self, request: web.Request) -> Any:
        """Recorded bot calls; ?method= filters."""
        method = request.query.get("method")
        return [
            {"method": m, "params": p}
            for m, p in self.emu.requests
            if method is None or m == method
        ]

    async def violations(self, request: web.Request) -> Any:
        """Rejected bot calls."""
        return [v._asdict() for v in self.emu.violations]

    async def limit_violations(self, request: web.Request) -> Any:
        """Flood limit violations."""
        return self.emu.limit_violations

    async def block(self, request: web.Request) -> Any:
        """The user blocks the bot."""
        self.emu.block(_int(request, "id"))
        return True

    async def unblock(self, request: web.Request) -> Any:
        """The user unblocks the bot."""
        self.emu.unblock(_int(request, "id"))
        return True

    async def inject(self, request: web.Request) -> Any:
        """Queue failures: {"method", "status", "retry_after"?, "times"?, "description"?}."""
        body = await _body(request)
        self.emu.inject(
            str(body.get("method", "*")),
            int(body.get("status", 500)),
            retry_after=body.get("retry_after"),
            times=int(body.get("times", 1)),
            description=body.get("description"),
        )
        return True

    async def limits(self, request: web.Request) -> Any:
        """Configure flood limits (same fields as Emulator.limits)."""
        self.emu.limits(**await _body(request))
        return True

    async def wait_idle(self, request: web.Request) -> Any:
        """Wait until the bot is idle: {"timeout"?}."""
        body = await _body(request)
        try:
            await self.emu.wait_idle(float(body.get("timeout", 5.0)))
        except TimeoutError as exc:
            raise ValueError(str(exc)) from exc
        return True

    async def inline_answer(self, request: web.Request) -> Any:
        """The results the bot answered an inline query with."""
        return self.emu.inline_answers[request.match_info["id"]]

    async def commands(self, request: web.Request) -> Any:
        """The bot's commands for ?language_code= (default scope)."""
        return self.emu.commands(request.query.get("language_code", ""))

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events: one `data: {json}` line per change."""
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        queue = self.emu.subscribe()
        try:
            await response.prepare(request)
            await response.write(b": connected\n\n")
            while (event := await queue.get()) is not None:
                await response.write(f"data: {dumps(event)}\n\n".encode())
        except (ConnectionResetError, OSError):
            pass
        finally:
            self.emu.unsubscribe(queue)
        return response
