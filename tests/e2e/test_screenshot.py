"""A screenshot of a suspicious message, sent as a photo or a file, is read and checked."""

from __future__ import annotations

import io

from PIL import Image

from tests.e2e.harness import Harness, has, labels
from tests.ocr.test_ocr import screenshot


async def test_a_screenshot_gets_the_same_verdict_as_pasted_text(harness: Harness) -> None:
    user = harness.emu.user(821, first_name="小周", language_code="zh-hans")
    sms = ["【市公安局】你的身份证涉嫌洗钱，", "请将资金转入安全账户配合调查。"]
    await user.send_photo(screenshot(sms))
    verdict = await user.wait_for_bot(has("诈骗"), timeout=60)
    assert "冒充公检法" in verdict["text"] and "“安全账户”" in verdict["text"]
    assert labels(verdict) == ["了解这种骗局", "做一轮相关测验"]
    await user.send_photo(screenshot(["兼职刷单，日赚500，", "先垫付后返佣金"]), as_file=True,
                          caption="这个靠谱吗")
    second = await user.wait_for_bot(has("刷单返利"), timeout=60)
    assert "“刷单”" in second["text"]
    assert [m for m, _ in harness.emu.requests].count("getFile") == 2


async def test_a_picture_without_text_or_a_broken_file_asks_for_the_text(
        harness: Harness) -> None:
    user = harness.emu.user(822, first_name="Lee", language_code="en")
    blank = io.BytesIO()
    Image.new("RGB", (320, 240), "white").save(blank, "PNG")
    await user.send_photo(blank.getvalue())
    await user.wait_for_bot(has("couldn't read any text"), timeout=60)
    await user.send_photo(b"GIF89a-but-not-really", as_file=True, mime_type="image/gif")
    await user.wait_for_bot(lambda m: len(user.bot_messages()) == 2, timeout=60)
    assert "couldn't read any text" in user.bot_messages()[-1]["text"]
    assert await harness.rows("select count(*) from users where id=822") == [(1,)]
