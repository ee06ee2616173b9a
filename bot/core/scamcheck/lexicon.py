"""The checker's lexicon as plain data (parsed from content/lexicon.yaml outside the core)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Weighted = Mapping[str, float]
Family = tuple[float, tuple[str, ...]]


@dataclass(frozen=True)
class Lexicon:
    """Phrases, word families and cue pairs per scam type, plus small-talk words."""

    phrases: Mapping[str, Weighted]
    generic: Weighted
    groups: Mapping[str, tuple[Family, ...]]
    combos: tuple[tuple[str, str, str, float], ...]
    greetings: tuple[str, ...]
    thanks: tuple[str, ...]
    about_bot: tuple[str, ...]
    warnings: tuple[str, ...] = ()  # words of a warning about scams, not of a scam
    # Words a script's messages always carry one of (a loan for fake_loan, an investment for
    # fake_investment): without one, fraud marks mean a scam of another kind, not this script.
    contexts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Words that say the acts in their sentence are fraud or never asked for ("都是诈骗").
    denials: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Lexicon:
        """Build from parsed YAML; a malformed file raises ValueError naming the part."""
        try:
            return cls(
                phrases={t: {str(p): float(w) for p, w in d.items()}
                         for t, d in data["phrases"].items()},
                generic={str(p): float(w) for p, w in data["generic"].items()},
                groups={t: tuple((float(g["weight"]), tuple(map(str, g["terms"]))) for g in gs)
                        for t, gs in data["groups"].items()},
                combos=tuple((str(t), str(a), str(b), float(w)) for t, a, b, w in data["combos"]),
                greetings=tuple(map(str, data["greetings"])),
                thanks=tuple(map(str, data["thanks"])),
                about_bot=tuple(map(str, data["about_bot"])),
                warnings=tuple(map(str, data.get("warnings") or ())),
                contexts={str(t): tuple(map(str, terms))
                          for t, terms in (data.get("contexts") or {}).items()},
                denials=tuple(map(str, data.get("denials") or ())),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"lexicon: malformed ({exc!r})") from exc
