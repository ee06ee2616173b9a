"""Recover text a page garbled by reading GBK bytes one byte out of step, where the bytes allow.

A lost byte shifts the decoder: each following pair is read across two characters ("退款’的骗"
comes out as "丝睢\\ue1ea尿"), until a trail byte that is plain ASCII ("_", "u", "^") brings it
back in step. Re-encoding such a run and decoding it one byte later gives the text back. The byte
left over is the second half of a character whose first half is lost: it is restored only when
exactly one character with that second byte forms a known word with the next one ("退" in 退款).
Anything else stays as it was, for the cleaner to mark 〔乱码〕.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A byte lost ("?", or an annotation's remains "?fù)"), then a run read out of step ending on a
# character whose trail byte is ASCII: the point where the decoder is back in step.
_RUN = re.compile(r"\?(?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)|[!！])?"
                  r"([^\x00-\x7f\s，。,；;：:“”‘’！？!?（）()]{2,16}?)([@-~])(?![A-Za-z0-9])")
# Words a lost first half may complete (Simplified): money and fraud words of police news.
WORDS = frozenset({
    "退款", "存款", "贷款", "付款", "汇款", "罚款", "欠款", "还款", "借款", "转账",
    "诈骗", "骗局", "被骗", "受骗", "上当", "报警", "民警", "警方", "损失", "账户",
    "银行", "网购", "客服", "理赔", "快递", "投资", "理财", "刷单", "返利", "兼职",
    "佣金", "验证", "链接", "短信", "电话", "视频", "老人", "养老", "冻结", "止付",
    "挽回",
})


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def _chinese(text: str) -> bool:
    """Every character is CJK or Chinese punctuation, and reads as common (GB2312) Simplified."""
    simplified = str(_t2s().convert(text))
    if not re.fullmatch(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e‘’“”…—·]+", text):
        return False
    try:
        simplified.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _lead(orphan: int, following: str) -> str:
    """The character whose first byte was lost, if exactly one makes a known word; else ''."""
    found = set()
    for lead in range(0x81, 0xFF):
        try:
            ch = bytes([lead, orphan]).decode("gbk")
        except UnicodeDecodeError:
            continue
        if str(_t2s().convert(ch + following[:1])) in WORDS:
            found.add(ch)
    return found.pop() if len(found) == 1 else ""


def _realign(m: re.Match[str]) -> str:
    run, trail = m.group(1), m.group(2)
    try:
        data = run.encode("gb18030") + trail.encode("ascii")
        text = data[1:].decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.group(0)
    if not _chinese(text):
        return m.group(0)  # one byte on it reads no better: leave it to be marked
    first = _lead(data[0], text)
    return (first or "?") + text


def recover_gbk(text: str) -> str:
    """Text with runs read one byte out of step put back where the bytes allow."""
    return _RUN.sub(_realign, text)
