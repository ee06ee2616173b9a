"""Drafts from a cluster of reports, for staff to review: a scam-or-genuine question, lexicon
suggestions for the checker, and a warning broadcast. Nothing here publishes anything."""

from __future__ import annotations

from collections import Counter
from typing import Any

from bot.core.reports import PLACEHOLDER, ReportRecord, normalize
from bot.radar.radar import _HOST

# Cue words per technique (content/techniques.yaml ids), checked on the redacted text.
TECHNIQUE_CUES: dict[str, tuple[str, ...]] = {
    "safe_account": ("安全账户", "监管账户", "safe account"),
    "remote_control": ("屏幕共享", "共享屏幕", "远程", "会议软件", "screen shar"),
    "upfront_fee": ("手续费", "保证金", "解冻", "垫付", "先交", "余额", "fee", "deposit"),
    "secrecy": ("不要告诉", "保密", "don't tell"),
    "urgency": ("今日", "立即", "马上", "24小时", "24点", "逾期", "尽快", "限时", "urgent",
                "today"),
    "authority": ("公安", "法院", "检察", "医保", "社保", "官方", "政府", "police", "official"),
    "high_return": ("高收益", "稳赚", "翻倍", "收益", "guaranteed"),
    "verification_code": ("验证码", "〔验证码〕", "verification code"),
    "unknown_link": ("http", "www.", ".top", "点击", "链接", "下载", "link", "click"),
    "threat": ("冻结", "逮捕", "停用", "无法报销", "影响征信", "arrest", "frozen"),
    "lend_account": ("出租", "出借银行卡", "rent your"),
}
PHRASE_SIZES = (4, 5, 6)


def techniques(text: str) -> list[str]:
    """Techniques whose cue words occur in the text, most cues first."""
    low = text.lower()
    hits = {t: sum(c.lower() in low for c in cues) for t, cues in TECHNIQUE_CUES.items()}
    return [t for t, n in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0])) if n][:3]


def stem(members: list[ReportRecord]) -> str:
    """The cluster's most typical text: the one sharing most characters with the others."""
    norms = [set(normalize(m.text)) for m in members]
    best = max(range(len(members)),
               key=lambda i: (sum(len(norms[i] & n) for n in norms), -i))
    return members[best].text


def defang(text: str) -> str:
    """Domains turned into look-alikes under .example: a lesson never links to a live scam."""
    for host in sorted(set(_HOST.findall(text)), key=len, reverse=True):
        text = text.replace(host, host.rsplit(".", 1)[0] + ".example")
    return text


def question(members: list[ReportRecord], scam_type: str,
             names: dict[str, str]) -> dict[str, Any]:
    """A draft scam-or-genuine item with the redacted message (domains defanged) as its stem."""
    text = defang(stem(members))
    techs = techniques(text)
    named = "、".join(names.get(t, t) for t in techs) or "可疑要求"
    cid = members[0].id or 0
    return {
        "id": f"report-c{cid}-s01", "status": "draft", "scam_type": scam_type,
        "kind": "scam_or_genuine", "difficulty": 2, "audiences": [], "techniques": techs,
        "message": {"channel": "sms", "sender": {"zh": "陌生号码", "en": "Unknown number"},
                    "text": {"zh": text, "en": f"[translate] {text}"}},
        "verdict": "scam",
        "cue": {"zh": f"手法：{named}。", "en": f"[translate] Technique: {', '.join(techs)}."},
        "explanation": {
            "zh": f"诈骗：这条消息在 {len(members)} 位用户的举报中反复出现，用的是{named}的手法。"
                  "正规机构不会这样要求你，拿不准就打 96110。",
            "en": f"[translate] Scam: reported by {len(members)} users; technique "
                  f"{', '.join(techs)}. Not sure? Call 96110."},
        "source": "general",
    }


def warning(members: list[ReportRecord], names: dict[str, str]) -> str:
    """A draft warning broadcast about the cluster's scam (plain text: broadcasts escape it)."""
    text = stem(members)
    techs = "、".join(names.get(t, t) for t in techniques(text)) or "可疑要求"
    hosts = sorted({h.lower() for m in members for h in _HOST.findall(m.text)})[:3]
    links = f"\n不要打开这些网址：{'、'.join(hosts)}" if hosts else ""
    sample = text[:140] + ("…" if len(text) > 140 else "")
    return (f"⚠️ 近期出现新骗局，已有 {len(members)} 人举报：\n「{sample}」\n"
            f"识别要点：{techs}。{links}\n"
            "不要转账，不要提供验证码；拿不准就打 96110，已转账请立即打 110。")


def suggest_lexicon(cluster: list[ReportRecord], others: list[ReportRecord],
                    known: set[str], limit: int = 8) -> dict[str, Any]:
    """Decisive phrases (in most of the cluster, in almost none of the rest) and its domains."""
    def grams(r: ReportRecord) -> set[str]:
        t = normalize(PLACEHOLDER.sub(" ", r.text))
        return {t[i:i + n] for n in PHRASE_SIZES for i in range(len(t) - n + 1)}

    inside = Counter(g for r in cluster for g in grams(r))
    outside = Counter(g for r in others for g in grams(r))
    scored = [(n / len(cluster) - outside[g] / max(len(others), 1), g) for g, n in inside.items()
              if n >= 0.6 * len(cluster) and outside[g] <= 0.02 * max(len(others), 1)
              and g not in known and not g.isdigit()]
    phrases: list[str] = []
    for _, g in sorted(scored, key=lambda sg: (-sg[0], -len(sg[1]), sg[1])):
        if not any(g in p or p in g for p in phrases):
            phrases.append(g)
        if len(phrases) == limit:
            break
    hosts = Counter(h.lower() for r in cluster for h in _HOST.findall(r.text))
    return {"cluster": cluster[0].id, "size": len(cluster), "phrases": phrases,
            "domains": sorted(h for h in hosts if h not in known)}
