"""Sentences, clauses and small text tests shared by the ingest extractors."""

from __future__ import annotations

import re

from bot.content.cleaning import GARBLED

CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』]?|$)")
_CLAUSE = re.compile(r"[，,、；;：:\s]+")
_END = re.compile(r"[。！？!?…；;][”’」』]?[)）]?$")
FRAUD = re.compile(r"诈骗|骗局|被骗|受骗|上当|骗子|骗取|行骗|骗走|骗术|诈骗分子|骗案")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_RELATIVE = {"今年": 0, "去年": -1, "前年": -2}


def cjk_len(text: str) -> int:
    """How many Chinese characters a text holds."""
    return len(CJK.findall(text))


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, each with its closing punctuation (and closing quote)."""
    return [s.strip() for s in _SENTENCE.findall(paragraph) if s.strip()]


def clauses(text: str) -> list[str]:
    """A sentence's clauses: the runs between commas, enumeration marks and spaces."""
    body = text.strip().rstrip("。！？!?；;…”’」』")
    return [c for c in _CLAUSE.split(body) if c]


def is_paragraph(line: str) -> bool:
    """Running text rather than a heading: long, or ending like a sentence."""
    n = cjk_len(line)
    if n >= 60:
        return True
    return n >= 12 and bool(_END.search(line)) and not line.endswith("...")


def is_heading(line: str) -> bool:
    """Short heading-like line: a title, subtitle or section heading."""
    n = cjk_len(line)
    return 4 <= n <= 48 and "。" not in line and not is_paragraph(line) and GARBLED not in line


def year_of(text: str, article_year: int | None = None) -> int | None:
    """The year a passage speaks of: a written year, or this/last year from the article's date."""
    m = YEAR.search(text)
    if m:
        return int(m.group(1))
    if article_year is not None:
        for word, delta in _RELATIVE.items():
            if word in text:
                return article_year + delta
    return None
