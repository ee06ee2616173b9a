"""What keeps web pages out of the emulator: a Host allow-list (no DNS rebinding), JSON-only
control posts and no cross-site requests from browsers, with no CORS headers ever sent.

Bot frameworks send neither Origin nor Sec-Fetch-Site, so they are unaffected; a browser sends
at least one of them on every cross-site request, including `no-cors` and form posts.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
SAME_SITE = ("same-origin", "none")  # `none`: typed in the address bar, a bookmark


def _refuse(status: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "error_code": status, "description": description},
                             status=status)


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers a request may carry: loopback names and the bound address, on port."""
    bound = f"[{host}]" if ":" in host else host
    return frozenset(f"{name}:{port}".lower() for name in (*LOOPBACK_NAMES, bound))


def cross_site(request: web.Request) -> bool:
    """Whether a browser sent this request from another site (page, form, image, fetch)."""
    origin = request.headers.get("Origin")
    if origin is not None and origin != f"{request.scheme}://{request.host}":
        return True
    site = request.headers.get("Sec-Fetch-Site")
    return site is not None and site not in SAME_SITE


def make_guard(hosts: Callable[[], frozenset[str]]) -> Middleware:
    """The middleware for one emulator; `hosts` is read per request (the port is known late)."""

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse foreign hosts, cross-site requests and non-JSON control posts."""
        if request.host.lower() not in hosts():
            return _refuse(421, "Misdirected Request: unknown host")
        if cross_site(request):
            return _refuse(403, "Forbidden: cross-site request")
        control = request.path.startswith("/_emu/")
        if (control and request.method in ("POST", "PUT", "PATCH", "DELETE")
                and request.body_exists and request.content_type != "application/json"):
            return _refuse(415, "Unsupported Media Type: control requests are JSON only")
        return await handler(request)

    return guard
