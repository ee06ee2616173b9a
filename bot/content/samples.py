"""Scam-or-genuine items: the fixed answers and the question text that shows the message."""

from __future__ import annotations

from typing import Any

from bot.core.content import CHANNELS, RESPONSES, SCAM_OR_GENUINE

# The three answers every scam-or-genuine item offers, in RESPONSES order (zh-Hant is derived).
ANSWERS = {
    "scam": {"zh": "诈骗", "en": "Scam"},
    "genuine": {"zh": "正常", "en": "Genuine"},
    "unsure": {"zh": "拿不准", "en": "Not sure"},
}
CHANNEL_LABELS = {
    "sms": {"zh": "短信", "en": "SMS"},
    "chat": {"zh": "聊天消息", "en": "Chat message"},
    "call": {"zh": "来电", "en": "Phone call"},
    "email": {"zh": "邮件", "en": "Email"},
}
SENDER = {"zh": "{label}｜{sender}", "en": "{label} | {sender}"}
PROMPT = {"zh": "这条消息是诈骗还是正常？", "en": "Scam or genuine?"}


def options(verdict: str) -> list[dict[str, Any]]:
    """The three fixed answers, the verdict marked correct."""
    return [{"text": ANSWERS[r], "correct": r == verdict} for r in RESPONSES]


def question_text(channel: str, sender: dict[str, str], text: dict[str, str],
                  prompt: dict[str, str] | None) -> dict[str, str]:
    """The question as shown: channel and sender, the message, then the prompt."""
    label = CHANNEL_LABELS.get(channel, {"zh": channel, "en": channel})
    out = {}
    for lang in ("zh", "en"):
        head = SENDER[lang].format(label=label[lang], sender=sender.get(lang) or sender["zh"])
        ask = (prompt or PROMPT).get(lang) or PROMPT[lang]
        body = text.get(lang) or text["zh"]
        out[lang] = f"{head}\n{body.strip()}\n\n{ask}"
    return out


def expand(d: dict[str, Any]) -> dict[str, Any]:
    """A scam-or-genuine item's stored fields turned into question and options."""
    if d.get("kind") != SCAM_OR_GENUINE:
        return d
    msg = d["message"]
    if not isinstance(msg, dict) or msg.get("channel") not in CHANNELS:
        raise ValueError(f"message needs a channel in {CHANNELS}: {msg!r}")
    if d.get("verdict") not in RESPONSES[:2]:
        raise ValueError(f"verdict must be scam or genuine, got {d.get('verdict')!r}")
    return {
        **d,
        "question": question_text(msg["channel"], msg["sender"], msg["text"], d.get("question")),
        "options": options(d["verdict"]),
    }
