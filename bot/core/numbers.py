"""Numbers typed by people: ASCII digits only (isdigit() takes ², ٣ and ５; int() not all)."""

from __future__ import annotations


def is_ascii_digits(text: str) -> bool:
    """Whether text is one or more of the characters 0-9 and nothing else."""
    return text.isascii() and text.isdigit()


def ascii_int(text: str, max_digits: int = 18) -> int | None:
    """The non-negative integer written in ASCII digits, or None for anything else."""
    if not is_ascii_digits(text) or len(text) > max_digits:
        return None
    return int(text)
