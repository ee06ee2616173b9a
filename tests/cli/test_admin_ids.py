"""ADMIN_IDS: positive ASCII integers separated by commas, else one clear line at start."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings
from tests.cli.test_cli import antifraud
from tests.cli_process import bot_process
from tests.e2e.harness import TOKEN
from tgemu import Emulator


@pytest.mark.parametrize("value", ["12 3", "1_2_3", "+123", "0", "-5", "12,-3", "١٢٣", "²",
                                   "12,,3", "12;3", "0x10", "1e3", "12,abc"])
def test_loose_admin_ids_are_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="ADMIN_IDS must be comma-separated"):
        Settings(admin_ids=value, _env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(("value", "ids"), [("", set()), ("12", {12}), ("12,3", {3, 12}),
                                            (" 12 , 3 ", {3, 12})])
def test_comma_separated_admin_ids(value: str, ids: set[int]) -> None:
    assert Settings(admin_ids=value, _env_file=None).admin_ids == ids  # type: ignore[call-arg]


def test_bad_admin_ids_stop_the_bot_with_one_line(tmp_path: Path) -> None:
    res = antifraud("run", env={"TELEGRAM_BOT_TOKEN": TOKEN, "ADMIN_IDS": "12 3",
                                "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'a.db'}"})
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Configuration error: ADMIN_IDS:"), res.stderr
    assert "Traceback" not in res.stderr


async def test_the_number_of_admins_is_logged(tmp_path: Path) -> None:
    async with Emulator(bot_username="antifraud_test_bot") as emu:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")} | {
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": emu.base_url,
            "ADMIN_IDS": "12,3,99", "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'a.db'}"}
        log = tmp_path / "run.log"
        proc = bot_process("run", env=env, output=log)
        try:
            user = emu.user(5, first_name="x")
            await user.send("/start")
            await user.wait_for_bot(timeout=60)
        finally:
            proc.send_signal(signal.SIGINT)
            await asyncio.to_thread(proc.wait, 60)
    assert "3 admin(s) from ADMIN_IDS" in log.read_text()
