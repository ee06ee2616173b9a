"""Opt-in reports on two workers that share nothing but the database and the bot's token (each
with its own data folder, as on two hosts, and no REPORTS_HASH_KEY): a report made through one
is found and deleted through the other, and a button pressed on the worker that did not check
the message never stores another message in its place."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from tests.e2e.harness import buttons, has, labels
from tests.workers.conftest import Fleet, fleet

BUTTON = "📣 匿名提交到反诈库"
SMS_A = "【ETC】您的ETC已失效，请在 https://etc-renew.top/login 更新，联系电话 13912345678"
SMS_B = "你好，我是公安局的，你的身份证涉嫌洗钱，请把钱转到安全账户 6222021234567890128"


async def reports(f: Fleet) -> list[str]:
    async with f.engine.connect() as conn:
        return list((await conn.execute(text("select text from reports"))).scalars())


async def test_a_report_made_on_one_host_is_found_and_forgotten_on_the_other(
        db_url: str, tmp_path: Path) -> None:
    def host(i: int) -> dict[str, object]:
        return {"reports_hash_key_path": tmp_path / f"host{i}" / "reports-hash.key"}

    async with fleet(db_url, 2, per_worker=host) as f:
        user = f.emu.user(931, first_name="王阿姨", language_code="zh-hans")
        # The proxy alternates: A is checked on worker 0, B on worker 1, each press on the other.
        await user.send(SMS_A)
        va = await user.wait_for_bot(lambda m: BUTTON in labels(m) and "etc-renew" in m["text"])
        await user.send(SMS_B)
        vb = await user.wait_for_bot(lambda m: BUTTON in labels(m) and m is not va
                                     and m["message_id"] > va["message_id"])
        last = vb["message_id"]
        for verdict in (vb, va):
            await user.press_button(verdict["message_id"], BUTTON)
            reply = await user.wait_for_bot(since=last)
            last = reply["message_id"]
            assert "请重新发送" in reply["text"], reply["text"]
        assert await reports(f) == []  # never the other worker's waiting message

        await user.send(SMS_A)  # worker 0
        again = await user.wait_for_bot(lambda m: BUTTON in labels(m)
                                        and m["message_id"] > vb["message_id"])
        await user.send("/help")  # worker 1, so the press lands on worker 0 again
        await user.wait_for_bot(lambda m: m["message_id"] > again["message_id"])
        await user.press_button(again["message_id"], BUTTON)  # worker 0
        await user.wait_for_bot(has("已匿名提交"))
        (stored,) = await reports(f)
        assert "etc-renew.top" in stored and "13912345678" not in stored

        await user.send("/mydata")  # worker 1: the same reporter hash without a shared file
        doc = await user.wait_for_bot(lambda m: m["document"] is not None)
        export = json.loads(f.emu.file(doc["document"]["file_id"]).content)
        assert [r["text"] for r in export["tables"]["reports"]] == [stored]
        await user.send("/forget")  # worker 0
        ask = await user.wait_for_bot(has("删除你的全部数据"))
        await user.press(ask["message_id"], buttons(ask)[0]["callback_data"])  # worker 1
        await user.wait_for_bot(has("已删除"))
        assert await reports(f) == []
    assert not any((tmp_path / f"host{i}").exists() for i in range(2))  # no key file written
