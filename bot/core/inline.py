"""Inline sharing: which tips, cases and scam cards match what a user typed after @bot."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.core.content import Bank

MAX_RESULTS = 50  # answerInlineQuery's limit
FEATURED_TYPES, FEATURED_TIPS = 3, 2


@dataclass(frozen=True)
class Hit:
    """A content item to offer: a scam card, a case or a tip, with the topic to quiz on."""

    kind: str  # scam | case | tip
    item_id: str
    topic: str | None


def _all(texts: Iterable[Mapping[str, str]]) -> str:
    """Every locale of some texts, lowercased, so a query in any script matches."""
    return " ".join(v for t in texts for v in t.values()).lower()


def _lists(texts: Iterable[Mapping[str, tuple[str, ...]]]) -> str:
    return " ".join(" ".join(v) for t in texts for v in t.values()).lower()


def _index(bank: Bank) -> list[tuple[Hit, str]]:
    """Every item with its searchable text, scam cards first, then cases, then tips."""
    out: list[tuple[Hit, str]] = []
    for st in bank.scam_types.values():
        text = _all([st.name, st.summary]) + " " + _lists([st.script, st.red_flags])
        out.append((Hit("scam", st.id, st.id), text))
    for case in bank.cases.values():
        text = _all([case.title, case.who, case.what_happened, case.lesson])
        out.append((Hit("case", case.id, case.scam_type), text))
    for tip in bank.tips.values():
        out.append((Hit("tip", tip.id, tip.scam_types[0] if tip.scam_types else None),
                    _all([tip.text])))
    return out


def _topic_names(bank: Bank) -> dict[str, str]:
    return {t: _all([st.name]) + " " + t.replace("_", " ") for t, st in bank.scam_types.items()}


def search(bank: Bank, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
    """Items whose text has every word of the query, or whose topic's name does."""
    words = query.lower().split()
    if not words:
        return featured(bank)
    names = _topic_names(bank)
    topics = {t for t, name in names.items() if all(w in name for w in words)}
    hits = [hit for hit, text in _index(bank)
            if hit.topic in topics or all(w in text for w in words)]
    return hits[:limit]


def featured(bank: Bank) -> list[Hit]:
    """What an empty query offers: the first scam cards and slogans of the bank."""
    types = [Hit("scam", t, t) for t in list(bank.scam_types)[:FEATURED_TYPES]]
    tips = [Hit("tip", tip.id, tip.scam_types[0] if tip.scam_types else None)
            for tip in bank.tips.values() if tip.kind == "slogan"][:FEATURED_TIPS]
    return types + tips


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, for a result's description."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"

