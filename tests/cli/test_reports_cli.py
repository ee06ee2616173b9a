"""`antifraud reports clusters` and `reports export` through the real CLI on the real database
(SQLite, or PostgreSQL with TEST_DATABASE=postgresql)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.records import UserRecord
from bot.core.reports import ReportRecord, fingerprint, reporter_hash
from bot.radar.keys import derive_key
from bot.storage.engine import make_engine
from bot.storage.report_store import load_reports
from bot.storage.store import store_factory
from tests.cli.test_cli import antifraud

ETC = "您的ETC已失效，请登录 https://etc-gov.top/renew 更新，否则今日停用，联系〔手机号〕"


async def seed(url: str) -> None:
    now = datetime.now(UTC)
    engine = make_engine(url)
    rows = [(ETC + "！" * i, "unsure", now - timedelta(hours=i)) for i in range(5)]
    rows += [("今晚一起吃饭吗？我在楼下等你", "benign", now - timedelta(days=2)),
             ("旧消息，已过期", "scam", now - timedelta(days=30))]
    async with store_factory(engine)() as s:
        for i, (text, kind, at) in enumerate(rows):
            await s.reports.add(ReportRecord(
                reporter=f"{i:064x}", text=text, fingerprint=fingerprint(text), kind=kind,
                scam_type="none", confidence=0.4, source="text", language="zh-Hans",
                created_at=at))
        await s.commit()
    await engine.dispose()


def test_clusters_lists_the_new_variant(db_url: str) -> None:
    asyncio.run(seed(db_url))
    env = {"DATABASE_URL": db_url}
    out = antifraud("reports", "clusters", "--since", "7d", "--json", env=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["reports"] == 6  # the 30-day-old one is outside --since
    (cluster,) = data["clusters"]
    assert cluster["size"] == 5 and cluster["new"] and cluster["why_new"] == "unsure"
    assert cluster["domains"] == {"etc-gov.top": 5} and cluster["numbers"] == {"〔手机号〕": 5}
    text = antifraud("reports", "clusters", env=env)
    assert "NEW" in text.stdout and "etc-gov.top" in text.stdout
    bad = antifraud("reports", "clusters", "--since", "a week", env=env)
    assert bad.returncode == 2 and "7d" in bad.stderr


def test_export_is_reproducible_byte_for_byte(db_url: str, tmp_path: Path) -> None:
    asyncio.run(seed(db_url))
    env = {"DATABASE_URL": db_url}
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (first, second):
        res = antifraud("reports", "export", "-o", str(out), env=env)
        assert res.returncode == 0, res.stderr
    assert first.read_bytes() == second.read_bytes()
    lines = [json.loads(x) for x in first.read_text(encoding="utf-8").splitlines()]
    reports = [x for x in lines if x["type"] == "report"]
    clusters = [x for x in lines if x["type"] == "cluster"]
    assert len(reports) == 7 and max(c["size"] for c in clusters) == 5
    assert all(len(r["reporter"]) == 16 for r in reports)
    assert "CC BY-SA 4.0" in (tmp_path / "a.jsonl.card.md").read_text(encoding="utf-8")
    schema = json.loads((tmp_path / "a.jsonl.schema.json").read_text(encoding="utf-8"))
    assert schema["version"] == 1


OLD_TOKEN, NEW_TOKEN = "123456:AAE-the-token-before-rotation", "123456:AAE-the-token-after-it"


async def seed_under(url: str, token: str, users: dict[int, list[str]]) -> None:
    engine = make_engine(url)
    key, now = derive_key(token), datetime.now(UTC)
    async with store_factory(engine)() as s:
        for uid, texts in users.items():
            await s.users.save(UserRecord(uid, uid, "zh-Hans", "Asia/Shanghai", created_at=now))
            for text in texts:
                await s.reports.add(ReportRecord(
                    reporter=reporter_hash(key, uid), text=text, fingerprint=fingerprint(text),
                    kind="scam", scam_type="none", confidence=0.9, source="text",
                    language="zh-Hans", created_at=now))
        await s.commit()
    await engine.dispose()


async def reporters(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        return sorted(r.reporter for r in await load_reports(engine, None))
    finally:
        await engine.dispose()


def test_rekey_after_a_token_rotation_moves_reports_to_the_new_key(
        db_url: str, tmp_path: Path) -> None:
    asyncio.run(seed_under(db_url, OLD_TOKEN, {41: [ETC, "第二条"], 42: ["第三条"]}))
    old = tmp_path / "old-token"
    old.write_text(OLD_TOKEN + "\n")
    env = {"DATABASE_URL": db_url, "TELEGRAM_BOT_TOKEN": NEW_TOKEN}
    res = antifraud("reports", "rekey", "--old-token-file", str(old), env=env)
    assert res.returncode == 0, res.stderr
    assert "moved 3 reports of 2 reporters" in res.stdout and OLD_TOKEN not in res.stdout
    new_key = derive_key(NEW_TOKEN)
    assert asyncio.run(reporters(db_url)) == sorted(
        [reporter_hash(new_key, 41)] * 2 + [reporter_hash(new_key, 42)])
    again = antifraud("reports", "rekey", "--old-token-file", str(old), env=env)
    assert "moved 0 reports" in again.stdout  # nothing left under the old key

    for args, message in ((("--old-token-file", str(tmp_path / "none")), "cannot read it"),
                          ((), "give one of"),
                          (("--old-token-file", str(old), "--old-key-file", str(old)),
                           "give one of")):
        bad = antifraud("reports", "rekey", *args, env=env)
        assert bad.returncode == 2 and message in bad.stderr, bad.stderr
    keyless = antifraud("reports", "rekey", "--old-token-file", str(old),
                        env={"DATABASE_URL": db_url})
    assert keyless.returncode == 2 and "TELEGRAM_BOT_TOKEN or REPORTS_HASH_KEY" in keyless.stderr
