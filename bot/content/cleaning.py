"""Turn raw web text about fraud into clean Simplified Chinese paragraphs."""

from __future__ import annotations

import html
import re
from functools import lru_cache

GARBLED = "〔乱码〕"

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń"
_PINYIN = rf"[a-z{_TONED}]{{1,7}}"
# "國(guó)": a CJK character annotated with its toned pinyin in brackets.
_ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff])[(（]{_PINYIN}[)）]")
# "日?qǐng)": a character lost to '?' with its annotation's remains.
_LOST = re.compile(rf"\?(?:{_PINYIN}\)[a-z]*|[!！])?")
_MARK = "\x00"
_RUN = re.compile(rf"{_MARK}[^\s，。,；;、“”‘’]{{0,8}}?{_MARK}")
_TAG = re.compile(r"<[^>]{0,500}>")
_DATE_TAIL = re.compile(r"\d{4}-\d{2}-\d{2}\s*$")
_NAV = re.compile(
    r"(我的位置|欢迎访问|首页|字号|责任编辑|上一篇|下一篇|扫一扫|分享到|版权所有|相关新闻|热点推荐)"
)
_SPAM = re.compile(r"(无码|精品|福利|激情|色情|乱h|一区二区|字幕|熟女)")
_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified (a no-op on Simplified text)."""
    return str(_t2s().convert(text))


def strip_markup(text: str) -> str:
    """Remove HTML tags and entities."""
    return html.unescape(_TAG.sub(" ", text))


def strip_annotations(text: str) -> str:
    """Remove pinyin annotations and mark characters the page garbled."""
    text = _ANNOTATION.sub("", text)
    text = _LOST.sub(_MARK, text)
    text = _RUN.sub(_MARK, text)
    return re.sub(f"{_MARK}+", GARBLED, text)


def is_junk_line(line: str) -> bool:
    """Say whether a line is navigation, a link list or spam rather than article text."""
    cjk = len(_CJK.findall(line))
    if cjk == 0:
        return True
    if len(_SPAM.findall(line)) >= 2:
        return True
    if line.count("_") >= 3 or line.startswith("- "):
        return True
    if _DATE_TAIL.search(line) and len(line) < 80:
        return True
    if line.endswith(("...", "…")) and len(line) < 120:
        return True
    return bool(_NAV.search(line)) and len(line) < 60


def clean_lines(raw: str) -> list[str]:
    """Clean raw article text into paragraphs, dropping junk lines."""
    text = strip_annotations(strip_markup(raw))
    text = to_simplified(text.replace("\u3000", " "))
    out: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"\s+", " ", line).strip()
        line = re.sub(r"^\d+\.\s+", "", line)
        if line and not is_junk_line(line):
            out.append(line)
    return out
