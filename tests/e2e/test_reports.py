"""The opt-in report button through the real bot (both frameworks) over HTTP to the emulator:
the verdict comes with it, nothing is stored until it is pressed, then only the redacted text
under a keyed hash; /mydata shows it, /forget deletes it, /reports shows the radar to admins."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from pathlib import Path

from bot.config import ROOT, Settings
from bot.core.records import UserRecord
from bot.core.reports import ReportRecord, fingerprint, reporter_hash
from bot.radar.keys import derive_key
from bot.runner import StartupError, start_runner
from bot.storage.engine import make_engine
from bot.storage.report_store import load_reports
from bot.storage.store import store_factory
from tests.e2e.harness import OCR, TOKEN, Harness, all_rows, buttons, has, labels
from tgemu import Emulator, SimUser

SMS = ("【ETC】您的ETC已失效，请在 https://etc-renew.top/login?uid=55667788 更新，"
       "联系人王建国，电话 13912345678，验证码 732914")
SECRETS = ("王建国", "13912345678", "732914", "55667788")
BUTTON = {"zh-hans": "📣 匿名提交到反诈库", "zh-hant": "📣 匿名提交到反詐庫",
          "en": "📣 Submit anonymously to the anti-fraud library"}


async def stored_anywhere(h: Harness, *values: str) -> list[str]:
    """Tables holding any of the values in any column."""
    return [t for t, rows in (await all_rows(h)).items()
            for row in rows if any(v in str(c) for c in row for v in values)]


async def one_report_shown_then_forgotten(harness: Harness, user: SimUser) -> None:
    """/mydata exports the user's one report; /forget deletes it."""
    await user.send("/mydata")
    doc = await user.wait_for_bot(lambda m: m["document"] is not None)
    export = json.loads(harness.emu.file(doc["document"]["file_id"]).content)
    assert len(export["tables"]["reports"]) == 1
    await user.send("/forget")
    ask = await user.wait_for_bot(has("删除你的全部数据"))
    await user.press(ask["message_id"], buttons(ask)[0]["callback_data"])
    await user.wait_for_bot(has("已删除"))
    await harness.emu.wait_idle()
    assert await harness.rows("select count(*) from reports") == [(0,)]


async def test_report_button_stores_only_on_press_redacted_and_forget_deletes(
        harness: Harness) -> None:
    user = harness.emu.user(811, first_name="王阿姨", language_code="zh-hans")
    await user.send(SMS)
    verdict = await user.wait_for_bot(lambda m: BUTTON["zh-hans"] in labels(m))
    await harness.emu.wait_idle()
    assert await harness.rows("select count(*) from reports") == [(0,)]
    await user.press_button(verdict["message_id"], BUTTON["zh-hans"])
    saved = await user.wait_for_bot(has("已匿名提交"))
    assert "https://etc-renew.top/login" in saved["text"] and "〔手机号〕" in saved["text"]
    await harness.emu.wait_idle()
    assert await stored_anywhere(harness, *SECRETS) == []
    (row,) = (await all_rows(harness))["reports"]
    assert not any("811" in str(v) for v in row)  # the reporter is a keyed hash
    assert await harness.rows("select count(*) from reports") == [(1,)]
    await user.press_button(verdict["message_id"], BUTTON["zh-hans"])  # once only
    await user.wait_for_bot(has("请重新发送"))

    await one_report_shown_then_forgotten(harness, user)


async def test_button_in_every_language_and_the_radar_for_admins(harness: Harness) -> None:
    harness.env["admin_ids"] = frozenset({829})
    await harness.restart()
    for uid, lang in ((821, "zh-hant"), (822, "en"), (823, "zh-hans")):
        user = harness.emu.user(uid, first_name="R", language_code=lang)
        await user.send(SMS.replace("王建国", "李小龙"))
        verdict = await user.wait_for_bot(lambda m, lang=lang: BUTTON[lang] in labels(m))
        await user.press_button(verdict["message_id"], BUTTON[lang])
        await user.wait_for_bot(has("〔"))
    await harness.emu.wait_idle()
    assert await harness.rows("select count(distinct reporter) from reports") == [(3,)]
    stranger = harness.emu.user(824, first_name="S")
    await stranger.send("/reports")
    await stranger.wait_for_bot(has("管理员"))
    await harness.emu.wait_idle()
    assert await harness.rows("select count(*) from admin_actions") == [(0,)]
    admin = harness.emu.user(829, first_name="A", language_code="zh-hans")
    await admin.send("/reports")
    radar = await admin.wait_for_bot(has("反诈雷达"))
    (first_id,) = (await harness.rows("select min(id) from reports"))[0]
    # The names differ, the redacted texts don't: one cluster of 3, new as it grew in a day.
    assert "最近 7 天 3 条提交" in radar["text"], radar["text"]
    assert f"🆕 #{first_id} 3 条，近 24 小时 +3" in radar["text"], radar["text"]
    assert "etc-renew.top" in radar["text"] and "李小龙" not in radar["text"]
    await harness.emu.wait_idle()
    assert await harness.rows("select action from admin_actions") == [("reports",)]


async def test_reports_made_with_an_older_versions_key_file_survive_the_upgrade(
        harness: Harness, tmp_path: Path) -> None:
    legacy = tmp_path / "data" / "reports-hash.key"
    legacy.parent.mkdir()
    legacy.write_text(secrets.token_hex(32) + "\n")  # as older versions generated it
    harness.env.update(reports_hash_key=legacy.read_text().strip())  # the older version's key
    await harness.restart()
    user = harness.emu.user(851, first_name="李", language_code="zh-hans")
    await user.send(SMS)
    verdict = await user.wait_for_bot(lambda m: BUTTON["zh-hans"] in labels(m))
    await user.press_button(verdict["message_id"], BUTTON["zh-hans"])
    await user.wait_for_bot(has("已匿名提交"))
    await harness.emu.wait_idle()
    (before,) = await harness.rows("select reporter from reports")

    del harness.env["reports_hash_key"]  # the upgrade: no key set, the old file in its place
    harness.env.update(reports_hash_key_path=legacy)
    await harness.restart()
    after = reporter_hash(derive_key(TOKEN), 851)
    assert await harness.rows("select reporter from reports") == [(after,)] != [before]
    await one_report_shown_then_forgotten(harness, user)
    assert legacy.exists()  # only read: an older worker on the host may still use it


async def test_a_token_telegram_refuses_moves_no_report_the_right_one_does(
        db_url: str, tmp_path: Path) -> None:
    legacy = tmp_path / "reports-hash.key"
    legacy.write_text(secrets.token_hex(32))
    old = reporter_hash(legacy.read_text().encode(), 861)
    engine = make_engine(db_url)
    async with store_factory(engine)() as s:
        await s.users.save(UserRecord(861, 861, "zh-Hans", "Asia/Shanghai",
                                      created_at=datetime.now(UTC)))
        await s.reports.add(ReportRecord(
            reporter=old, text="〔手机号〕", fingerprint=fingerprint("〔手机号〕"), kind="scam",
            scam_type="none", confidence=0.9, source="text", language="zh-Hans",
            created_at=datetime.now(UTC)))
        await s.commit()
    async with Emulator(bot_username="antifraud_test_bot", token=TOKEN) as emu:
        for token, expected in (("123456:TEST-token_mistyped", old),
                                (TOKEN, reporter_hash(derive_key(TOKEN), 861))):
            settings = Settings(telegram_bot_token=token, telegram_api_base_url=emu.base_url,
                                database_url=db_url, content_dir=ROOT / "content",
                                reports_hash_key_path=legacy)
            try:
                runner = await start_runner(settings, poll_timeout=1, ocr=OCR)
            except StartupError:
                assert token != TOKEN
            else:
                await runner.stop()
                await runner.container.close()
            assert [r.reporter for r in await load_reports(engine, None)] == [expected]
    await engine.dispose()
