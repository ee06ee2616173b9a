"""Webhook settings: the secret's alphabet and length, the derived secret, the URL."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.config import WEBHOOK_SECRET, Settings
from bot.telegram.webhook import path_of

TOKEN = "123456:TEST-token"


def settings(**kw: object) -> Settings:
    return Settings(_env_file=None, telegram_bot_token=TOKEN, **kw)  # type: ignore[call-arg]


@pytest.mark.parametrize("secret", ["a", "A-z_09", "x" * 256])
def test_secrets_telegram_accepts(secret: str) -> None:
    assert settings(webhook_secret=secret).webhook_secret_value() == secret


@pytest.mark.parametrize("secret", ["x" * 257, "has space", "ümlaut", "a/b", "a=b"])
def test_secrets_telegram_refuses_are_a_configuration_error(secret: str) -> None:
    with pytest.raises(ValidationError, match="WEBHOOK_SECRET"):
        settings(webhook_secret=secret)


def test_unset_secret_is_derived_from_the_token() -> None:
    one, again = settings().webhook_secret_value(), settings().webhook_secret_value()
    other = Settings(_env_file=None, telegram_bot_token="99:other").webhook_secret_value()  # type: ignore[call-arg]
    assert one == again != other  # every worker of one bot agrees; another bot differs
    assert WEBHOOK_SECRET.fullmatch(one) and TOKEN not in one


def test_webhook_url_and_path() -> None:
    assert settings().webhook_url is None and settings(webhook_url=" ").webhook_url is None
    with pytest.raises(ValidationError, match="WEBHOOK_URL"):
        settings(webhook_url="bot.example.org/hook")
    assert path_of("https://bot.example.org/telegram/hook?x=1") == "/telegram/hook"
    assert path_of("https://bot.example.org") == "/"
