"""Counts over the bank for `antifraud content stats`: per type, kind, audience, language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from bot.content.entries import Entry
from bot.core.content import AUDIENCES, KINDS, SCAM_OR_GENUINE


def _texts(value: Any) -> Iterator[dict[str, Any]]:
    """Every {zh, en} localized mapping inside an item."""
    if isinstance(value, dict):
        if set(value) <= {"zh", "en"} and "zh" in value:
            yield value
            return
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


def _complete(data: dict[str, Any], lang: str) -> bool:
    return all(bool(t.get(lang)) for t in _texts(data))


def _grounded(data: dict[str, Any]) -> bool:
    return isinstance(data.get("source"), dict)


def _question_stats(qs: list[dict[str, Any]]) -> dict[str, Any]:
    by_type: dict[str, Counter[str]] = {}
    for q in qs:
        by_type.setdefault(q["scam_type"], Counter())[q["kind"]] += 1
    audiences: Counter[str] = Counter()
    for q in qs:
        for a in q.get("audiences") or ["everyone"]:
            audiences[a] += 1
    grounded = sum(_grounded(q) for q in qs)
    sg = [q for q in qs if q["kind"] == SCAM_OR_GENUINE]
    return {
        "total": len(qs),
        "by_type": {t: {"total": sum(c.values()), **{k: c[k] for k in KINDS}}
                    for t, c in sorted(by_type.items())},
        "by_kind": {k: sum(1 for q in qs if q["kind"] == k) for k in KINDS},
        "by_difficulty": {str(d): sum(1 for q in qs if q["difficulty"] == d) for d in (1, 2, 3)},
        "by_audience": {a: audiences[a] for a in ("everyone", *AUDIENCES)},
        "grounded": grounded,
        "general": len(qs) - grounded,
        "grounded_share": round(grounded / len(qs), 3) if qs else 0.0,
        "scam_or_genuine": {
            "total": len(sg), "genuine": sum(q.get("verdict") == "genuine" for q in sg),
            "types": len({q["scam_type"] for q in sg}),
        },
    }


def content_stats(entries: Iterable[Entry]) -> dict[str, Any]:
    """Counts for the published bank, plus review states and language coverage of all items."""
    entries = list(entries)
    published = [e for e in entries if e.status == "published"]

    def of(kind: str) -> list[dict[str, Any]]:
        return [e.data for e in published if e.kind == kind]

    tips = of("tip")
    by_status: dict[str, dict[str, int]] = {}
    for e in entries:
        by_status.setdefault(e.kind, Counter())[e.status] += 1  # type: ignore[assignment]
    return {
        "sources": len(of("source")),
        "scam_types": len(of("scam_type")),
        "questions": _question_stats(of("question")),
        "cases": {"total": len(of("case")),
                  "by_type": dict(sorted(Counter(c["scam_type"] for c in of("case")).items()))},
        "tips": {"total": len(tips), "slogans": sum(t.get("kind") == "slogan" for t in tips),
                 "grounded": sum(_grounded(t) for t in tips)},
        "figures": len(of("figure")),
        "languages": {
            "zh-Hans": sum(_complete(e.data, "zh") for e in published),
            "en": sum(_complete(e.data, "en") for e in published),
            "zh-Hant": "derived from zh-Hans at load (OpenCC s2tw + reviewed phrases)",
            "items": len(published),
        },
        "by_status": {k: dict(sorted(v.items())) for k, v in by_status.items()},
    }
