"""Choose the next tip for a person: unseen first, toward what they miss and who they are."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime

from bot.core.content import ScamType, Tip


def favoured_types(scam_types: Iterable[ScamType], audience: str | None) -> frozenset[str]:
    """The scam types the content bank says this audience meets most."""
    return frozenset(t.id for t in scam_types if audience and audience in t.audiences)


def tip_weight(tip: Tip, missed: Mapping[str, int], audience: str | None,
               favoured: Collection[str] = ()) -> float:
    """How useful a tip is for this person (higher is better)."""
    weight = 1.0
    weight += 2.0 * sum(min(missed.get(t, 0), 5) for t in tip.scam_types) / 5
    if audience and audience in tip.audiences:
        weight += 2.0
    if set(tip.scam_types) & set(favoured):
        weight += 1.5
    if tip.audiences and audience not in tip.audiences:
        weight -= 0.5  # written for someone else, still useful
    return max(weight, 0.1)


def choose_tip(tips: Sequence[Tip], seen: Mapping[str, datetime], missed: Mapping[str, int],
               audience: str | None, rng: random.Random,
               favoured: Collection[str] = ()) -> Tip | None:
    """Unseen tips first (weighted draw); when all are seen, the one seen longest ago."""
    if not tips:
        return None
    unseen = [t for t in tips if t.id not in seen]
    if not unseen:
        return min(tips, key=lambda t: (seen[t.id], t.id))
    weights = [tip_weight(t, missed, audience, favoured) for t in unseen]
    return rng.choices(unseen, weights=weights, k=1)[0]
