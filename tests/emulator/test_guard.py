"""The emulator obeys no web page (issue 17, finding 3): a Host allow-list against DNS
rebinding, JSON-only control posts, no cross-site browser requests, no CORS; the sandbox runs
it with a fresh token, which the real bot uses and nothing else can."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.config import ROOT, Settings
from bot.sandbox.session import sandbox_bot, sandbox_token
from tests.e2e.harness import has
from tgemu import Emulator
from tgemu.params import check_token

TOKEN = "123:ABC"
PAGE = "http://evil.example"


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def status_of(http: aiohttp.ClientSession, verb: str, url: str, **kw: object) -> int:
    async with http.request(verb, url, **kw) as resp:  # type: ignore[arg-type]
        assert "Access-Control-Allow-Origin" not in resp.headers  # never any CORS
        return resp.status


async def test_foreign_host_headers_are_refused(emu: Emulator,
                                                http: aiohttp.ClientSession) -> None:
    emu.user(77, first_name="甲")
    port = emu.base_url.rsplit(":", 1)[1]
    url = f"{emu.base_url}/_emu/chats"
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}",
                 "127.0.0.1:1"):
        assert await status_of(http, "GET", url, headers={"Host": host}) == 421, host
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert await status_of(http, "GET", url, headers={"Host": host}) == 200, host
    bot_url = f"{emu.base_url}/bot{TOKEN}/getMe"
    assert await status_of(http, "GET", bot_url, headers={"Host": f"evil.example:{port}"}) == 421


async def test_control_posts_must_be_json(emu: Emulator, http: aiohttp.ClientSession) -> None:
    url = f"{emu.base_url}/_emu/users/77/messages"
    form = aiohttp.FormData({"text": "/forget"})
    for kw in ({"data": '{"text": "/mydata"}', "headers": {"Content-Type": "text/plain"}},
               {"data": {"text": "/mydata"}}, {"data": form}):
        assert await status_of(http, "POST", url, **kw) == 415
    assert emu.state.updates.items == [] and 77 not in emu.state.chats
    assert await status_of(http, "POST", url, json={"text": "/start"}) == 200


async def test_cross_site_browser_requests_are_refused(emu: Emulator,
                                                       http: aiohttp.ClientSession) -> None:
    emu.user(77, first_name="甲")
    send = f"{emu.base_url}/bot{TOKEN}/sendMessage"
    fake = "chat_id=77&text=官方核验 http://evil.example"
    attacks = [  # what a page can send without CORS: form posts, no-cors fetches, images
        {"data": fake, "headers": {"Content-Type": "text/plain", "Origin": PAGE}},
        {"data": fake, "headers": {"Content-Type": "application/x-www-form-urlencoded",
                                   "Origin": "null"}},
        {"data": fake, "headers": {"Content-Type": "text/plain",
                                   "Sec-Fetch-Site": "cross-site"}},
    ]
    for kw in attacks:
        assert await status_of(http, "POST", send, **kw) == 403
    image = f"{send}?chat_id=77&text=x"
    assert await status_of(http, "GET", image, headers={"Sec-Fetch-Site": "cross-site"}) == 403
    control = f"{emu.base_url}/_emu/block/77"
    assert await status_of(http, "POST", control, headers={"Origin": PAGE}) == 403
    assert await status_of(http, "OPTIONS", send, headers={
        "Origin": PAGE, "Access-Control-Request-Method": "POST"}) == 403
    assert emu.state.chats[77].visible() == [] and not emu.state.chats[77].blocked
    # A bot framework sends no Origin: it is served as before.
    assert await status_of(http, "POST", send, data={"chat_id": "77", "text": "hi"}) == 200
    same = {"Origin": emu.base_url, "Sec-Fetch-Site": "same-origin"}
    assert await status_of(http, "POST", send, data={"chat_id": "77", "text": "x"},
                           headers=same) == 200


def test_sandbox_tokens_are_fresh_and_well_formed() -> None:
    tokens = {sandbox_token() for _ in range(20)}
    assert len(tokens) == 20 and "1000001:sandbox-token" not in tokens
    for token in tokens:
        assert check_token(token) > 0 and len(token.split(":")[1]) >= 40


async def test_the_sandbox_bot_works_and_other_tokens_are_refused(
        tmp_path: Path, http: aiohttp.ClientSession) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 's.db'}",
                        content_dir=ROOT / "content", _env_file=None)  # type: ignore[call-arg]
    async with sandbox_bot(settings) as (emu, _runner):
        user = emu.user(10001, first_name="访客")
        await user.send("/start")
        await user.wait_for_bot(has("欢迎"), timeout=30)
        for token in ("1000001:sandbox-token", TOKEN):
            url = f"{emu.base_url}/bot{token}/sendMessage"
            assert await status_of(http, "POST", url, json={"chat_id": 10001,
                                                             "text": "官方核验"}) == 401
        assert not any("官方核验" in (m["text"] or "") for m in user.bot_messages())
        assert emu.violations == [] or all(v.description == "Unauthorized"
                                           for v in emu.violations)
