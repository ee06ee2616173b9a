"""`antifraud run` against a Bot API it cannot use: one clear line, exit 1, no token."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.cli.test_cli import antifraud
from tests.e2e.harness import TOKEN, free_port
from tgemu import Emulator


@pytest.mark.parametrize("framework", ["ptb", "aiogram"])
def test_an_unreachable_bot_api_is_a_clear_error(framework: str, tmp_path: Path) -> None:
    res = antifraud("run", "--framework", framework, env={
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{free_port()}",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'r.db'}"})
    assert res.returncode == 1
    assert "could not start the bot against http://127.0.0.1:" in res.stderr
    assert "TELEGRAM_API_BASE_URL" in res.stderr and "Traceback" not in res.stderr
    assert TOKEN not in res.stderr + res.stdout and TOKEN.split(":")[1] not in res.stderr


async def test_a_token_the_server_refuses_is_a_clear_error(tmp_path: Path) -> None:
    async with Emulator(bot_username="antifraud_test_bot") as emu:
        emu.inject("getMe", 401)
        res = await asyncio.to_thread(antifraud, "run", env={
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": emu.base_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'r.db'}"})
    assert res.returncode == 1 and "could not start the bot" in res.stderr
    assert "Traceback" not in res.stderr and TOKEN not in res.stderr
