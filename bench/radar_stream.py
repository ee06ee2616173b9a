"""A simulated stream of reports for the variant radar: noisy variants of the 12 scam scripts,
genuine messages, and one new variant that starts mid-stream; with its ground truth."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from math import comb
from pathlib import Path

from bot.core.reports import ReportRecord, fingerprint

ROOT = Path(__file__).resolve().parent.parent
START = datetime(2026, 11, 1, tzinfo=UTC)
NEW_LABEL = "new:medical_insurance"
# A script none of the 12 scam types has: an "electronic medical-insurance card" upgrade.
NEW_SCRIPT = ("【医保服务】您的医保卡电子凭证未完成年度认证，将于今日24点停用，"
              "停用后看病无法报销。请立即点击 https://ybj-renzheng.top 完成升级认证，"
              "认证需验证银行卡余额，按提示操作即可。")
NOISE = "…！!~ 　，。😊🙏👉【】*#"
SIMILAR = {"您": "你", "的": "de", "请": "請", "账": "帐", "钱": "钅戋", "转": "轉", "款": "歀",
           "卡": "卡", "信": "亻言", "安": "桉", "全": "佺", "点": "點", "击": "擊"}
PREFIXES = ("", "", "转发：", "【通知】", "Fw: ", "刚收到的：", "这个是真的吗？", "")
SUFFIXES = ("", "", " 拒收请回T", " 退订回N", "！！", " 速办", "")


@dataclass(frozen=True)
class Labeled:
    """A report and the script it really came from."""

    report: ReportRecord
    label: str


def scripts() -> dict[str, str]:
    """The base message of each of the 12 scam types (its longest example in the checker set)."""
    best: dict[str, str] = {}
    lines = [x for f in sorted((ROOT / "content" / "checker").glob("scams_*.jsonl"))
             for x in f.read_text().splitlines()]
    for line in lines:
        row = json.loads(line)
        if row["lang"] == "zh-Hans" and len(row["text"]) > len(best.get(row["label"], "")):
            best[row["label"]] = row["text"]
    return best


def genuine() -> list[str]:
    """Genuine messages (official notices, everyday chat) from the checker's negative sets."""
    rows = [json.loads(x) for x in (ROOT / "content" / "checker" / "none_b.jsonl").read_text()
            .splitlines()]
    return [r["text"] for r in rows if len(r["text"]) >= 20]


def noisy(text: str, rng: random.Random, rate: float = 0.1) -> str:
    """A variant: sender tags, a dropped or swapped clause, edited characters, new numbers."""
    clauses = text.split("，")
    if len(clauses) > 3 and rng.random() < 0.3:
        del clauses[rng.randrange(1, len(clauses))]
    if len(clauses) > 3 and rng.random() < 0.2:
        i = rng.randrange(1, len(clauses) - 1)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    out = []
    for ch in "，".join(clauses):
        r = rng.random()
        if r < rate / 3:
            continue
        if r < 2 * rate / 3:
            out.append(SIMILAR.get(ch, ch) + rng.choice(NOISE))
        elif r < rate:
            out.append(rng.choice(NOISE) + ch)
        else:
            out.append(str(rng.randrange(10)) if ch.isdigit() else ch)
    return rng.choice(PREFIXES) + "".join(out) + rng.choice(SUFFIXES)


def stream(seed: int = 7, per_script: int = 120, genuine_n: int = 600, new_n: int = 200,
           days: int = 14, checker: object | None = None, noise: float = 0.1) -> list[Labeled]:
    """The stream in time order; the new variant starts halfway and grows day by day."""
    rng = random.Random(seed)
    items: list[tuple[datetime, str, str]] = []
    span = days * 86400
    for label, base in sorted(scripts().items()):
        items += [(START + timedelta(seconds=rng.randrange(span)), noisy(base, rng, noise), label)
                  for _ in range(per_script)]
    pool = genuine()
    for _ in range(genuine_n):
        k = rng.randrange(len(pool))
        items.append((START + timedelta(seconds=rng.randrange(span)),
                      noisy(pool[k], rng, 0.02), f"genuine:{k}"))
    half = span // 2
    for _ in range(new_n):  # sqrt: few at first, then faster
        at = half + int((span - half) * rng.random() ** 0.5)
        items.append((START + timedelta(seconds=at), noisy(NEW_SCRIPT, rng, noise), NEW_LABEL))
    items.sort()
    return [Labeled(_report(i, at, text, checker), label)
            for i, (at, text, label) in enumerate(items, 1)]


def _report(i: int, at: datetime, text: str, checker: object | None) -> ReportRecord:
    kind, scam_type, confidence = "unsure", "none", 0.5
    if checker is not None:
        v = checker.check(text)  # type: ignore[attr-defined]
        kind = v.kind if v.kind in ("scam", "unsure") else "benign"
        scam_type, confidence = v.scam_type, v.confidence
    return ReportRecord(reporter=f"{i % 997:064x}", text=text, fingerprint=fingerprint(text),
                        kind=kind, scam_type=scam_type, confidence=confidence, source="text",
                        language="zh-Hans", created_at=at, id=i)


def pairwise(clusters: list[list[int]], labels: dict[int, str]) -> tuple[float, float]:
    """Pairwise precision and recall of clusters (lists of report ids) against true labels."""
    same_cluster = sum(comb(len(c), 2) for c in clusters)
    by_label: dict[str, int] = {}
    for lab in labels.values():
        by_label[lab] = by_label.get(lab, 0) + 1
    same_label = sum(comb(n, 2) for n in by_label.values())
    both = 0
    for c in clusters:
        counts: dict[str, int] = {}
        for rid in c:
            counts[labels[rid]] = counts.get(labels[rid], 0) + 1
        both += sum(comb(n, 2) for n in counts.values())
    return (both / same_cluster if same_cluster else 1.0,
            both / same_label if same_label else 1.0)
