"""What to do now, fitted to how the message came (SMS, call, chat, email, screenshot) and to who
the user said they are: a retiree is never handed a finance department's rules."""

from __future__ import annotations

import re
from collections.abc import Sequence

CHANNELS = ("sms", "call", "chat", "email", "screenshot", "unknown")
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"邮件|邮箱|e-?mail|subject:|dear (customer|user|sir)|inbox", re.I)),
    ("call", re.compile(r"来电|打电话|电话里|接到.{0,6}电话|电话说|挂断|called me|on the phone"
                        r"|phone call|got a call|calling|voicemail", re.I)),
    ("sms", re.compile(r"^\s*【[^】]{1,12}】|短信|回t退订|退订回t|text message|\bsms\b"
                       r"|https?://|\b[a-z0-9-]+\.(top|xyz|vip|icu|cc|com|cn|net)\b", re.I)),
    ("chat", re.compile(r"微信|qq|群里|私聊|加我|whatsapp|telegram|line|聊天|网恋|dating app"
                        r"|messenger|dm", re.I)),
)
# Steps only for staff who move company money; others get them never.
STAFF_ONLY = ("财务", "会计", "出纳", "对公", "Finance staff", "finance staff", "accounts team")
STAFF_AUDIENCES = ("finance", "merchant")


def channel_of(text: str, picture: bool = False) -> str:
    """How the message most likely reached the user."""
    if picture:
        return "screenshot"
    for name, cue in _CUES:
        if cue.search(text):
            return name
    return "unknown"


def fit_steps(steps: Sequence[str], audience: str | None) -> list[str]:
    """The content's steps, without staff-only rules for anyone who isn't staff."""
    if audience in STAFF_AUDIENCES:
        return list(steps)
    return [s for s in steps if not any(word in s for word in STAFF_ONLY)]


def channel_advice(channel: str, audience: str | None) -> tuple[str, ...]:
    """Template keys of what to do now: the channel's own step, then the audience's."""
    keys = [f"advice.{channel if channel in CHANNELS else 'unknown'}"]
    if audience in ("elderly", "living_alone"):
        keys.append("advice.family")
    elif audience in STAFF_AUDIENCES:
        keys.append("advice.staff")
    elif audience == "student":
        keys.append("advice.student")
    return tuple(keys)
