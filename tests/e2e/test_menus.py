"""Command menus on both frameworks: Chinese for zh (Simplified and Traditional users alike:
Telegram keys menus by two-letter codes), English for en, Chinese by default; group admins
also get /contest and /stopcontest."""

from __future__ import annotations

from tests.e2e.harness import Harness

ADMINS = {"type": "all_chat_administrators"}


async def test_menus_per_language_and_for_group_admins(harness: Harness) -> None:
    emu = harness.emu
    zh, en, default = emu.commands("zh"), emu.commands("en"), emu.commands("")
    names = [c["command"] for c in zh]
    assert names == [c["command"] for c in en] and "certificate" in names
    assert zh == default
    assert dict((c["command"], c["description"]) for c in zh)["certificate"] == "领取反诈证书"
    assert dict((c["command"], c["description"]) for c in en)["quiz"].startswith("Take a round")
    admin_zh, admin_en = emu.commands("zh", ADMINS), emu.commands("en", ADMINS)
    assert [c["command"] for c in admin_zh][:2] == ["contest", "stopcontest"]
    assert admin_en[1]["description"] == "End this group's contest"
    assert emu.commands("", ADMINS) == admin_zh
