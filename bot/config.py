"""Settings from the environment (and .env), validated once at start."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("zh-Hans", "zh-Hant", "en")


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
    log_level: str = "INFO"

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admins(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(v) for v in value.replace(",", " ").split())
        return value

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
