"""A screenshot of a suspicious message, sent as a photo or a file, is read and checked."""

from __future__ import annotations

import io
import os
from collections.abc import AsyncIterator

import pytest
from PIL import Image

from tests.e2e.conftest import CHOSEN
from tests.e2e.harness import Harness, has, labels, running
from tests.ocr.test_ocr import screenshot

# Both adapters hand a picture to the same reader and OCR worker: make test reads pictures on one
# framework, FULL=1 on both.
SHOTS = CHOSEN if os.environ.get("FULL") else CHOSEN[:1]


@pytest.fixture(params=SHOTS, ids=SHOTS)
async def harness(request: pytest.FixtureRequest, db_url: str) -> AsyncIterator[Harness]:
    """A running bot on the framework(s) chosen for pictures."""
    async with running(request.param, db_url) as h:
        yield h


async def test_a_screenshot_gets_the_same_verdict_as_pasted_text(harness: Harness) -> None:
    user = harness.emu.user(821, first_name="小周", language_code="zh-hans")
    sms = ["【市公安局】你的身份证涉嫌洗钱，", "请将资金转入安全账户配合调查。"]
    await user.send_photo(screenshot(sms))
    verdict = await user.wait_for_bot(has("诈骗"), timeout=120)
    assert "冒充公检法" in verdict["text"] and "“安全账户”" in verdict["text"]
    assert labels(verdict) == ["了解这种骗局", "做一轮相关测验", "📣 匿名提交到反诈库"]
    await user.press_button(verdict["message_id"], "📣 匿名提交到反诈库")  # the OCR text, stored
    await user.wait_for_bot(has("已匿名提交"))
    await harness.emu.wait_idle()
    ((source, kind, text),) = await harness.rows("select source, kind, text from reports")
    assert (source, kind) == ("photo", "scam") and "安全账户" in text
    await user.send_photo(screenshot(["兼职刷单，日赚500，", "先垫付后返佣金"]), as_file=True,
                          caption="这个靠谱吗")
    second = await user.wait_for_bot(has("刷单返利"), timeout=120)
    assert "“刷单”" in second["text"]
    assert [m for m, _ in harness.emu.requests].count("getFile") == 2


async def test_a_picture_without_text_or_a_broken_file_asks_for_the_text(
        harness: Harness) -> None:
    user = harness.emu.user(822, first_name="Lee", language_code="en")
    blank = io.BytesIO()
    Image.new("RGB", (320, 240), "white").save(blank, "PNG")
    await user.send_photo(blank.getvalue())
    await user.wait_for_bot(has("couldn't read any text"), timeout=120)
    await user.send_photo(b"GIF89a-but-not-really", as_file=True, mime_type="image/gif")
    await user.wait_for_bot(lambda m: sum("couldn't read any text" in b["text"]
                                          for b in user.bot_messages()) == 2, timeout=120)
    assert "Reading the text" in user.bot_messages()[0]["text"]  # said first, off the path
    assert await harness.rows("select count(*) from users where id=822") == [(1,)]


@pytest.mark.heavy  # a dense picture keeps the worker busy for seconds
async def test_while_a_picture_is_read_another_users_start_is_answered(
        harness: Harness) -> None:
    reader = harness.emu.user(823, first_name="小王", language_code="zh-hans")
    other = harness.emu.user(824, first_name="小李", language_code="zh-hans")
    dense = ["【市公安局】你的身份证涉嫌洗钱，请将资金转入安全账户配合调查。"] * 14
    await reader.send_photo(screenshot(dense), as_file=True)
    await reader.wait_for_bot(has("正在识别"), timeout=120)
    await other.send("/start")
    welcome = await other.wait_for_bot(has("反诈"), timeout=120)
    verdict = await reader.wait_for_bot(has("诈骗"), timeout=120)
    # The /start was handled while OCR ran: it is answered before the picture's verdict.
    assert welcome["message_id"] and "冒充公检法" in verdict["text"]
    assert welcome["date"] <= verdict["date"]
    assert [m for m in other.bot_messages() if "正在识别" in m["text"]] == []


async def test_a_qr_code_in_a_screenshot_is_evidence(harness: Harness) -> None:
    import segno

    user = harness.emu.user(825, first_name="Amy", language_code="en")
    canvas = Image.open(io.BytesIO(screenshot(["Scan to pay your ETC toll"]))).convert("RGB")
    page = Image.new("RGB", (720, 700), "white")
    page.paste(canvas, (0, 0))
    code = io.BytesIO()
    segno.make("http://etc-renzheng.top/pay").save(code, kind="png", scale=6, border=4)
    page.paste(Image.open(io.BytesIO(code.getvalue())).convert("RGB"), (200, 200))
    out = io.BytesIO()
    page.save(out, "PNG")
    await user.send_photo(out.getvalue())
    verdict = await user.wait_for_bot(has("scam"), timeout=120)
    assert "etc-renzheng.top/pay" in verdict["text"]  # the QR code's link, quoted
    assert "local police" in verdict["text"]


@pytest.mark.heavy  # two dense pictures
async def test_one_picture_at_a_time_per_user(harness: Harness) -> None:
    user = harness.emu.user(826, first_name="小赵", language_code="zh-hans")
    dense = screenshot(["兼职刷单，日赚500，先垫付后返佣金，加QQ领任务。"] * 14)
    await user.send_photo(dense, as_file=True)
    await user.wait_for_bot(has("正在识别"), timeout=120)
    await user.send_photo(dense)  # while the first is being read (tesseract takes seconds)
    busy = await user.wait_for_bot(has("还在识别"), timeout=120)
    verdict = await user.wait_for_bot(has("刷单"), timeout=120)
    assert busy["message_id"] < verdict["message_id"]
    assert sum("刷单返利" in m["text"] for m in user.bot_messages()) == 1  # one verdict
