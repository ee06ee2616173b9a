"""`.env.example`, copied to .env, must not break the container image: Compose passes it to the
container with env_file, where a relative SQLite path overrode the image's /data volume."""

from __future__ import annotations

from dotenv import dotenv_values
from sqlalchemy.engine import make_url

from bot.config import ROOT, Settings


def test_env_example_leaves_the_database_to_the_image_and_loads() -> None:
    values = {k: v for k, v in dotenv_values(ROOT / ".env.example").items() if v}
    url = values.get("DATABASE_URL")
    assert url is None or not make_url(url).database or make_url(url).database.startswith("/")
    cfg = Settings(_env_file=ROOT / ".env.example")  # type: ignore[call-arg]
    assert cfg.telegram_bot_token is None and cfg.webhook_url is None
