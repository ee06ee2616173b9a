"""Inline search over the content bank: every word must match; topic names pull in their items."""

from __future__ import annotations

from bot.config import ROOT
from bot.content.loader import load_bank
from bot.core.inline import MAX_RESULTS, featured, search, shorten

BANK = load_bank(ROOT / "content").published()


def test_a_topic_name_brings_its_card_cases_and_tips() -> None:
    hits = search(BANK, "刷单")
    assert hits[0].kind == "scam" and hits[0].item_id == "order_brushing"
    assert {h.kind for h in hits} >= {"scam", "tip"}
    assert len(hits) <= MAX_RESULTS


def test_words_in_any_script_and_case() -> None:
    assert search(BANK, "ORDER Brushing")[0].item_id == "order_brushing"
    assert search(BANK, "刷單")[0].item_id == "order_brushing"
    assert search(BANK, "no-such-words here") == []


def test_featured_and_shorten() -> None:
    assert [h.kind for h in featured(BANK)] == ["scam", "scam", "scam", "tip", "tip"]
    assert shorten("a  b\nc", 10) == "a b c" and shorten("x" * 20, 5) == "xxxx…"
