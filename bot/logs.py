"""Logging setup that keeps the bot token and webhook secret out of every log line, and the
frameworks' and HTTP clients' chatter (which quotes updates: texts, names) out of DEBUG logs."""

from __future__ import annotations

import logging
import re


class RedactFilter(logging.Filter):
    """Replace secrets in formatted log messages and tracebacks, in any letter case (a library
    may change it: python-telegram-bot capitalizes error texts, lowercasing an echoed token)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]
        self.pattern = (re.compile("|".join(re.escape(s) for s in self.secrets), re.IGNORECASE)
                        if self.secrets else None)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place."""
        if self.pattern is None:
            return True
        msg = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        msg = self.pattern.sub("<redacted>", msg)
        if record.exc_text:
            record.exc_text = self.pattern.sub("<redacted>", record.exc_text)
        record.msg, record.args = msg, None
        return True


# The bot's own loggers follow LOG_LEVEL; every other (python-telegram-bot, aiogram, httpx,
# httpcore, aiohttp, APScheduler, SQLAlchemy, aiosqlite...) follows LOG_LEVEL_LIBRARIES.
OWN_LOGGERS = ("bot", "antifraud", "tgemu")


def setup_logging(level: str, secrets: list[str], libraries: str | None = None) -> None:
    """Configure the root logger once, with redaction on every handler.

    Libraries log at INFO (or LOG_LEVEL if quieter) unless `libraries` asks otherwise: at DEBUG
    they quote whole updates and requests (message text, first names, usernames).
    """
    root = logging.getLogger()
    own = logging.getLevelName(level.upper())
    root.setLevel(libraries.upper() if libraries else max(own, logging.INFO))
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(own)
    if not root.handlers:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
    for handler in root.handlers:
        handler.filters = [f for f in handler.filters if not isinstance(f, RedactFilter)]
        handler.addFilter(RedactFilter(secrets))
    # httpx logs every request URL, which contains the token: only when asked for.
    logging.getLogger("httpx").setLevel(libraries.upper() if libraries else logging.WARNING)
    # Alembic narrates every plugin it loads at INFO; a migration at start is not news.
    logging.getLogger("alembic").setLevel(logging.WARNING)
