"""/mydata through the real bot: the contests a user started are in the export, and a second
export within the cooldown gets a message instead of another read of every table."""

from __future__ import annotations

import json

from tests.e2e.harness import Harness, has

ME = 7780001


async def test_mydata_exports_contests_started_and_has_a_cooldown(harness: Harness) -> None:
    me = harness.emu.user(ME, first_name="群主", language_code="zh-hans")
    group = harness.emu.group(-1007780000001, "导出群")
    group.make_admin(me)
    await group.send(me, "/contest 1 5")
    await group.wait_for_bot()  # the contest is announced
    assert await harness.rows("select started_by from contests") == [(ME,)]
    await me.send("/mydata")
    sent = await me.wait_for_bot(lambda m: m["document"] is not None)
    export = json.loads(harness.emu.file(sent["document"]["file_id"]).content)
    [contest] = export["tables"]["contests_started"]
    assert contest["started_by"] == ME and contest["chat_id"] == -1007780000001
    await me.send("/mydata")
    wait = await me.wait_for_bot(has("分钟后再试"))
    assert "10" in wait["text"]
    await harness.emu.wait_idle()
    assert len([m for m in me.bot_messages() if m["document"] is not None]) == 1
    assert len(harness.emu.calls("sendDocument")) == 1
