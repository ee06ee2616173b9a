"""zh-Hant derived from zh-Hans: OpenCC `s2tw` plus the project's reviewed, protected phrases."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PHRASES_FILE = Path(__file__).with_name("zh_hant.yaml")


@lru_cache(maxsize=1)
def _opencc() -> Any:
    import opencc

    return opencc.OpenCC("s2tw")  # characters only: "s2twp" also swaps in Taiwan IT words


@lru_cache(maxsize=1)
def phrases() -> dict[str, str]:
    """The reviewed phrase table (Simplified → Traditional)."""
    data = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["phrases"].items()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # Longest first, so at any position the longest phrase wins ("标签" over "签").
    keys = sorted(phrases(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


@lru_cache(maxsize=65536)
def to_traditional(text: str) -> str:
    """Simplified to Traditional for Taiwan and Hong Kong readers (derived, never stored).

    The text is cut at each phrase of the table; OpenCC converts only the pieces between, so it
    can never re-split a protected phrase across its edge.
    """
    table, convert = phrases(), _opencc().convert
    out, at = [], 0
    for m in _pattern().finditer(text):
        out += [str(convert(text[at:m.start()])) if m.start() > at else "", table[m.group(0)]]
        at = m.end()
    out.append(str(convert(text[at:])) if at < len(text) else "")
    return "".join(out)
