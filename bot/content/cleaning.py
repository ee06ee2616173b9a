"""Turn raw web text about fraud into clean Simplified Chinese paragraphs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

GARBLED = "〔乱码〕"

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PLAIN = "aaaaeeeeiiiioooouuuuvvvvvnnnm"
_DETONE = str.maketrans(_TONED, _PLAIN)
_PINYIN = rf"[a-z{_TONED}]{{1,7}}"
# One pinyin syllable (tone marks removed, ü written v): what a reading annotation holds.
_SYLLABLE = re.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|ing|iong|iu|o|ong|ou"
    r"|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve|van|vn|n|ng|m)"
)
# "國(guó)": a CJK character annotated with its reading in brackets.
_ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff])[(（]({_PINYIN})[)）]")
# A reading left after a character that is not Chinese: the character was garbled.
_ORPHAN = re.compile(rf"[(（]{_PINYIN}[)）]")
# "日?qǐng)": a character lost to '?' with its annotation's remains, or "?!" for lost "。”".
_LOST = re.compile(rf"\?(?:{_PINYIN}\)[a-z]*|[!！])")
# Question words, Simplified and Traditional: annotations are removed before conversion.
_QUESTION = re.compile(r"(吗|嗎|呢|么|麼|为何|為何|如何|哪|谁|誰|几|幾|多少|是否|难道|難道"
                       r"|可否|是不是)")
_UNREADABLE = re.compile(r"[\ue000-\uf8ff\ufffd]")
_MARK = "\x00"
_RUN = re.compile(rf"{_MARK}[^\s，。,；;、“”‘’]{{0,8}}?{_MARK}")
# Bytes read out of step: CJK ending on a stray ASCII trail byte ("鄭u", "蠀^(qū)").
_SKEW = re.compile(rf"{_MARK}[^\s，。,；;：:“”‘’{_MARK}]{{0,12}}?[\u3400-\u9fff]"
                   rf"[@-~](?![A-Za-z0-9])(?:{_ORPHAN.pattern})?")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_DATE_TAIL = re.compile(r"\d{4}-\d{2}-\d{2}\s*$")
_NAV = re.compile(
    r"(我的位置|当前位置|您的位置|欢迎访问|首页|字号|责任编辑|责编|上一篇|下一篇|扫一扫|分享到"
    r"|版权所有|版权声明|相关新闻|相关阅读|推荐阅读|延伸阅读|热点推荐|猜你喜欢|最近更新|关键词"
    r"|发表评论|评论一下|最新评论|最热评论|条评论|网友评论|验证码|抢沙发|报料|打印本页|关闭窗口"
    r"|返回顶部)"
)
_CRUMB = re.compile(r"[>»›]")
_CAPTION = re.compile(r"^[(（【\[][^()（）【】\[\]]{1,40}[)）】\]]$")
_SPAM = re.compile(r"(无码|精品|福利|激情|色情|乱h|一区二区|字幕|熟女|国产|久久|啪啪|成人|亚洲)")
_CJK = re.compile(r"[\u3400-\u9fff]")


# The most frequent characters of Chinese text: text decoded with the wrong codec has few of them.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
    "说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机"
    "当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心"
)
_CODECS = ("gb18030", "big5")


def decode_article(data: bytes) -> str:
    """Bytes of a web page as text: UTF-8, else GB18030 or Big5, whichever reads as Chinese."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass

    def readable(text: str) -> int:
        sample = to_simplified(text[:4000])
        return sum(ch in _COMMON for ch in sample) - 5 * sample.count("\ufffd")

    texts = [data.decode(codec, errors="replace") for codec in _CODECS]
    return max(texts, key=readable)


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified (a no-op on Simplified text)."""
    return str(_t2s().convert(text))


def strip_markup(text: str) -> str:
    """Remove HTML with a real parser: scripts, styles and comments with their content, tags."""
    from bot.content.page import parse_page

    return parse_page(text).text


def _reading(match: re.Match[str]) -> str:
    """Drop an annotation only when it is a real pinyin syllable (keeps "(app)", "(qq)")."""
    syllable = match.group(1).translate(_DETONE).replace("ü", "v")
    return "" if _SYLLABLE.fullmatch(syllable) else match.group(0)


def _lost_char(match: re.Match[str]) -> str:
    """A '?' stands for a lost character unless it ends a real question."""
    text, end = match.string, match.start()
    clause = re.split(r"[，。,；;！!？?\n]", text[max(0, end - 30):end])[-1]
    if clause.endswith(("吗", "嗎", "呢", "么", "麼")):
        return "?"
    following = text[end + 1:end + 2]
    asked = _QUESTION.search(clause) and following in ("", " ", "\n", "”", "’", "」", "\"")
    return "?" if asked else _MARK


def strip_annotations(text: str) -> str:
    """Remove pinyin annotations and mark characters the page garbled."""
    text = _ANNOTATION.sub(_reading, text)
    text = _LOST.sub(_MARK, text)
    text = re.sub(r"\?", _lost_char, text)
    text = _UNREADABLE.sub(_MARK, text)
    text = _SKEW.sub(_MARK, text)
    merged = ""
    while merged != text:  # each pass joins neighbouring marks; a chain needs several
        merged, text = text, _RUN.sub(_MARK, text)
    return re.sub(f"{_MARK}+", GARBLED, text)


def is_junk_line(line: str) -> bool:
    """Say whether a line is navigation, a caption, a link list or spam, not article text."""
    cjk = len(_CJK.findall(line))
    if cjk == 0:
        return True
    if len(_SPAM.findall(line)) >= 2 and not re.search(r"[。！？]", line):
        return True
    if line.count("_") >= 3 or line.startswith("- "):
        return True
    if _DATE_TAIL.search(line) and len(line) < 80:
        return True
    if line.endswith(("...", "…")) and not line.endswith("……") and len(line) < 120:
        return True
    if len(_CRUMB.findall(line)) >= 2 and len(line) < 60:
        return True
    if _CAPTION.match(line):
        return True
    return bool(_NAV.search(line)) and len(line) < 60


def normalise_lines(raw: str) -> list[str]:
    """Raw text as Simplified, annotation-free, whitespace-normalised lines (none dropped)."""
    from bot.content.gbk import recover_gbk

    text = strip_annotations(recover_gbk(strip_markup(raw)))
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = to_simplified(text.replace("\u3000", " "))
    out: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"\s+", " ", line).strip()
        line = re.sub(r"^\d+\.\s+", "", line)
        if line:
            out.append(line)
    return out


def clean_lines(raw: str) -> list[str]:
    """Clean raw article text into paragraphs, dropping junk lines."""
    return [line for line in normalise_lines(raw) if not is_junk_line(line)]
