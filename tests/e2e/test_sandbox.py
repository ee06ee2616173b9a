"""The offline sandbox as a newcomer runs it (`make run` without a token): the bot's one runner
against the emulator, nothing leaving the machine, contests and tip reminders working, and a
restart on the same database answering the very first message."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bot.app import migrate_async
from bot.config import ROOT, Framework, Settings
from bot.core.records import UserRecord
from bot.core.reports import ReportRecord, fingerprint, reporter_hash
from bot.sandbox.session import sandbox_bot
from bot.sandbox.web import GROUP_ID, seed
from bot.storage.engine import make_engine
from bot.storage.report_store import load_reports
from bot.storage.store import store_factory
from tests.e2e.harness import FRAMEWORKS, OCR, has
from tests.ocr.test_ocr import screenshot

FIRST_USER = 10001


def is_loopback(host: Any) -> bool:
    """Whether a host name or address stays on this machine."""
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """In this process, every connection or name lookup beyond loopback is refused and noted."""
    refused: list[str] = []
    real_connect, real_lookup = socket.socket.connect, socket.getaddrinfo

    def connect(sock: socket.socket, address: Any) -> None:
        if isinstance(address, tuple) and not is_loopback(address[0]):
            refused.append(f"connect {address[0]}")
            raise ConnectionRefusedError(f"offline test: no connection to {address[0]}")
        real_connect(sock, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not is_loopback(host):
            refused.append(f"lookup {host}")
            raise socket.gaierror(f"offline test: no lookup of {host}")
        return real_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield refused
    assert refused == []  # nothing even tried to leave the machine


def sandbox_settings(tmp: Path, framework: Framework, **env: Any) -> Settings:
    """What `antifraud sandbox` reads when no token is set (the default api.telegram.org URL)."""
    return Settings(database_url=f"sqlite+aiosqlite:///{tmp / 'sandbox.db'}",
                    content_dir=ROOT / "content", bot_framework=framework, **env)


class Clock:
    """The push scheduler's now, moved on by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.mark.parametrize("framework", FRAMEWORKS)
async def test_contest_and_screenshot_offline(tmp_path: Path, framework: Framework,
                                              offline: list[str]) -> None:
    settings = sandbox_settings(tmp_path, framework, contest_tick_seconds=0.05)
    assert settings.telegram_api_base_url == "https://api.telegram.org"
    async with sandbox_bot(settings, OCR) as (emu, _runner):
        seed(emu, FIRST_USER, "zh-hans")
        group, admin = emu.group(GROUP_ID), emu.user(FIRST_USER)
        await group.send(admin, "/contest 1 5")
        await group.wait_for_bot(has("竞赛开始"))
        poll = await group.wait_for_bot(lambda m: m["poll"] is not None, timeout=20)
        assert poll["poll"]["type"] == "quiz"
        await admin.send_photo(screenshot(["【市公安局】你的身份证涉嫌洗钱，",
                                           "请将资金转入安全账户配合调查。"]))
        verdict = await admin.wait_for_bot(has("冒充公检法"), timeout=20)
        assert "诈骗" in verdict["text"]
        assert {m for m, _ in emu.requests} >= {"getChatMember", "sendPoll", "getFile"}
    assert offline == []


@pytest.mark.parametrize("framework", FRAMEWORKS)
async def test_tip_arrives_and_a_restart_answers_the_first_message(
        tmp_path: Path, framework: Framework, offline: list[str]) -> None:
    settings = sandbox_settings(tmp_path, framework, scheduler_tick_seconds=0.05)
    async with sandbox_bot(settings, OCR) as (emu, runner):
        clock = Clock()
        runner.container.pushes.clock = runner.container.pushes.outbox.clock = clock
        user = emu.user(FIRST_USER, first_name="访客", language_code="zh-hans")
        for command, reply in (("/start", "欢迎"), ("/me", "我的成绩"),
                               ("/subscribe daily 20:49", "20:49")):
            await user.send(command)
            await user.wait_for_bot(has(reply))
        async with runner.container.engine.connect() as conn:
            due = (await conn.execute(text("select next_due_at from subscriptions"))).scalar()
        clock.now = datetime.fromisoformat(str(due)).replace(tzinfo=UTC) + timedelta(seconds=5)
        tip = await user.wait_for_bot(  # sent by the scheduler the runner started
            lambda m: "防骗提醒" in m["text"] or "反诈口号" in m["text"], timeout=20)
        assert "取消提醒" in str(tip["reply_markup"])
    async with sandbox_bot(settings, OCR) as (emu, _runner):  # the same database file
        user = emu.user(FIRST_USER, first_name="访客", language_code="zh-hans")
        await user.send("/me")
        assert "我的成绩" in (await user.wait_for_bot(has("我的成绩")))["text"]


async def test_the_sandbox_leaves_reports_of_a_legacy_key_file_alone(
        tmp_path: Path, offline: list[str]) -> None:
    """Its key comes from a token that lives one run: moving reports to it would lose them."""
    legacy = tmp_path / "reports-hash.key"
    legacy.write_text("legacy-key-" * 4)
    settings = sandbox_settings(tmp_path, "ptb", reports_hash_key_path=legacy)
    await migrate_async(settings.database_url)
    reporter = reporter_hash(("legacy-key-" * 4).encode(), FIRST_USER)
    engine = make_engine(settings.database_url)
    async with store_factory(engine)() as s:
        await s.users.save(UserRecord(FIRST_USER, FIRST_USER, "zh-Hans", "Asia/Shanghai",
                                      created_at=datetime.now(UTC)))
        await s.reports.add(ReportRecord(
            reporter=reporter, text="〔手机号〕", fingerprint=fingerprint("〔手机号〕"),
            kind="scam", scam_type="none", confidence=0.9, source="text", language="zh-Hans",
            created_at=datetime.now(UTC)))
        await s.commit()
    async with sandbox_bot(settings, OCR) as (emu, _runner):
        user = emu.user(FIRST_USER, first_name="访客", language_code="zh-hans")
        await user.send("/start")
        await user.wait_for_bot(has("欢迎"))
    assert [r.reporter for r in await load_reports(engine, None)] == [reporter]
    await engine.dispose()
