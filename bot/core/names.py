"""Leaderboard names must not pass for officials or advertise: no @-names, links, phone-like
numbers or official-sounding words (Telegram turns @x and t.me/x in /top into links)."""

from __future__ import annotations

import re
import unicodedata

# Words a scammer would borrow to look official, compared without spaces, case or width.
OFFICIAL_CJK = (
    "官方", "客服", "公安", "警察", "警官", "警方", "民警", "网警",
    "網警", "派出所", "反诈", "反詐", "反骗", "反騙", "防骗", "防騙",
    "政府", "法院", "检察", "檢察", "银行", "銀行", "管理员", "管理員",
    "认证", "認證", "核验", "核驗", "工作人员", "工作人員", "客户服务", "客戶服務",
)
OFFICIAL_LATIN = (
    "admin", "administrator", "support", "official", "police", "staff", "moderator",
    "helpdesk", "service", "customer", "government", "antifraud", "verify", "verified",
    "telegram", "security",
)
OFFICIAL_NUMBERS = ("110", "119", "120", "122")  # emergency numbers; longer ones are digit runs
MAX_DIGIT_RUN = 4  # 96110, 12381, phone and card numbers are longer
TLDS = ("com", "cn", "net", "org", "me", "io", "xyz", "top", "cc", "tk", "info", "app", "ru",
        "hk", "tw", "vip", "shop", "link", "site", "online", "club", "co", "ly", "gg", "so")
_LINK = re.compile(r"(://|www\.|t\.me|telegram\.(me|dog)|[a-z0-9-]\s*[.。]\s*(" + "|".join(TLDS)
                   + r")(\b|/|$))")
_DIGITS = re.compile(r"[0-9]+")
_SEPARATORS = re.compile(r"[\s\-_.·,，、/]+")
_TOKENS = re.compile(r"[a-z]+")


def name_problem(name: str) -> str | None:
    """Why a display name is refused ("mention", "link", "number", "official"), or None."""
    text = unicodedata.normalize("NFKC", name).casefold()  # ＠, ｔ．ｍｅ and ¹ become plain
    if "@" in text:
        return "mention"
    if _LINK.search(text):
        return "link"
    joined = _SEPARATORS.sub("", text)  # 138 1234 5678 and 9-6-1-1-0 are one number
    runs = _DIGITS.findall(joined)
    if any(len(run) > MAX_DIGIT_RUN for run in runs):
        return "number"
    if any(run in OFFICIAL_NUMBERS for run in _DIGITS.findall(text)):
        return "official"
    if any(word in joined for word in OFFICIAL_CJK):
        return "official"
    for token in _TOKENS.findall(text) + _TOKENS.findall(joined):  # "Anti-fraud" too
        if any(token.startswith(w) or token.endswith(w) for w in OFFICIAL_LATIN):
            return "official"
    return None
