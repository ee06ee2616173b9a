"""The token never reaches a log line or a traceback."""

from __future__ import annotations

import io
import logging

from bot.logs import RedactFilter, setup_logging

TOKEN = "123456:SECRET-token"


def test_token_is_redacted_from_messages_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactFilter([TOKEN]))
    log = logging.getLogger("test.redact")
    log.addHandler(handler)
    try:
        log.warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"failed calling /bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("boom")
    finally:
        log.removeHandler(handler)
    out = stream.getvalue()
    assert TOKEN not in out
    assert out.count("<redacted>") >= 2


def test_libraries_stay_at_info_and_the_webhook_secret_is_redacted() -> None:
    root = logging.getLogger()
    saved = (root.level, list(root.handlers),
             {n: logging.getLogger(n).level for n in ("bot", "antifraud", "tgemu", "httpx")})
    stream = io.StringIO()
    root.handlers = [logging.StreamHandler(stream)]
    try:
        setup_logging("DEBUG", [TOKEN, "hook-secret_x"])
        assert logging.getLogger("bot.telegram.runtime").isEnabledFor(logging.DEBUG)
        for name in ("telegram.ext", "aiogram.event", "httpx", "httpcore", "aiohttp.access",
                     "apscheduler", "sqlalchemy.engine", "aiosqlite"):
            assert not logging.getLogger(name).isEnabledFor(logging.DEBUG), name
        setup_logging("DEBUG", [TOKEN, "hook-secret_x"], "DEBUG")  # asked for: they talk
        logging.getLogger("telegram.ext.ExtBot").debug(
            "Calling Bot API endpoint `setWebhook` with parameters `{'secret_token': "
            "'hook-secret_x'}`")
    finally:
        root.setLevel(saved[0])
        root.handlers = saved[1]
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)
    out = stream.getvalue()
    assert "setWebhook" in out and "hook-secret_x" not in out and "<redacted>" in out
