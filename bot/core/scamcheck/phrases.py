"""Where a phrase stands in a message: on word edges, and not inside a longer phrase."""

from __future__ import annotations

from collections.abc import Sequence

Hit = tuple[int, int, str, float, int]  # start, end, scam type, weight, group


def drop_covered(found: Sequence[Hit]) -> list[Hit]:
    """Drop phrases inside a longer phrase, in one sweep (a 4096-character paste stays fast)."""
    longest: dict[int, int] = {}  # per start: the furthest end of a phrase starting there
    for start, end, _type, _weight, group in found:
        if group < 0:
            longest[start] = max(longest.get(start, 0), end)
    reach: dict[int, int] = {}  # per start: the furthest end of a phrase starting before it
    furthest = 0
    for start in sorted(longest):
        reach[start] = furthest
        furthest = max(furthest, longest[start])
    return [h for h in found
            if h[4] >= 0 or not (reach[h[0]] >= h[1] or longest[h[0]] > h[1])]


_SUFFIXES = ("s", "es", "ed", "d", "ing")


def word_edge(text: str, start: int, end: int) -> bool:
    """Latin words start on a word boundary and end on one, or on a plural or tense ending."""
    if not text[start].isascii():
        return True
    if start and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    rest = text[end:end + 4]
    for suffix in ("", *_SUFFIXES):
        after = rest[len(suffix):len(suffix) + 1]
        if rest.startswith(suffix) and not (after.isascii() and after.isalnum()):
            return True
    return False
