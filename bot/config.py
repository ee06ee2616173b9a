"""Settings from the environment (and .env), validated once at start."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from bot.core.locales import LOCALES
from bot.core.numbers import is_ascii_digits
from bot.core.schedule import QuietHours
from bot.radar.keys import reporter_key
from bot.secret_files import SecretFiles, with_password

ROOT = Path(__file__).resolve().parent.parent
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
Framework = Literal["ptb", "aiogram"]
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
ADMIN_ID = re.compile(r"[1-9][0-9]{0,19}")  # ASCII only: no `+`, `_`, `²`, 0 or negatives


def parse_admin_ids(value: str) -> frozenset[int]:
    """ADMIN_IDS as comma-separated positive integers; anything else is refused whole."""
    if not value.strip():
        return frozenset()
    parts = [part.strip() for part in value.split(",")]
    bad = [part for part in parts if not ADMIN_ID.fullmatch(part)]
    if bad:
        raise ValueError(f"ADMIN_IDS must be comma-separated positive Telegram user ids "
                         f"(digits 0-9 only, e.g. 12345,67890); not {bad[0]!r}")
    return frozenset(int(part) for part in parts)


class Settings(BaseSettings):
    """Everything the bot reads from its environment."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    database_url: str = f"sqlite+aiosqlite:///{ROOT / 'data' / 'antifraud.db'}"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_language: str = "zh-Hans"
    default_timezone: str = "Asia/Shanghai"
    round_length: int = Field(default=5, ge=1, le=20)
    content_dir: Path = ROOT / "content"
    content_source: Literal["files", "database"] = "files"
    log_level: str = "INFO"  # the bot's own log lines
    log_level_libraries: str | None = None  # frameworks and HTTP clients; INFO if unset
    # Pushed messages (tip reminders and broadcasts).
    broadcast_rate: float = Field(default=25.0, gt=0, le=1000)  # messages/s; >30 is paid
    quiet_hours: str = "22:00-08:00"  # local time in which no tip reminder is sent
    push_grace_minutes: int = Field(default=60, ge=0)  # later than this, a missed job is skipped
    scheduler_tick_seconds: float = Field(default=5.0, gt=0)
    contest_tick_seconds: float = Field(default=1.0, gt=0)  # how often contest clocks are read
    delivery_lease_seconds: float = Field(default=30.0, gt=0)  # then a dead worker's rows return
    bot_username: str = "antifraud_quiz_bot"  # for t.me deep links on posters and QR codes
    bot_framework: Framework = "ptb"
    # Webhook mode (instead of long polling) when webhook_url is set: see bot/telegram/webhook.py.
    webhook_url: str | None = None  # the public URL Telegram posts updates to
    webhook_secret: SecretStr | None = None  # checked on every request; derived if unset
    webhook_listen: str = "0.0.0.0"  # the address the update server binds
    webhook_port: int = Field(default=8080, ge=0, le=65535)
    worker_name: str | None = None  # in /healthz and the scheduler lease; else the host name
    # Put into DATABASE_URL (URL-encoded), so a password may hold @ : / # and can come from a
    # secret file (DATABASE_PASSWORD_FILE) while the URL itself stays in plain configuration.
    database_password: SecretStr | None = None
    # Opt-in reports: the reporter id is stored only as HMAC(key, id); reports expire.
    reports_hash_key: SecretStr | None = None  # else derived from the token (bot/radar/keys.py)
    # Where versions before the derived key kept a generated one; reports made with it are moved
    # to the key in use when the bot starts (the file is read, never written).
    reports_hash_key_path: Path = ROOT / "data" / "reports-hash.key"
    reports_retention_days: int = Field(default=180, ge=1, le=3650)

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Secrets may come from files named by <NAME>_FILE (Docker and Compose secrets)."""
        return (init_settings, SecretFiles(settings_cls), env_settings, dotenv_settings,
                file_secret_settings)

    @model_validator(mode="after")
    def _apply_database_password(self) -> Settings:
        if self.database_password is not None:
            password = self.database_password.get_secret_value()
            self.database_url = with_password(self.database_url, password)
            self.database_password = None  # now inside the URL; never applied twice
        return self

    @field_validator("webhook_url")
    @classmethod
    def _check_webhook_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError("WEBHOOK_URL must be an https:// URL (http:// only for local tests)")
        return value.strip()

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ -")
        return value

    @field_validator("reports_hash_key")
    @classmethod
    def _check_reports_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if len(value.get_secret_value().strip()) < 16:
            raise ValueError("REPORTS_HASH_KEY must be at least 16 characters")
        return SecretStr(value.get_secret_value().strip())

    def reports_key(self) -> bytes:
        """The reporter hash key: REPORTS_HASH_KEY, else derived from the token, so every
        worker of one bot hashes a reporter alike without shared files."""
        explicit = self.reports_hash_key.get_secret_value() if self.reports_hash_key else None
        token = self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None
        return reporter_key(explicit, token)

    def webhook_secret_value(self) -> str:
        """The webhook secret: WEBHOOK_SECRET, else derived from the token, so every worker of
        one bot agrees on it without configuration and nobody without the token can guess it."""
        if self.webhook_secret is not None:
            return self.webhook_secret.get_secret_value()
        token = self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else ""
        digest = hmac.new(token.encode(), b"antifraud webhook secret", hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    # Per-user flood control: a burst of updates, then this many per second (bot/core/flood.py).
    flood_rate: float = Field(default=1.0, gt=0)
    flood_burst: int = Field(default=30, ge=1)

    @field_validator("quiet_hours")
    @classmethod
    def _check_quiet(cls, value: str) -> str:
        from bot.core.schedule import parse_time

        start, _, end = value.partition("-")
        if parse_time(start) is None or parse_time(end) is None:
            raise ValueError("use HH:MM-HH:MM, for example 22:00-08:00")
        return value

    @property
    def quiet(self) -> QuietHours:
        """Quiet hours as minutes of the day."""
        from bot.core.schedule import parse_time

        start, _, end = self.quiet_hours.partition("-")
        return QuietHours(parse_time(start) or 0, parse_time(end) or 0)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admins(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_admin_ids(value)
        return value

    @field_validator("log_level", "log_level_libraries")
    @classmethod
    def _check_log_level(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or not value.strip():
            return "INFO" if info.field_name == "log_level" else None
        if value.strip().upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return value.strip().upper()

    @field_validator("default_language")
    @classmethod
    def _check_language(cls, value: str) -> str:
        if value not in LOCALES:
            raise ValueError(f"must be one of {', '.join(LOCALES)}")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("telegram_bot_token")
    @classmethod
    def _check_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        secret = value.get_secret_value().strip()
        if secret in ("changeme", "your-token-here") or ":" not in secret:
            raise ValueError("TELEGRAM_BOT_TOKEN must look like 123456:ABC... (from @BotFather)")
        return SecretStr(secret)

    @field_validator("bot_framework", mode="before")
    @classmethod
    def _lower_framework(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("bot_framework")
    @classmethod
    def _check_token_for_framework(cls, value: str, info: ValidationInfo) -> str:
        # aiogram refuses a token that is not <digits>:<secret> without spaces: say so at start.
        # Checked here, after the token field, so the error never echoes the token itself.
        token = info.data.get("telegram_bot_token")
        if value == "aiogram" and isinstance(token, SecretStr):
            head, _, tail = token.get_secret_value().partition(":")
            if not (is_ascii_digits(head) and tail and not any(c.isspace() for c in tail)):
                raise ValueError("aiogram needs TELEGRAM_BOT_TOKEN in the form <digits>:<secret> "
                                 "without spaces")
        return value
