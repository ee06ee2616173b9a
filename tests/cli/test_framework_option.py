"""Choosing the framework: BOT_FRAMEWORK, `antifraud run --framework`, aiogram's token form."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from bot.config import Settings
from tests.cli.test_cli import antifraud

SECRET = "not-a-valid-token-secret"


def test_ptb_is_the_default_and_the_variable_picks_aiogram(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_FRAMEWORK", raising=False)
    assert Settings(_env_file=None).bot_framework == "ptb"
    monkeypatch.setenv("BOT_FRAMEWORK", " AIOGRAM ")
    assert Settings(_env_file=None).bot_framework == "aiogram"


@pytest.mark.parametrize("token", ["abc:" + SECRET, "12 3:" + SECRET, "123:" + SECRET + " x"])
def test_aiogram_refuses_a_token_it_would_reject_without_echoing_it(token: str) -> None:
    assert Settings(_env_file=None, telegram_bot_token=SecretStr(token)).bot_framework == "ptb"
    with pytest.raises(ValidationError) as err:
        Settings(_env_file=None, telegram_bot_token=SecretStr(token), bot_framework="aiogram")
    assert "<digits>:<secret>" in str(err.value) and SECRET not in str(err.value)


def test_run_framework_option_is_validated() -> None:
    res = antifraud("run", "--framework", "aiogram", env={"TELEGRAM_BOT_TOKEN": "abc:" + SECRET})
    assert res.returncode == 2
    assert "<digits>:<secret>" in res.stderr and SECRET not in res.stderr + res.stdout
