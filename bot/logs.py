"""Logging setup that keeps the bot token out of every log line."""

from __future__ import annotations

import logging


class RedactFilter(logging.Filter):
    """Replace secrets in formatted log messages and tracebacks."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place."""
        if not self.secrets:
            return True
        msg = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        for s in self.secrets:
            msg = msg.replace(s, "<redacted>")
            if record.exc_text:
                record.exc_text = record.exc_text.replace(s, "<redacted>")
        record.msg, record.args = msg, None
        return True


def setup_logging(level: str, secrets: list[str]) -> None:
    """Configure the root logger once, with redaction on every handler."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    if not root.handlers:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
    for handler in root.handlers:
        handler.filters = [f for f in handler.filters if not isinstance(f, RedactFilter)]
        handler.addFilter(RedactFilter(secrets))
    # httpx logs every request URL, which contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # Alembic narrates every plugin it loads at INFO; a migration at start is not news.
    logging.getLogger("alembic").setLevel(logging.WARNING)
