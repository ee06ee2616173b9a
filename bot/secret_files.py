"""Secrets read from files: `TELEGRAM_BOT_TOKEN_FILE=/run/secrets/token` instead of the value in
the environment, as Docker and Compose secrets provide them; and a database password put into
the database URL with the escaping a URL needs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo
from pydantic_settings import PydanticBaseSettingsSource

# The settings that may hold a secret; each can be given as <NAME>_FILE instead.
SECRET_FIELDS = ("telegram_bot_token", "webhook_secret", "database_url", "database_password",
                 "reports_hash_key")
MAX_BYTES = 64 * 1024


class SecretFileError(ValueError):
    """A <NAME>_FILE variable that cannot be used: the message says which and why."""


def read_secret(variable: str, path: str) -> str:
    """The file's text without its trailing newline, or SecretFileError (never the content)."""
    try:
        data = Path(path).read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise SecretFileError(f"{variable}={path}: cannot read it ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise SecretFileError(f"{variable}={path}: larger than {MAX_BYTES} bytes")
    try:
        text = data.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        raise SecretFileError(f"{variable}={path}: not UTF-8 text") from None
    if not text.strip():
        raise SecretFileError(f"{variable}={path}: the file is empty")
    return text


class SecretFiles(PydanticBaseSettingsSource):
    """Settings from the files that <NAME>_FILE environment variables point to."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """Unused: __call__ reads every secret at once."""
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        """Each secret whose <NAME>_FILE is set; both NAME and NAME_FILE set is an error."""
        env = {k.upper(): v for k, v in os.environ.items()}
        values: dict[str, Any] = {}
        for field in SECRET_FIELDS:
            name = field.upper()
            path = env.get(f"{name}_FILE", "").strip()
            if not path:
                continue
            if env.get(name, "").strip():
                raise SecretFileError(f"both {name} and {name}_FILE are set: keep one")
            values[field] = read_secret(f"{name}_FILE", path)
        return values


def with_password(url: str, password: str) -> str:
    """The database URL with this password in it, escaped (an @ or / in it stays a password)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # ArgumentError: not a URL at all
        raise ValueError("DATABASE_URL is not a database URL") from None
    if parsed.get_backend_name() == "sqlite":
        raise ValueError("DATABASE_PASSWORD is for a database server; DATABASE_URL is SQLite")
    if parsed.password is not None:
        raise ValueError("DATABASE_URL already holds a password: remove one of the two")
    return parsed.set(password=password).render_as_string(hide_password=False)
