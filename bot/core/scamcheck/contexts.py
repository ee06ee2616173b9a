"""Does a message carry its script's defining context (a loan for fake_loan...)?

A script that fits in tone but not in substance ("a fee to unfreeze" with no loan in sight) is
not trusted over the marks of fraud: the honest answer is then a scam of another kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence


def _pattern(terms: Sequence[str], fold: Callable[[str], str]) -> re.Pattern[str]:
    """One pattern for a script's terms; Latin ones start on a word boundary."""
    parts = []
    for term in sorted({fold(t) for t in terms if t}, key=len, reverse=True):
        left = r"(?<![a-z0-9])" if term[0].isascii() and term[0].isalnum() else ""
        parts.append(left + re.escape(term))
    return re.compile("|".join(parts) or r"(?!)")


class Contexts:
    """Compiled context words per script; a script with none listed always fits."""

    def __init__(self, terms: Mapping[str, Sequence[str]],
                 fold: Callable[[str], str] = lambda s: s) -> None:
        self.patterns = {t: _pattern(words, fold) for t, words in terms.items()}

    def fits(self, text: str, scam_type: str) -> bool:
        """Whether the (folded, squeezed) text names its script's context."""
        pattern = self.patterns.get(scam_type)
        return pattern is None or pattern.search(text) is not None
