"""Webhook bodies and headers no client library would send, on both frameworks: a 4xx and one
log line, never a 500 or a traceback (anyone can post to the public endpoint)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest

from bot.runner import BotRunner
from bot.telegram.webhook import SECRET_HEADER
from tests.e2e.harness import FRAMEWORKS, Harness, all_rows, running


@pytest.fixture(params=FRAMEWORKS, ids=FRAMEWORKS)
async def hook(request: pytest.FixtureRequest, db_url: str) -> AsyncIterator[Harness]:
    """A bot in webhook mode, once per framework."""
    async with running(request.param, db_url, webhook=True) as h:
        yield h


async def raw_post(url: str, headers: list[bytes], body: bytes) -> int:
    """POST exactly these header bytes and body; the response status."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    head = [f"POST {parts.path} HTTP/1.1".encode(), f"Host: {parts.netloc}".encode(),
            f"Content-Length: {len(body)}".encode(), b"Connection: close", *headers]
    writer.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
    await writer.drain()
    status_line = await reader.readline()
    writer.close()
    return int(status_line.split()[1])


def update(update_id: int) -> bytes:
    return b'{"update_id": %d, "message": {"message_id": 1, "date": 1790000000, "text": "hi", ' \
           b'"chat": {"id": 5, "type": "private"}, "from": {"id": 5, "is_bot": false, ' \
           b'"first_name": "X"}}}' % update_id


async def test_odd_requests_get_4xx_and_one_log_line(
        hook: Harness, caplog: pytest.LogCaptureFixture) -> None:
    assert isinstance(hook.bot, BotRunner)
    url, secret = str(hook.env["webhook_url"]), hook.bot.secret.encode()
    before = await all_rows(hook)
    json_type = b"Content-Type: application/json"
    cases = [  # (header lines, body, status)
        ([SECRET_HEADER.encode() + b": \xff\xfe" + secret[2:], json_type], update(1), 403),
        ([SECRET_HEADER.encode() + b": " + secret + b"\xe9", json_type], update(2), 403),
        ([SECRET_HEADER.encode() + b": " + secret,
          b"Content-Type: application/json; charset=no-such-charset"], b"\xff" + update(3), 400),
        ([SECRET_HEADER.encode() + b": " + secret, json_type], b"[" * 100_000 + b"]" * 100_000,
         400),
        ([SECRET_HEADER.encode() + b": " + secret, json_type], b'{"update_id": "1"}', 400),
    ]
    for headers, body, status in cases:
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="bot"):
            assert await raw_post(url, headers, body) == status
        mine = [r for r in caplog.records if r.name.startswith(("bot", "aiohttp"))]
        assert len(mine) == 1 and mine[0].levelno == logging.WARNING, [
            r.getMessage() for r in mine]
        assert mine[0].exc_info is None and "Traceback" not in caplog.text
    assert await all_rows(hook) == before
    # The bogus charset is ignored, not trusted: the same update in plain UTF-8 is taken.
    hook.emu.user(5, first_name="X")
    headers = [SECRET_HEADER.encode() + b": " + secret,
               b"Content-Type: application/json; charset=no-such-charset"]
    assert await raw_post(url, headers, update(4)) == 200
