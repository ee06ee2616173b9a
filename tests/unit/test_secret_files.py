"""Secrets from files (<NAME>_FILE, as Docker and Compose secrets give them) and a database
password put into the URL with the escaping it needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from bot.cli import app
from bot.config import Settings
from bot.secret_files import SecretFileError

TOKEN = "123456:file-token"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET", "DATABASE_URL", "DATABASE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"{name}_FILE", raising=False)


def load() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


def secret(tmp_path: Path, text: str, name: str = "secret") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_token_from_a_file_without_its_newline(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN_FILE", secret(tmp_path, TOKEN + "\n"))
    cfg = load()
    assert cfg.telegram_bot_token is not None
    assert cfg.telegram_bot_token.get_secret_value() == TOKEN


def test_every_secret_field_reads_its_file(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET_FILE", secret(tmp_path, "hook_secret-1", "hook"))
    monkeypatch.setenv("DATABASE_URL_FILE",
                       secret(tmp_path, "postgresql+asyncpg://bot@db:5432/bot", "url"))
    monkeypatch.setenv("DATABASE_PASSWORD_FILE", secret(tmp_path, "pw\r\n", "pw"))
    cfg = load()
    assert cfg.webhook_secret_value() == "hook_secret-1"
    assert make_url(cfg.database_url).password == "pw"


def test_a_file_secret_still_goes_through_validation(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN_FILE", secret(tmp_path, "changeme"))
    with pytest.raises(ValidationError, match="TELEGRAM_BOT_TOKEN must look like"):
        load()


@pytest.mark.parametrize(("content", "problem"), [
    (None, "cannot read it"), ("", "the file is empty"), ("\n", "the file is empty"),
    ("x" * 70_000, "larger than"), (b"\xff\xfe", "not UTF-8"),
])
def test_an_unusable_file_is_one_clear_error_without_its_content(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | bytes | None,
        problem: str) -> None:
    path = tmp_path / "token"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN_FILE", str(path))
    with pytest.raises(SecretFileError, match=problem) as info:
        load()
    assert f"TELEGRAM_BOT_TOKEN_FILE={path}" in str(info.value) and "xxxx" not in str(info.value)


def test_value_and_file_together_are_refused(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN_FILE", secret(tmp_path, TOKEN))
    with pytest.raises(SecretFileError, match="both TELEGRAM_BOT_TOKEN and TELEGRAM_BOT_TOKEN_"):
        load()


@pytest.mark.parametrize("password", ["p@ss", "a:b/c?d#e%f", "with space", "密码@主机"])
def test_a_database_password_survives_any_character(password: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://antifraud@postgres:5432/antifraud")
    monkeypatch.setenv("DATABASE_PASSWORD", password)
    url = make_url(load().database_url)
    assert (url.password, url.host, url.port, url.database, url.username) == (
        password, "postgres", 5432, "antifraud", "antifraud")


@pytest.mark.parametrize(("url", "problem"), [
    ("sqlite+aiosqlite:////data/antifraud.db", "SQLite"),
    ("postgresql+asyncpg://u:old@db/x", "already holds a password"),
    ("not a url", "not a database URL"),
])
def test_a_password_that_cannot_apply_is_refused(url: str, problem: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DATABASE_PASSWORD", "pw")
    with pytest.raises(ValidationError, match=problem):
        load()


def test_the_cli_reports_a_bad_secret_file_in_one_line(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN_FILE", str(tmp_path / "missing"))
    result = CliRunner().invoke(app, ["run", "--no-sandbox"])
    assert result.exit_code == 2
    assert "TELEGRAM_BOT_TOKEN_FILE=" in result.output and "Traceback" not in result.output


def test_no_token_without_sandbox_is_one_line_and_exit_2(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["run", "--no-sandbox"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "TELEGRAM_BOT_TOKEN is not set (nor TELEGRAM_BOT_TOKEN_FILE): give the bot's token "
        "from @BotFather."]


def test_a_worker_without_a_webhook_url_never_polls(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.delenv("WEBHOOK_URL", raising=False)
    result = CliRunner().invoke(app, ["run", "--no-sandbox", "--require-webhook"])
    assert result.exit_code == 2 and "WEBHOOK_URL is not set" in result.output
