"""The reporter hash key: REPORTS_HASH_KEY if set, else derived from the bot token (the same on
every worker, different per bot); a legacy key file is only read."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.app import report_desk
from bot.config import Settings
from bot.core.reports import reporter_hash
from bot.radar.keys import HashKeyError, derive_key, read_key_file, reporter_key

TOKEN = "123456:AAE-a-token-from-botfather"


def settings(tmp_path: Path, **env: object) -> Settings:
    return Settings(reports_hash_key_path=tmp_path / "reports-hash.key", **env)  # type: ignore[arg-type]


def test_workers_of_one_bot_derive_the_same_key_and_other_bots_another(tmp_path: Path) -> None:
    a = settings(tmp_path / "host-a", telegram_bot_token=TOKEN)
    b = settings(tmp_path / "host-b", telegram_bot_token=TOKEN)
    other = settings(tmp_path, telegram_bot_token="123456:AAE-another-token")
    assert a.reports_key() == b.reports_key() == derive_key(TOKEN)
    assert other.reports_key() != a.reports_key()
    assert a.reports_key() not in (TOKEN.encode(), a.webhook_secret_value().encode())
    assert report_desk(a).reporter(5) == report_desk(b).reporter(5) == reporter_hash(
        derive_key(TOKEN), 5)
    assert not any((tmp_path / h).exists() for h in ("host-a", "host-b"))  # nothing written


def test_an_explicit_key_wins_and_must_be_long_enough(tmp_path: Path) -> None:
    given = settings(tmp_path, telegram_bot_token=TOKEN, reports_hash_key="k" * 20)
    assert given.reports_key() == b"k" * 20
    with pytest.raises(ValidationError, match="at least 16"):
        settings(tmp_path, reports_hash_key="short")
    with pytest.raises(HashKeyError, match="TELEGRAM_BOT_TOKEN or REPORTS_HASH_KEY"):
        reporter_key(None, None)


def test_a_legacy_key_file_is_read_not_written(tmp_path: Path) -> None:
    path = tmp_path / "reports-hash.key"
    assert read_key_file(path) is None and not path.exists()
    path.write_text("ab" * 32 + "\n")
    assert read_key_file(path) == ("ab" * 32).encode()
    path.write_text("tiny")
    with pytest.raises(HashKeyError, match="shorter"):
        read_key_file(path)
