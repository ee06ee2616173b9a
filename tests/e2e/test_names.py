"""/name through the real bot: impersonating or advertising names get a clear refusal and are
never stored, so /top cannot show them as links."""

from __future__ import annotations

from tests.e2e.harness import Harness, has


async def test_impersonating_names_are_refused(harness: Harness) -> None:
    user = harness.emu.user(9901, first_name="名", language_code="zh-hans")
    for name, why in (("96110官方客服", "5 位以上的数字"), ("@scam_help", "@ 用户名"),
                      ("t.me/x", "链接"), ("公安局客服", "官方")):
        await user.send(f"/name {name}")
        await user.wait_for_bot(has(why))
        assert await harness.rows("select display_name from users where id=9901") == [(None,)]
    english = harness.emu.user(9902, first_name="N", language_code="en")
    await english.send("/name Official Support")
    await english.wait_for_bot(has("must not look official"))
    await user.send("/name 王阿姨")
    await user.wait_for_bot(has("显示名已设为"))
    assert await harness.rows("select display_name from users where id=9901") == [("王阿姨",)]
