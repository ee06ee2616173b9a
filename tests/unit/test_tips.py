"""Tip choice: unseen first, toward missed scam types and the person's audience."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

from bot.config import ROOT
from bot.content.loader import load_bank
from bot.core.content import Citation, Tip
from bot.core.tips import choose_tip, favoured_types

BANK = load_bank(ROOT / "content")
BANK_TYPES = list(BANK.scam_types.values())


def tip(tid: str, types: tuple[str, ...] = (), audiences: tuple[str, ...] = ()) -> Tip:
    return Tip(tid, "tip", {"zh-Hans": tid}, types, audiences, Citation())


TIPS = [tip("a", ("order_brushing",)), tip("b", ("elderly_pension",), ("elderly",)),
        tip("c", ("impersonate_boss",)), tip("d")]


def test_unseen_first_then_the_oldest() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    seen = {"a": now, "b": now, "c": now}
    assert choose_tip(TIPS, seen, {}, None, random.Random(1)) == TIPS[3]
    seen["d"] = now + timedelta(hours=1)
    seen["b"] = now - timedelta(days=3)
    assert choose_tip(TIPS, seen, {}, None, random.Random(1)) == TIPS[1]
    assert choose_tip([], {}, {}, None, random.Random(1)) is None


def test_weighted_toward_missed_types_and_audience() -> None:
    rng = random.Random(3)
    picks = Counter(choose_tip(TIPS, {}, {"impersonate_boss": 5}, None, rng).id  # type: ignore[union-attr]
                    for _ in range(2000))
    assert picks["c"] == max(picks.values())
    picks = Counter(choose_tip(TIPS, {}, {}, "elderly", rng).id  # type: ignore[union-attr]
                    for _ in range(2000))
    assert picks["b"] == max(picks.values())
    student = favoured_types(BANK_TYPES, "student")  # from the content bank, as pushes do
    picks = Counter(choose_tip(TIPS, {}, {}, "student", rng, student).id  # type: ignore[union-attr]
                    for _ in range(2000))
    assert picks["a"] == max(picks.values())


def test_favoured_types_come_from_the_content_bank() -> None:
    assert "order_brushing" in favoured_types(BANK_TYPES, "student")
    assert favoured_types(BANK_TYPES, None) == frozenset()
    assert favoured_types(BANK_TYPES, "elderly") <= set(BANK.scam_types)
