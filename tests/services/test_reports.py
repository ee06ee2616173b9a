"""Opt-in reports on the in-memory store: nothing stored until the button, redacted, hashed,
shown by /mydata, deleted by /forget; stale buttons change nothing."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.core import callbacks as cb
from bot.core.events import Text
from bot.core.replies import Document, Message
from bot.core.reports import ReportDesk
from tests.services.test_use_cases import ME, Bot, buttons, templates

SCAM = "我是招商银行客服王建国，电话13812345678，请把验证码 482913 发给我就放款 https://cmb-loan.top/a?uid=99887766"


def with_desk() -> Bot:
    bot = Bot()
    bot.service.desk = ReportDesk(b"k" * 32)
    return bot


def report_button(reply: object) -> cb.SubmitReport:
    found = [a for a in buttons(reply) if isinstance(a, cb.SubmitReport)]  # type: ignore[arg-type]
    assert len(found) == 1
    return found[0]


async def test_nothing_is_stored_until_the_button_then_only_the_redacted_text() -> None:
    bot = with_desk()
    replies = await bot.send(Text(SCAM))
    assert templates(replies) == ["check.verdict"]
    press = report_button(replies[0])
    assert bot.tables.reports == {}
    # Before the press only the raw text waits in memory: no redaction, no row.
    assert len(bot.service.desk.recent) == 1  # type: ignore[union-attr]
    replies = await bot.press(press)
    assert templates(replies) == ["toast.saved", "report.saved"]
    (stored,) = bot.tables.reports.values()
    for secret in ("王建国", "13812345678", "482913", "99887766", str(ME)):
        assert secret not in stored.text and secret not in stored.reporter
    assert "https://cmb-loan.top/a" in stored.text and "〔手机号〕" in stored.text
    assert stored.reporter == bot.service.desk.reporter(ME)  # type: ignore[union-attr]
    assert (stored.kind, stored.scam_type, stored.source) == ("scam", "fake_loan", "text")
    assert templates(await bot.press(press)) == ["report.gone_toast", "report.gone"]  # once
    assert len(bot.tables.reports) == 1


async def test_a_benign_verdict_offers_the_button_too_and_duplicates_are_stored_once() -> None:
    bot = with_desk()
    for expected in ("report.saved", "report.duplicate"):
        replies = await bot.send(Text("今天天气不错，晚上一起吃饭吗"))
        assert templates(replies) == ["check.no_script"]
        assert templates(await bot.press(report_button(replies[0]))) == ["toast.saved", expected]
    assert len(bot.tables.reports) == 1


async def test_the_button_expires_and_an_older_button_is_refused() -> None:
    bot = with_desk()
    old = report_button((await bot.send(Text(SCAM)))[0])
    new = report_button((await bot.send(Text("另一条消息：你的快递丢了")))[0])
    assert templates(await bot.press(old)) == ["report.gone_toast", "report.gone"]
    bot.now += timedelta(minutes=11)
    assert templates(await bot.press(new)) == ["report.gone_toast", "report.gone"]
    assert bot.tables.reports == {}
    assert templates(await bot.press("rp:x")) == ["toast.expired"]  # forged data


async def test_mydata_shows_the_reports_and_forget_deletes_them_not_others() -> None:
    bot = with_desk()
    for uid in (ME, 43):
        await bot.press(report_button((await bot.send(Text(SCAM), uid))[0]), uid)
    (doc,) = [r for r in await bot.command("/mydata") if isinstance(r, Document)]
    export = json.loads(doc.content)
    assert [r["reporter"] for r in export["tables"]["reports"]] == [
        bot.service.desk.reporter(ME)]  # type: ignore[union-attr]
    await bot.press(cb.ForgetConfirm())
    assert [r.reporter for r in bot.tables.reports.values()] == [
        bot.service.desk.reporter(43)]  # type: ignore[union-attr]


async def test_reports_command_is_for_admins_and_lists_clusters() -> None:
    bot = with_desk()
    for uid in range(100, 104):
        text = f"您的ETC已失效，请登录 https://etc-gov.top/u 更新，否则停用 {uid}"
        await bot.press(report_button((await bot.send(Text(text), uid))[0]), uid)
    assert templates(await bot.command("/reports")) == ["admin.refused"]
    (msg,) = await bot.command("/reports", user_id=7)
    assert isinstance(msg, Message) and msg.template == "reports.clusters"
    (cluster,) = msg.ctx["clusters"]
    assert cluster["size"] == 4 and cluster["new"] and cluster["domains"] == {"etc-gov.top": 4}
