"""The validation problem type and the language check every item kind shares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One validation error, naming the file and item."""

    file: str
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.message}"


def langs(file: str, item: str, field: str, text: object) -> Iterator[Problem]:
    """Problems for a localized text missing Simplified Chinese or English."""
    values = dict(text) if isinstance(text, dict) else {}
    for loc in ("zh-Hans", "en"):
        if not values.get(loc):
            yield Problem(file, item, f"{field} missing {loc}")
