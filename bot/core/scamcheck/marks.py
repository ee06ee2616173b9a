"""The marks of fraud any script shares: a link that lies, a fee to pay first, a code to hand over.

Matched on folded text (lower-case, half-width, Simplified, one character for one), so each mark's
span quotes the user's own words. Facts found outside the core (phone numbers, QR codes in a
picture) come in as `Fact`s and count like marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.scamcheck.links import find_links

# Enough marks for "a scam of another kind" when no script fits; one decisive mark is enough.
OTHER_SCORE = 4.0
_NOT = re.compile(r"(请勿|切勿|不要|别|勿|不会|绝不|never|don't|do not|not)\W{0,2}\w{0,6}$")


@dataclass(frozen=True)
class Mark:
    """One mark of fraud: what kind, the words behind it, how much it weighs."""

    kind: str
    start: int
    end: int
    weight: float
    decisive: bool = False


@dataclass(frozen=True)
class Fact:
    """Something found outside the core: a phone number, or a link read from a QR code."""

    kind: str  # phone | qr_link
    value: str  # as written (a QR code's text is the user's too)
    foreign: bool = False  # a number from another country than the user's region


# kind, weight, decisive, pattern (Chinese and English alike).
_RULES: tuple[tuple[str, float, bool, str], ...] = (
    ("fee", 1.5, False,
     r"(?:支付(?!宝|支出)|缴纳|补缴|交纳|缴|付|先交|先付|先充)[^，。！,!.\n]{0,8}?(?:费|元|税|\d)"
     r"|\d+(?:\.\d+)?\s*元[^，。]{0,3}费|pay(?:ing)? (?:the |a |your |now)?[^.,\n]{0,30}?"
     r"(?:fee|charge|duty|toll|invoice|balance)|(?:fee|charge|duty|toll) of [$£€]?\d"
     r"|settle now|outstanding (?:toll|balance|charge)"),
    ("release_fee", 3.0, False,
     r"公证费|解冻费|激活费|通道费|解冻|(?:保证金|税费|税金|所得税|手续费)[^，。]{0,8}(?:才能|才可|方可|解冻|提现|领奖|放款)"
     r"|(?:领奖|提现|解冻|放款)前[^，。]{0,6}(?:交|付|缴)"
     r"|(?:unfreeze|unlock|release|clearance|notary|activation) (?:and \w+ )?fee"
     r"|fee[^.]{0,25}(?:before you can|to release|to unlock|to withdraw)"
     r"|(?:deposit|pay)[^.]{0,30}to (?:release|unlock|withdraw)"),
    ("gift_card", 3.0, True,
     r"礼品卡|购物卡|充值卡|游戏点卡|苹果卡|卡密|gift ?cards?|itunes cards?|steam cards?"
     r"|claim codes?"),
    ("crypto", 2.0, False,
     r"usdt|泰达币|虚拟币|比特币|bitcoin|\bbtc\b|加密货币|钱包地址|wallet address"),
    ("install_app", 2.0, False,
     r"(?:下载|安装)[^，。,.]{0,10}(?:app|软件|客户端)|会议软件|远程软件|向日葵|todesk|anydesk"
     r"|teamviewer|(?:download|install)(?:ing)? (?:the |an |our |this )?(?:\w+ ){0,2}"
     r"(?:app|application|software)\b"),
    ("share_screen", 3.0, True,
     r"屏幕共享|共享屏幕|开启共享|share (?:your |the )?screen|screen ?shar"),
    ("read_code", 3.0, True,
     r"(?:验证码|动态码|校验码)[^，。]{0,6}(?:发给|告诉|报给|念给|读给)(?:我|他|对方|客服)"
     r"|(?:告诉|报|念|读|发)(?:给)?(?:我|他|客服)[^，。]{0,4}(?:验证码|动态码)"
     r"|(?:read|send|give|tell|forward)(?: it)?(?: me| us)?(?: back)? (?:the |your |that )?"
     r"(?:\w+ )?(?:code|otp|pin)s?\b"),
    ("secrecy", 1.5, False,
     r"不要告诉|别告诉|不要声张|保密|不能告诉|don't tell|do not tell|keep (?:this|it) "
     r"(?:confidential|secret|between us)|don't mention"),
    ("urgency", 1.0, False,
     r"今日内|今天内|\d+小时内|今晚\d*点|逾期|否则将|立即|尽快|限时|名额有限|今天截止|速报名"
     r"|within \d+ hours|immediately|urgent(?:ly)?|final notice|right now|today only"
     r"|will be (?:suspended|closed|returned)"),
    ("personal_account", 2.5, False,
     r"个人账户|私人账户|个人银行卡|个人卡|私户|我的个人|personal (?:bank |paypal )?account"
     r"|my personal|(?:friend|mate)'s account"),
    ("job_abroad", 2.0, False,
     r"(?:海外|境外|出国|国外|泰国|柬埔寨|缅甸|迪拜|菲律宾)[^，。]{0,10}(?:工作|招聘|高薪|客服|务工)"
     r"|包机票|机票[^，。]{0,4}全包|边境|(?:free )?flights? (?:and|&) visa|visa arranged"
     r"|free flights?|at the border|job (?:in|abroad)"),
    ("passport_kept", 3.0, True,
     r"护照[^，。]{0,12}(?:保管|交给|上交|扣)|(?:keep|hold|take) your passport|passport[^.]{0,20}"
     r"(?:kept|held)"),
    ("donation", 1.5, False, r"捐款|募捐|捐助|善款|donate|donation|relief appeal"),
    ("transfer_ask", 1.0, False,
     r"转账|转到|汇款|打款|transfer|wire|send (?:me )?[$£€]\d"),
    ("move_chat", 1.0, False,
     r"加(?:我)?(?:微信|qq|line)|text me on|whatsapp me|message me on|私聊"),
    ("unexpected_money", 1.5, False,
     r"退税|补贴待领取|待领取|领取补贴|tax refund|eligible for|refund of|pending (?:tax )?refund"),
    ("prize", 1.5, False,
     r"中奖|抽中|幸运观众|一等奖|二等奖|头奖|you (?:have )?won|lottery|prize|selected in"),
    ("new_number", 2.0, False,
     r"新号码|换号了|my new number|new number|phone (?:broke|is broken)|dropped my phone"
     r"|using a friend's"),
    ("bank_details", 1.5, False,
     r"银行卡信息|银行卡号|bank details|card details|billing details|sort code|\bcvv\b"),
    ("threat", 1.0, False,
     r"冻结|停机|停用|失效|清零|异常|扣分|滞纳金|suspended|late fee|closed in|returned to sender"),
)
_ACT = re.compile(r"点击|登录|访问|查看|详情|补全|补充|填写|认证|更新|激活|解封|办理|领取|缴纳"
                  r"|至\s"
                  r"|click|tap|visit|verify|update|confirm|log ?in|settle|claim|reschedule|pay")
_COMPILED = tuple((k, w, d, re.compile(p)) for k, w, d, p in _RULES)
_LINK = {"lookalike": (4.0, True), "homoglyph": (4.0, True), "punycode": (3.0, False),
         "ip": (3.0, False), "throwaway_tld": (2.5, False), "shortener": (1.5, False)}


def _negated(text: str, start: int) -> bool:
    """"请勿将验证码告诉他人" warns against the act: it is no mark."""
    return bool(_NOT.search(text[max(0, start - 12):start]))


def find_marks(text: str) -> list[Mark]:
    """Every mark of fraud in folded text, one per kind (the strongest, first written)."""
    found: dict[str, Mark] = {}
    for kind, weight, decisive, pattern in _COMPILED:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not _negated(text, m.start()):
                found.setdefault(kind, Mark(kind, m.start(), m.end(), weight, decisive))
                break
    links = find_links(text)
    for link in links:
        for problem in link.problems:
            weight, decisive = _LINK[problem]
            found.setdefault(problem, Mark(problem, link.start, link.end, weight, decisive))
    if any(not link.official for link in links) and _ACT.search(text):
        first = next(link for link in links if not link.official)
        found.setdefault("link_to_act", Mark("link_to_act", first.start, first.end, 1.5))
    return sorted(found.values(), key=lambda m: m.start)


def fact_marks(facts: Iterable[Fact]) -> list[Mark]:
    """Phone numbers and QR links as marks without a span in the text (start -1)."""
    out = []
    for fact in facts:
        if fact.kind == "phone" and fact.foreign:
            out.append(Mark("foreign_phone", -1, -1, 1.5))
        elif fact.kind == "qr_link":
            for problem in find_links(fact.value.lower())[:1]:
                out += [Mark(p, -1, -1, *_LINK[p]) for p in problem.problems]
                out.append(Mark("qr_link", -1, -1, 1.0))
    return out


def score(marks: Sequence[Mark]) -> float:
    """How strongly the marks together say fraud (a decisive one is enough on its own)."""
    total = sum(m.weight for m in marks)
    return max(total, OTHER_SCORE) if any(m.decisive for m in marks) else total


def is_fraud(marks: Sequence[Mark]) -> bool:
    """Marks enough to call a message fraud of some kind, script or none."""
    strong = [m for m in marks if m.kind not in ("urgency", "threat")]
    return score(marks) >= OTHER_SCORE and (len(marks) >= 2 or bool(strong)) and bool(strong)
