"""The mastery certificate on both frameworks: a photo (sendPhoto upload) for a user who has
mastered every scam type, and what is still missing for one who hasn't."""

from __future__ import annotations

from sqlalchemy import text

from bot.content.loader import load_bank
from tests.e2e.harness import ROOT, Harness, has

BANK = load_bank(ROOT / "content").published()


async def master(h: Harness, user_id: int, topics: list[str]) -> None:
    """Seed progress rows: the latest answer to every question of these topics was right."""
    assert h.container is not None
    rows = [{"u": user_id, "q": q.id} for q in BANK.questions.values() if q.scam_type in topics]
    async with h.container.engine.begin() as conn:
        await conn.execute(text(
            "insert into question_progress (user_id, question_id, seen, correct, last_correct,"
            " state) values (:u, :q, 1, 1, true, 2)"), rows)


async def test_certificate_for_a_master(harness: Harness) -> None:
    user = harness.emu.user(851, first_name="王阿姨", language_code="zh-hans")
    await user.send("/start")
    await user.wait_for_bot(has("欢迎"))
    await user.send("/name 王秀英")
    await user.wait_for_bot(has("显示名已设为"))
    await master(harness, 851, list(BANK.scam_types))
    await user.send("/certificate")
    photo = await user.wait_for_bot(lambda m: m["photo"] is not None)
    assert "恭喜" in photo["text"] and f"{len(BANK.scam_types)} 类" in photo["text"]
    biggest = photo["photo"][-1]
    assert (biggest["width"], biggest["height"]) == (1754, 1240)
    assert harness.emu.file(biggest["file_id"]).content.startswith(b"\x89PNG")
    assert [m for m, _ in harness.emu.requests].count("sendPhoto") == 1


async def test_certificate_refused_with_what_is_missing(harness: Harness) -> None:
    user = harness.emu.user(852, first_name="Amy", language_code="en")
    await user.send("/start")
    await user.wait_for_bot(has("welcome"))
    await master(harness, 852, ["order_brushing"])
    await user.send("/certificate")
    reply = await user.wait_for_bot(has("still to go"))
    assert f"1/{len(BANK.scam_types)}" in reply["text"]
    assert "Order-brushing" not in reply["text"]
    assert BANK.scam_types["fake_loan"].name["en"] in reply["text"]
    assert reply["reply_markup"]["inline_keyboard"][0][0]["text"].startswith("Practise")
    assert harness.emu.calls("sendPhoto") == []
