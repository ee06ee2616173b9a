"""Advice fits the channel the message came by and who the user is."""

from __future__ import annotations

import pytest

from bot.core.scamcheck.advice import channel_advice, channel_of, fit_steps

BOSS_STEPS = ["涉及钱款的不管是什么理由,一定要打电话或当面核实。",
              "财务人员严格执行转账审批制度,不因“领导着急”跳过流程。",
              "Finance staff: follow the payment approval process every time."]


@pytest.mark.parametrize(("text", "channel"), [
    ("【交管12123】您有违章未处理，请登录 12123-jtgl.com 缴纳", "sms"),
    ("Got a call saying my SSN was suspended", "call"),
    ("他在微信上说是我领导，让我转账", "chat"),
    ("Dear customer, your mailbox is full. Subject: verify", "email"),
])
def test_the_channel_is_read_from_the_message(text: str, channel: str) -> None:
    assert channel_of(text) == channel
    assert channel_of(text, picture=True) == "screenshot"


def test_a_retiree_never_gets_finance_staff_rules() -> None:
    assert fit_steps(BOSS_STEPS, "elderly") == BOSS_STEPS[:1]
    assert fit_steps(BOSS_STEPS, "finance") == BOSS_STEPS
    assert channel_advice("sms", "elderly") == ("advice.sms", "advice.family")
    assert "advice.staff" not in channel_advice("call", "elderly")
