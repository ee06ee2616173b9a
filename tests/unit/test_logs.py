"""The token never reaches a log line or a traceback."""

from __future__ import annotations

import io
import logging

from bot.logs import RedactFilter

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
