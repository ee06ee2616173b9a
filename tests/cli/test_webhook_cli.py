"""`antifraud run --webhook URL` as a real process, `antifraud health` in both modes."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path

from tests.cli.test_cli import antifraud
from tests.cli_process import antifraud_process, bot_process
from tests.e2e.harness import TOKEN, free_port, has, until
from tgemu import Emulator


def test_health_in_polling_mode_checks_the_database(tmp_path: Path) -> None:
    ok = antifraud("health", env={"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'h.db'}"})
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["database"] == "ok"
    bad = antifraud("health", env={"DATABASE_URL": "postgresql+asyncpg://x@127.0.0.1:1/none"})
    assert bad.returncode == 1 and json.loads(bad.stdout)["database"] == "unreachable"


def test_a_bad_webhook_url_or_secret_is_a_configuration_error() -> None:
    res = antifraud("run", "--webhook", "ftp://example.org/hook",
                    env={"TELEGRAM_BOT_TOKEN": TOKEN})
    assert res.returncode == 2 and "WEBHOOK_URL" in res.stderr
    res = antifraud("run", "--webhook", "https://example.org/hook",
                    env={"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_SECRET": "has spaces"})
    assert res.returncode == 2 and "WEBHOOK_SECRET" in res.stderr


async def test_run_webhook_serves_updates_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    async with Emulator(bot_username="antifraud_test_bot") as emu:
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=emu.base_url,
                   DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'w.db'}",
                   WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port), WEBHOOK_SECRET="s3cret_-")
        url = f"http://127.0.0.1:{port}/tg"
        log = tmp_path / "run.log"
        proc = bot_process("run", "--webhook", url, env=env, output=log)
        try:
            await until(lambda: bool(emu.state.webhook.url), timeout=90)  # a slow start
            assert (emu.state.webhook.url, emu.state.webhook.secret_token) == (url, "s3cret_-")
            user = emu.user(701, first_name="丁")
            await user.send("/start")
            await user.wait_for_bot(has("欢迎"))
            health = await asyncio.to_thread(
                antifraud_process, "health", env={**env, "WEBHOOK_URL": url}, timeout=60)
            assert health.returncode == 0, health.stdout + health.stderr
            assert json.loads(health.stdout)["ready"] is True
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.to_thread(proc.wait, 30)
        assert proc.returncode == 0, log.read_text()
        assert emu.violations == []
