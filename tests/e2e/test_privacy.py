"""/mydata sends everything stored about a user as JSON; /forget deletes all of it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import insert

from bot.storage.tables import Delivery
from tests.e2e.harness import Harness, all_rows, answer_current, buttons, has

ME, OTHER = 7770001, 7770002  # ids no timestamp or count could contain by chance


async def play_round(h: Harness, user_id: int) -> None:
    """Start, subscribe and answer a whole round, so every kind of row exists."""
    user = h.emu.user(user_id, first_name="隐私")
    await user.send("/quiz")
    msg = await user.wait_for_bot(has("第 1/5 题"))
    for i in range(5):
        fb = await answer_current(user, msg)
        await user.press(fb["message_id"], buttons(fb)[0]["callback_data"])
        if i < 4:
            msg = await user.wait_for_bot(has(f"第 {i + 2}/5 题"))
    await user.wait_for_bot(has("本轮结束"))
    await user.send("/subscribe 19:30")
    await user.wait_for_bot(has("19:30"))
    assert h.container is not None
    async with h.container.engine.begin() as conn:
        await conn.execute(insert(Delivery.__table__), [{  # type: ignore[attr-defined]
            "job_kind": "reminder", "job_key": f"r{user_id}", "user_id": user_id,
            "chat_id": user_id, "status": "sent", "created_at": datetime.now(UTC)}])


async def rows_mentioning(h: Harness, user_id: int) -> dict[str, int]:
    """Per table, how many rows hold the id in any column (as a number or inside text)."""
    found = {}
    for table, rows in (await all_rows(h)).items():
        n = sum(any(v == user_id or str(user_id) in str(v) for v in row) for row in rows)
        if n:
            found[table] = n
    return found


async def test_mydata_then_forget_leaves_nothing(harness: Harness) -> None:
    for uid in (ME, OTHER):
        await play_round(harness, uid)
    before = await rows_mentioning(harness, ME)
    assert {"users", "rounds", "answers", "question_progress", "weekly_points",
            "subscriptions", "deliveries"} <= set(before)

    me = harness.emu.user(ME)
    await me.send("/mydata")
    sent = await me.wait_for_bot(lambda m: m["document"] is not None)
    assert sent["document"]["file_name"] == f"mydata-{ME}.json"
    assert "JSON" in sent["text"]
    export = json.loads(harness.emu.file(sent["document"]["file_id"]).content)
    assert export["user_id"] == ME
    exported = {t: len(rows) for t, rows in export["tables"].items() if rows}
    assert {t: exported.get(t, 0) for t in before} == before  # every row, nobody else's
    assert all(r["user_id"] == ME for r in export["tables"]["answers"])

    await me.send("/forget")
    ask = await me.wait_for_bot(has("删除你的全部数据"))
    assert await rows_mentioning(harness, ME) == before  # nothing happens until confirmed
    await me.press(ask["message_id"], buttons(ask)[0]["callback_data"])
    await me.wait_for_bot(has("已删除关于你的全部数据"))
    await harness.emu.wait_idle()
    assert await rows_mentioning(harness, ME) == {}
    assert set(await rows_mentioning(harness, OTHER)) == set(before)


async def test_forget_can_be_cancelled(harness: Harness) -> None:
    me = harness.emu.user(ME)
    await me.send("/start")
    await me.wait_for_bot(has("欢迎"))
    await me.send("/forget")
    ask = await me.wait_for_bot(has("删除你的全部数据"))
    await me.press(ask["message_id"], buttons(ask)[1]["callback_data"])
    await me.wait_for_bot(has("数据未删除"))
    assert await harness.rows("select count(*) from users where id=:u", u=ME) == [(1,)]
