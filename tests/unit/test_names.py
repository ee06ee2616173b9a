"""Leaderboard names that impersonate staff or advertise are refused (issue 17, finding 9)."""

from __future__ import annotations

import pytest

from bot.core.names import name_problem


@pytest.mark.parametrize(("name", "problem"), [
    ("96110官方客服", "number"), ("@scam_help", "mention"), ("找我 ＠scam", "mention"),
    ("t.me/x", "link"), ("ｔ．ｍｅ/x", "link"), ("T.ME/joinchat", "link"),
    ("https://x.cn", "link"), ("www.example.net", "link"), ("pay-help.com", "link"),
    ("领奖 fake。cn", "link"), ("13812345678", "number"), ("138 1234 5678", "number"),
    ("9-6-1-1-0", "number"), ("⁹⁶¹¹⁰", "number"), ("卡号62220212", "number"),
    ("官方客服", "official"), ("公安局王警官", "official"), ("警察叔叔", "official"),
    ("反诈中心", "official"), ("反詐中心", "official"), ("國家反詐中心", "official"),
    ("客服小美", "official"), ("網警", "official"), ("银行客服", "official"),
    ("報警110", "official"), ("110", "official"), ("Admin", "official"),
    ("adminhelp", "official"), ("Official Support", "official"), ("TeamSupport", "official"),
    ("Police Dept", "official"), ("ＡＤＭＩＮ", "official"), ("Anti-fraud centre", "official"),
    ("AntiFraud Centre", "official"), ("Telegram Team", "official"),
])
def test_refused(name: str, problem: str | None) -> None:
    assert name_problem(name) == problem


@pytest.mark.parametrize("name", [
    "王阿姨", "小明2024", "Alice", "李 老师", "badminton fan", "Mr. Wang", "Dr.Li", "🐼熊猫",
    "張阿嬤", "小红 No.1", "Anna-Maria", "陈警惕",
])
def test_ordinary_names_pass(name: str) -> None:
    assert name_problem(name) is None
