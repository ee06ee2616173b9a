"""Reports on the real database (SQLite, and PostgreSQL with TEST_DATABASE=postgresql): stored
once per reporter and text, found and deleted by the hash, and swept after retention by the
scheduler of a container built from settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import build
from bot.config import Settings
from bot.core.records import UserRecord
from bot.core.reports import ReportRecord, fingerprint, reporter_hash
from bot.storage.report_store import Rekeyed, load_reports, rekey_reports
from bot.storage.store import store_factory

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


def report(reporter: str, text: str, at: datetime) -> ReportRecord:
    return ReportRecord(reporter=reporter, text=text, fingerprint=fingerprint(text), kind="scam",
                        scam_type="fake_loan", confidence=0.8, source="text", language="zh-Hans",
                        created_at=at)


async def test_reports_are_stored_once_found_by_hash_and_forgotten(engine: AsyncEngine) -> None:
    stores = store_factory(engine)
    async with stores() as s:
        assert await s.reports.add(report("a" * 64, "转账到〔银行卡号〕", NOW))
        assert not await s.reports.add(report("a" * 64, "转账到 〔银行卡号〕!", NOW))  # same text
        assert await s.reports.add(report("b" * 64, "转账到〔银行卡号〕", NOW))
        await s.commit()
    async with stores() as s:
        mine = await s.reports.by_reporter("a" * 64)
        assert [(r.text, r.created_at) for r in mine] == [("转账到〔银行卡号〕", NOW)]
        assert await s.reports.forget_reporter("a" * 64) == 1
        await s.commit()
    assert [r.reporter for r in await load_reports(engine, None)] == ["b" * 64]


async def test_the_scheduler_deletes_reports_past_retention(db_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=db_url, reports_retention_days=30,
                        reports_hash_key_path=tmp_path / "key",
                        telegram_bot_token="123456:TEST-token")
    now = datetime.now(UTC)
    c = build(settings)
    try:
        async with c.service.stores() as s:
            await s.reports.add(report("a" * 64, "old one", now - timedelta(days=31)))
            await s.reports.add(report("a" * 64, "new one", now - timedelta(days=29)))
            await s.commit()
        assert await c.scheduler.sweep(force=True) == 1
        assert [r.text for r in await load_reports(c.engine, None)] == ["new one"]
        assert not (tmp_path / "key").exists()  # the key is derived: nothing beside the data
    finally:
        await c.close()


OLD, NEW = b"legacy-per-host-key-0123456789ab", b"key-derived-from-the-token-01234"


async def test_rekey_moves_known_reporters_once_and_leaves_strangers(engine: AsyncEngine) -> None:
    stores = store_factory(engine)
    async with stores() as s:
        for uid in (11, 12, 13):
            await s.users.save(UserRecord(uid, uid, "zh-Hans", "Asia/Shanghai", created_at=NOW))
        await s.reports.add(report(reporter_hash(OLD, 11), "一", NOW))
        await s.reports.add(report(reporter_hash(OLD, 11), "二", NOW))
        await s.reports.add(report(reporter_hash(OLD, 12), "三", NOW))  # also under NEW below
        await s.reports.add(report(reporter_hash(NEW, 12), "三", NOW))
        await s.reports.add(report(reporter_hash(NEW, 13), "四", NOW))
        await s.reports.add(report("f" * 64, "五", NOW))  # hashed under a key nobody has
        await s.commit()
    done = await rekey_reports(engine, OLD, NEW)
    assert done == Rekeyed(reporters=2, reports=2, duplicates=1, unknown=1)
    async with stores() as s:
        for uid, texts in ((11, ["一", "二"]), (12, ["三"])):
            assert [r.text for r in await s.reports.by_reporter(reporter_hash(NEW, uid))] == texts
        assert await s.reports.by_reporter(reporter_hash(OLD, 11)) == []
    assert len(await load_reports(engine, None)) == 5
    assert await rekey_reports(engine, OLD, NEW) == Rekeyed(0, 0, 0, 1)  # nothing left to move
