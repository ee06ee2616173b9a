"""The whole bank in one locale as its users see it, as Markdown for reviewers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from bot.core.content import Bank, Citation, Option

LOCALES = ("zh-Hans", "zh-Hant", "en")
SECTIONS = ("techniques", "scam_types", "questions", "cases", "tips", "figures", "sources")
# Shown in the item's heading rather than as a field.
_HEAD = ("id", "kind", "scam_type", "status")
_MARK = {True: "✓", False: " "}


def _is_text(value: Any) -> bool:
    return isinstance(value, Mapping) and "zh-Hans" in value


def _lines(name: str, value: Any, locale: str, bank: Bank) -> Iterator[str]:
    """One field as Markdown lines, in the locale; other-language fields left out."""
    if _is_text(value):
        shown = value.get(locale)
        if isinstance(shown, tuple):
            yield f"- **{name}**:"
            yield from (f"  - {v}" for v in shown)
        elif shown:
            yield f"- **{name}**: {shown}"
    elif isinstance(value, tuple) and value and isinstance(value[0], Option):
        yield f"- **{name}**:"
        for i, opt in enumerate(value):
            yield f"  - [{_MARK[opt.correct]}] {chr(65 + i)}. {opt.text.get(locale, '')}"
    elif isinstance(value, Citation):
        yield f"- **{name}**: {_citation(value, locale, bank)}"
    elif is_dataclass(value) and not isinstance(value, type):  # a message a question shows
        yield f"- **{name}**:"
        for f in fields(value):
            yield from ("  " + ln for ln in _lines(f.name, getattr(value, f.name), locale, bank))
    elif isinstance(value, tuple):
        if value:
            yield f"- **{name}**: {', '.join(map(str, value))}"
    elif value is not None and value != "":
        yield f"- **{name}**: {value}"


def _citation(c: Citation, locale: str, bank: Bank) -> str:
    if c.is_general:
        return "general"
    src = bank.sources.get(c.article or "")
    if src is None:
        return f"{c.article} (unknown article)"
    said = f"{src.publisher.get(locale, '')}《{src.title.get(locale, '')}》{src.date or ''}"
    return f"{c.article}: {said} “{c.quote or ''}”"  # the quote stays verbatim, as users see it


def _item(item: Any, locale: str, bank: Bank) -> Iterator[str]:
    head = " · ".join(str(getattr(item, f)) for f in _HEAD if getattr(item, f, None))
    yield f"### {head}"
    for f in fields(item):
        if f.name in _HEAD or (f.name == "text" and isinstance(item.text, str)):
            continue  # an article's raw text stays Simplified: it is the quoted record
        yield from _lines(f.name, getattr(item, f.name), locale, bank)
    yield ""


def render_bank(bank: Bank, locale: str) -> str:
    """Every item of every kind, in stored order, with the text its users of locale get."""
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}; use one of {', '.join(LOCALES)}")
    out = [f"# 反诈答题 content bank — {locale}", ""]
    for section in SECTIONS:
        items = list(getattr(bank, section, {}).values())
        out += [f"## {section} ({len(items)})", ""]
        for item in items:
            if is_dataclass(item):
                out += list(_item(item, locale, bank))
    return "\n".join(out).rstrip() + "\n"
