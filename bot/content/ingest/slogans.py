"""Anti-fraud slogans: short, parallel, imperative lines, quoted or standing as a sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from bot.content.cleaning import GARBLED
from bot.content.ingest.text import cjk_len, clauses, sentences

THRESHOLD = 3
_QUOTE = re.compile(rf"[“「『]([^“”「」『』\n]{{4,60}}?)(?:[”」』]|(?={GARBLED}))")
_STRONG = re.compile(r"不要|不能|不得|不可|严禁|切记|千万|谨防|严防|莫|勿|别|拒绝|不如|胜于")
_SOFT = re.compile(r"要|须|一定|可防|守护|远离|牢记|多核实|不轻信|不转账|不透露|不点击|不贪"
                   r"|不信|不给")
_MOTTO_AFTER = re.compile(r"^(?:等|的)?(?:理念|口号|标语|宣传语|警示语|顺口溜|提示语|金句|警句)")
_MOTTO_BEFORE = re.compile(r"(?:口号|标语|牢记|谨记|记住|提醒|呼吁|告诫|宣传语|顺口溜)"
                           r"[^，。“”]{0,6}[:：]?$")
# Quoted words of a scam or an advert, not advice: 看到“日结佣金”的兼职广告, 以“连单”为由.
_SCRIPT_BEFORE = re.compile(r"(?:以|称|自称|声称|谎称|看到|收到|发来)$")
_SCRIPT_AFTER = re.compile(r"^[^，,。]{0,4}?(?:广告|为由|字样|的信息|的短信|链接|兼职|名义|话术)")
_NAME_AFTER = re.compile(
    r"^(?:等|的)?[队团]|^[^，,。；;“”]{0,6}?(?:行动|活动|专项|工程|平台|系统|APP|App|app|小程序|联盟|机制|模式|品牌"
    r"|课堂|大课堂|系列|中心|工作室|项目|计划|比赛|大赛|竞赛|仪式|主题|体系|格局|组合拳|目标|局面|态势"
    r"|工作法|战略)"
)
_FIRST_PERSON = re.compile(r"我|咱")
# At most eight quotes share what follows: an unbounded chain would make slogans quadratic.
_CHAIN = re.compile(r"(?:[、,，和及与]?[“「『][^“”「」『』\n]{1,60}[”」』]){0,8}")
_MODAL = re.compile(r"[不要莫勿别多少须慎]")


@dataclass(frozen=True)
class Slogan:
    """A slogan as written in the cleaned text, how it was found and how strongly."""

    text: str
    how: str
    score: int
    scam_type: str | None = None


def _parallel(a: str, b: str) -> bool:
    """Two clauses mirror each other: two or more characters shared at the same places."""
    same = sum(x == y for x, y in zip(a, b, strict=False))
    tail = sum(x == y for x, y in zip(reversed(a), reversed(b), strict=False))
    return max(same, tail) >= 2


def _shape(text: str) -> int:
    """Score the form: balanced clauses, mirrored wording, imperative words, brevity."""
    parts = clauses(text)
    sizes = [cjk_len(p) for p in parts]
    score = 0
    if len(parts) >= 2 and min(sizes) >= 4:
        score += 2 if len(set(sizes)) == 1 else 1 if max(sizes) - min(sizes) <= 2 else 0
    if len(parts) >= 2 and _parallel(parts[0], parts[1]):
        score += 2
    score += 2 if _STRONG.search(text) else 1 if _SOFT.search(text) else 0
    score += 1 if cjk_len(text) <= 20 else 0
    score -= 1 if len(parts) > 4 else 0
    return score


def _chain_end(paragraph: str, end: int) -> int:
    """Where a run of adjacent quotes (“A”“B”、“C”) ends, so all share what follows."""
    m = _CHAIN.match(paragraph, end)
    return m.end() if m else end


def _quoted(paragraph: str) -> Iterator[Slogan]:
    for m in _QUOTE.finditer(paragraph):
        inner = m.group(1).strip()
        text = inner.rstrip("。！!，,")
        n = cjk_len(text)
        if n < 6 or n > 40 or GARBLED in text or paragraph[max(0, m.start() - 1)] == "《":
            continue
        after = paragraph[_chain_end(paragraph, m.end()):][:12]
        before = paragraph[max(0, m.start() - 8):m.start()]
        score = _shape(text) + (1 if inner.endswith(("！", "!")) else 0)
        score += 3 if _MOTTO_AFTER.match(after) else 2 if _MOTTO_BEFORE.search(before) else 0
        score -= 3 if _NAME_AFTER.match(after) else 0
        score -= 3 if _SCRIPT_AFTER.match(after) or _SCRIPT_BEFORE.search(before) else 0
        score -= 2 if _FIRST_PERSON.search(text) else 0
        score -= 1 if "?" in text or "？" in text or "吗" in text else 0
        if score >= THRESHOLD:
            yield Slogan(text, "quoted", score)


def _motto(sentence: str) -> Slogan | None:
    """A short sentence of two to four equal clauses standing alone: "劝到点子上,宣到关键处。"."""
    text = sentence.rstrip("。！!；;")
    parts = clauses(text)
    sizes = {cjk_len(p) for p in parts}
    if 2 <= len(parts) <= 4 and len(sizes) == 1 and 4 <= min(sizes) <= 7 and "“" not in text:
        return Slogan(text, "motto", 3 + _shape(text) // 2)
    return None


def _shared_block(a: str, b: str) -> bool:
    """Two or more characters in the same place in both, one of them a modal (不, 要, 莫, 多…)."""
    return any(a[i:i + k] == b[i:i + k] and _MODAL.search(a[i:i + k])
               for k in range(2, len(a)) for i in range(len(a) - k + 1))


def _paired(sentence: str) -> Iterator[Slogan]:
    """Mirrored clause pairs inside a sentence: "快破案不如不发案,多追赃不如不受骗"."""
    parts = re.split(r"[，,；;]", sentence.rstrip("。！!”"))
    for a, b in pairwise(p.strip("“”‘’ ") for p in parts):
        if not (5 <= cjk_len(a) == cjk_len(b) <= 10) or GARBLED in a + b:
            continue
        if _shared_block(a, b):
            yield Slogan(f"{a},{b}" if "," in sentence else f"{a}，{b}", "parallel", 4)


def find_slogans(paragraphs: list[str]) -> list[Slogan]:
    """Every slogan in the article, strongest first, each once."""
    found: dict[str, Slogan] = {}
    for paragraph in paragraphs:
        candidates = list(_quoted(paragraph))
        for sentence in sentences(paragraph):
            motto = _motto(sentence)
            candidates += [motto] if motto else []
            candidates += list(_paired(sentence))
        for s in candidates:
            if s.text not in found or found[s.text].score < s.score:
                found[s.text] = s
    kept = [s for s in found.values() if not any(
        o.text != s.text and s.text in o.text and o.how == s.how for o in found.values())]
    return sorted(kept, key=lambda s: -s.score)
