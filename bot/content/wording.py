"""Wording rules for Chinese text: full-width punctuation, and who a question speaks to."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from bot.content.validate_base import Problem
from bot.core.content import Bank, Question

HALF_TO_FULL = {",": "，", "?": "？", ":": "：", ";": "；", "!": "！", "(": "（", ")": "）"}
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d]")
# URLs, domains and e-mail addresses keep their ASCII punctuation.
_ASCII_RUN = re.compile(
    r"[a-z][\w+.-]*://\S+|[\w.+-]+@[\w.-]+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.I | re.ASCII
)
# Questions that cast the reader as someone's child or as a student are not for older users.
_ELDERS = r"父母|母亲|父亲|妈妈|爸爸|爷爷|奶奶|外公|外婆|姥姥|姥爷"
_NOT_FOR_ELDERLY = re.compile(
    rf"你(?:的)?(?:\d+岁的)?(?:{_ELDERS})|帮(?:{_ELDERS})|子女想帮|家里(?:的)?(?:一位)?(?:老人|长辈)"
    r"|你是(?:一名)?(?:大学生|大一|学生|新生)|你在国外留学|大学毕业离校前|学长找到你"
)


def _masked(text: str) -> str:
    return _ASCII_RUN.sub(lambda m: " " * len(m.group(0)), text)


def _touches_cjk(text: str, i: int) -> bool:
    before, after = text[:i].rstrip()[-1:], text[i + 1 :].lstrip()[:1]
    return bool(_CJK.match(before) or _CJK.match(after))


def _one_pass(text: str) -> str:
    masked = _masked(text)
    return "".join(HALF_TO_FULL[ch] if ch in HALF_TO_FULL and _touches_cjk(masked, i) else text[i]
                   for i, ch in enumerate(masked))


def to_full_width(text: str) -> str:
    """Half-width punctuation next to Chinese (or next to punctuation just made full-width)
    made full-width; the length never changes, so positions in the text stay valid."""
    while (fixed := _one_pass(text)) != text:
        text = fixed
    return text


def half_width(text: str) -> list[str]:
    """Half-width punctuation that belongs full-width, each with a little context."""
    fixed = to_full_width(text)
    return [text[max(0, i - 4) : i + 5] for i, (a, b) in enumerate(zip(text, fixed, strict=True))
            if a != b]


def _zh(value: Any) -> Iterator[str]:
    """Every Simplified Chinese string in a localized value (text or list)."""
    if isinstance(value, Mapping):
        zh = value.get("zh-Hans")
        if isinstance(zh, str):
            yield zh
        elif isinstance(zh, tuple):
            yield from zh


def _item_texts(item: object) -> Iterator[str]:
    for name in ("name", "summary", "script", "red_flags", "what_to_do", "title", "who",
                 "what_happened", "what_stopped_it", "lesson", "text", "question",
                 "explanation", "detail", "cue"):
        yield from _zh(getattr(item, name, None))
    for option in getattr(item, "options", ()):
        yield from _zh(option.text)
    message = getattr(item, "message", None)
    if message is not None:
        yield from _zh(message.text)
        yield from _zh(message.sender)


def punctuation(bank: Bank) -> Iterator[Problem]:
    """Chinese text uses full-width ，？：；！（）; source articles and quotes stay verbatim."""
    groups: list[tuple[str, Mapping[str, Any]]] = [
        ("techniques.yaml", bank.techniques), ("scam_types.yaml", bank.scam_types),
        ("cases.yaml", bank.cases), ("tips.yaml", bank.tips), ("figures.yaml", bank.figures),
        ("questions", bank.questions),
    ]
    for file, items in groups:
        for item in items.values():
            for text in _item_texts(item):
                bad = half_width(text)
                if bad:
                    yield Problem(file, item.id, f"half-width punctuation in Chinese: {bad[0]!r}")


def audience(q: Question) -> Iterator[Problem]:
    """A question that casts the reader as a child or student is never served to older users."""
    m = _NOT_FOR_ELDERLY.search(q.question.get("zh-Hans", ""))
    if m and ("elderly" not in q.not_for or "elderly" in q.audiences):
        yield Problem(f"questions/{q.scam_type}.yaml", q.id,
                      f"speaks to a younger reader ({m.group(0)!r}): add not_for: [elderly]")
