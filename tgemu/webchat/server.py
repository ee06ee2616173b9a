"""The web chat: a page and a JSON API onto a running emulator, with live server-sent events."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from tgemu import Emulator
from tgemu.control import dumps
from tgemu.models import Json
from tgemu.webchat import views

STATIC = Path(__file__).resolve().parent / "static"
HEARTBEAT_SECONDS = 15.0
FIRST_USER_ID = 10001
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# The page loads only its own files; user and bot text can never become markup or script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
INLINE_IMAGES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


def is_loopback(host: str) -> bool:
    """Whether a listen address is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def _json_body(request: web.Request) -> dict[str, Any]:
    """The JSON object a page request carries."""
    data = await request.json()
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


class WebChat:
    """Serves the chat page for one emulator; every action goes through its simulated users."""

    def __init__(self, emu: Emulator) -> None:
        """Bind to a running emulator; nothing is served until start()."""
        self.emu = emu
        self.url = ""
        self._host = ""
        self._port = 0
        self._runner: web.AppRunner | None = None
        self._streams: set[asyncio.Queue[Json | None]] = set()

    def app(self) -> web.Application:
        """The aiohttp application: page, static files, API and event stream."""
        app = web.Application(middlewares=[self._guard], client_max_size=256 * 1024)
        get, post = app.router.add_get, app.router.add_post
        get("/", self._index)
        app.router.add_static("/static/", STATIC)
        get("/api/session", self._session)
        post("/api/users", self._add_user)
        get("/api/chats/{chat}/messages", self._messages)
        post("/api/chats/{chat}/messages", self._send)
        post("/api/chats/{chat}/press", self._press)
        post("/api/polls/{poll}/votes", self._vote)
        get("/api/commands", self._commands)
        get("/api/files/{file}", self._file)
        get("/api/events", self._events)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 8088) -> str:
        """Serve on host:port (0 = any free port); returns the page URL."""
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        self._host, self._port = host, self._runner.addresses[0][1]
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{self._port}/"
        return self.url

    async def stop(self) -> None:
        """End the event streams, then stop serving."""
        for queue in list(self._streams):
            queue.put_nowait(None)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _host_allowed(self, request: web.Request) -> bool:
        """On loopback, only loopback Host headers (a DNS-rebinding page cannot drive the chat)."""
        if not is_loopback(self._host):
            return True
        names = ("127.0.0.1", "localhost", "[::1]")
        return request.host in {f"{name}:{self._port}" for name in names}

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse foreign hosts and cross-site posts; bad input gives 400/404, never a crash."""
        if not self._host_allowed(request):
            return web.json_response({"ok": False, "description": "unknown host"}, status=421)
        if request.method == "POST" and request.content_type != "application/json":
            return web.json_response({"ok": False, "description": "JSON only"}, status=415)
        try:
            response = await handler(request)
        except web.HTTPException:
            raise
        except KeyError as exc:
            message = str(exc.args[0]) if exc.args else "not found"
            return web.json_response({"ok": False, "description": message}, status=404)
        except (ValueError, TypeError) as exc:
            return web.json_response({"ok": False, "description": str(exc)}, status=400)
        if not response.prepared:  # the event stream sent its headers already
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers.setdefault("Cache-Control", "no-cache")
        return response

    async def _index(self, request: web.Request) -> web.StreamResponse:
        """The page."""
        return web.FileResponse(STATIC / "index.html")

    async def _session(self, request: web.Request) -> web.Response:
        """The bot, the simulated users and the groups."""
        users = [uid for uid, info in self.emu.state.users.items() if not info.is_bot]
        groups = [cid for cid, chat in self.emu.state.chats.items() if chat.type != "private"]
        bot = self.emu.state.bot
        return _ok({
            "bot": {"username": bot.username, "first_name": bot.first_name},
            "users": [views.user_view(self.emu, uid) for uid in users],
            "groups": views.chat_list(self.emu, groups),
            "loopback": is_loopback(self._host),
        })

    async def _add_user(self, request: web.Request) -> web.Response:
        """A new simulated user: {"first_name", "language_code"}."""
        body = await _json_body(request)
        name = views.clean_name(body.get("first_name"))
        language = views.clean_language(body.get("language_code", "zh-hans"))
        new_id = max([FIRST_USER_ID - 1, *(u for u in self.emu.state.users if u > 0)]) + 1
        self.emu.user(new_id, first_name=name, language_code=language)
        return _ok(views.user_view(self.emu, new_id))

    def _sender(self, body: dict[str, Any]) -> int:
        """The simulated user a request acts as (must exist)."""
        user_id = int(body["user_id"])
        if user_id not in self.emu.state.users or self.emu.state.users[user_id].is_bot:
            raise KeyError(f"no user {user_id}")
        return user_id

    def _chat_id(self, request: web.Request, user_id: int | None = None) -> int:
        """The chat in the path; a private chat only for its own user."""
        chat_id = int(request.match_info["chat"])
        chat = self.emu.state.chats[chat_id]
        if chat.type == "private" and user_id is not None and chat_id != user_id:
            raise ValueError("a user can only write in their own private chat")
        return chat_id

    async def _messages(self, request: web.Request) -> web.Response:
        """A chat's messages, current state, oldest first."""
        chat = self.emu.state.chats[self._chat_id(request)]
        return _ok([views.message_view(self.emu, m.view()) for m in chat.visible()])

    async def _send(self, request: web.Request) -> web.Response:
        """A user writes: {"user_id", "text", "reply_to"?, "forward"?}."""
        body = await _json_body(request)
        user_id = self._sender(body)
        chat_id = self._chat_id(request, user_id)
        text = views.clean_text(body.get("text"))
        reply_to = int(body["reply_to"]) if body.get("reply_to") else None
        if chat_id == user_id:
            user = self.emu.user(user_id)
            if body.get("forward"):
                sent = await user.forward(text, from_name=str(body.get("from_name") or "?"))
            else:
                sent = await user.send(text, reply_to=reply_to)
        else:
            group = self.emu.group(chat_id, self.emu.state.chats[chat_id].title or "")
            sent = await group.send(user_id, text, reply_to=reply_to)
        return _ok(views.message_view(self.emu, sent))

    async def _press(self, request: web.Request) -> web.Response:
        """A user presses an inline button: {"user_id", "message_id", "data"}."""
        body = await _json_body(request)
        user_id = self._sender(body)
        chat_id = self._chat_id(request, user_id)
        message_id, data = int(body["message_id"]), str(body["data"])
        if chat_id == user_id:
            query_id = await self.emu.user(user_id).press(message_id, data)
        else:
            group = self.emu.group(chat_id, self.emu.state.chats[chat_id].title or "")
            query_id = await group.press(user_id, message_id, data)
        return _ok({"callback_query_id": query_id})

    async def _vote(self, request: web.Request) -> web.Response:
        """A user answers a poll: {"user_id", "option_ids"}."""
        body = await _json_body(request)
        user_id = self._sender(body)
        options = body.get("option_ids")
        if not isinstance(options, list):
            raise ValueError("option_ids must be a list")
        await self.emu.answer_poll(request.match_info["poll"], user_id, [int(i) for i in options])
        return _ok(True)

    async def _commands(self, request: web.Request) -> web.Response:
        """The bot's command menu for ?language_code= (falls back to the default list)."""
        language = request.query.get("language_code", "")[:2]
        return _ok(self.emu.commands(language) or self.emu.commands(""))

    async def _file(self, request: web.Request) -> web.Response:
        """A file the bot sent: common images inline, anything else as a download."""
        stored = self.emu.state.files[request.match_info["file"]]
        response = web.Response(body=stored.content, content_type=stored.mime_type)
        if stored.mime_type not in INLINE_IMAGES:
            response.headers["Content-Disposition"] = "attachment"
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response

    async def _events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events: a `hello` on (re)connect, then one `data:` line per change."""
        response = web.StreamResponse(headers={
            "Content-Type": "text/event-stream", "Cache-Control": "no-cache",
            "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
        })
        queue = self.emu.subscribe()
        self._streams.add(queue)
        try:
            await response.prepare(request)
            await response.write(b"retry: 1000\nevent: hello\ndata: {}\n\n")
            await self._pump(queue, response)
        except (ConnectionResetError, OSError):
            pass  # the tab was closed
        finally:
            self.emu.unsubscribe(queue)
            self._streams.discard(queue)
        return response

    async def _pump(self, queue: asyncio.Queue[Json | None], response: web.StreamResponse) -> None:
        """Forward events until the emulator or the web chat stops."""
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
            except TimeoutError:
                await response.write(b": ping\n\n")
                continue
            if event is None:
                return
            shown = views.page_event(self.emu, event)
            if shown is not None:
                await response.write(f"data: {dumps(shown)}\n\n".encode())


def _ok(result: Any) -> web.Response:
    """A successful API response."""
    return web.json_response({"ok": True, "result": result}, dumps=dumps)
