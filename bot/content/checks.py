"""Checks beyond references: techniques, scam-or-genuine messages, audiences."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.content.validate_base import Problem, langs
from bot.core.content import AUDIENCES, CHANNELS, SCAM_OR_GENUINE, Bank, Question

# Reserved for examples (RFC 2606/6761): nothing a reader could really visit.
RESERVED_TLDS = (".example", ".invalid", ".test", ".localhost")
RESERVED_DOMAINS = ("example.com", "example.org", "example.net")
DOMAIN = re.compile(r"(?<![\w@.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w-])", re.IGNORECASE)
# Numbers that could belong to someone: mobiles, 400/800 lines, 95xxx service codes, +CC numbers.
REAL_NUMBER = re.compile(
    r"(?<!\d)(?:1[3-9]\d{9}|[48]00[- ]?\d{3}[- ]?\d{4}|9[56]\d{3,4}"
    r"|\+[1-9]\d{0,2}[- ]?\d{5,})(?!\d)"
)
# Numbers the public is told to call: police, the anti-fraud hotline, the MIIT complaint line.
PUBLIC_NUMBERS = {"110", "96110", "12381", "12321", "12345"}
QUOTE_OVERLAP = 2


def real_domains(text: str) -> list[str]:
    """Domains in a text that are not reserved for examples."""
    out = []
    for m in DOMAIN.finditer(text):
        d = m.group(0).lower().rstrip(".")
        if not (d.endswith(RESERVED_TLDS) or any(d == r or d.endswith("." + r)
                                                for r in RESERVED_DOMAINS)):
            out.append(d)
    return out


def real_numbers(text: str) -> list[str]:
    """Phone numbers in a text that could belong to a real person or company."""
    return [m.group(0) for m in REAL_NUMBER.finditer(text) if m.group(0) not in PUBLIC_NUMBERS]


def _sample(f: str, q: Question) -> Iterator[Problem]:
    msg = q.message
    if msg is None:
        yield Problem(f, q.id, "a scam-or-genuine item needs a message")
        return
    if msg.channel not in CHANNELS:
        yield Problem(f, q.id, f"unknown channel {msg.channel!r}")
    yield from langs(f, q.id, "message text", msg.text)
    yield from langs(f, q.id, "cue", q.cue)
    if q.verdict not in ("scam", "genuine") or len(q.options) != 3:
        yield Problem(f, q.id, "verdict must be scam or genuine")
    for loc in ("zh-Hans", "en"):
        shown = f"{msg.sender.get(loc, '')}\n{msg.text.get(loc, '')}"
        for d in real_domains(shown):
            yield Problem(f, q.id, f"real-looking domain {d!r} ({loc}): use *.example")
        for n in real_numbers(shown):
            yield Problem(f, q.id, f"real-looking number {n!r} ({loc}): mask it (138××××0000)")


def _bigrams(text: str) -> set[str]:
    han = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    return {han[i : i + 2] for i in range(len(han) - 1)}


def quote_matches(quote: str, own_text: str) -> bool:
    """Whether a quote shares at least two Chinese word pairs with the item it is shown under."""
    return len(_bigrams(quote) & _bigrams(own_text)) >= QUOTE_OVERLAP


def _question_text(q: Question) -> str:
    parts = [q.question, q.explanation, q.detail, *(o.text for o in q.options)]
    return "".join(p.get("zh-Hans", "") for p in parts)


def source_lines(bank: Bank) -> Iterator[Problem]:
    """A quote shown under a question or tip must be about what that item says."""
    for q in bank.questions.values():
        if q.source.quote and not quote_matches(q.source.quote, _question_text(q)):
            yield Problem(f"questions/{q.scam_type}.yaml", q.id,
                          f"the quote doesn't match the question: {q.source.quote!r}")
    for tip in bank.tips.values():
        if tip.source.quote and not quote_matches(tip.source.quote, tip.text.get("zh-Hans", "")):
            yield Problem("tips.yaml", tip.id,
                          f"the quote doesn't match the tip: {tip.source.quote!r}")


def _tags(bank: Bank, f: str, item: str, tags: tuple[str, ...],
          required: bool = True) -> Iterator[Problem]:
    if required and not tags:
        yield Problem(f, item, "no techniques: tag it with those it teaches")
    for t in tags:
        if t not in bank.techniques:
            yield Problem(f, item, f"unknown technique {t!r}")
    if len(set(tags)) != len(tags):
        yield Problem(f, item, "a technique is listed twice")


def techniques(bank: Bank) -> Iterator[Problem]:
    """The vocabulary is complete and every tag names one of its techniques."""
    for t in bank.techniques.values():
        yield from langs("techniques.yaml", t.id, "name", t.name)
        yield from langs("techniques.yaml", t.id, "summary", t.summary)
    for st in bank.scam_types.values():
        yield from _tags(bank, "scam_types.yaml", st.id, st.techniques,
                         required=st.status == "published")
    for tip in bank.tips.values():
        # General slogans and "call 110" tips teach no single technique; topic tips do.
        yield from _tags(bank, "tips.yaml", tip.id, tip.techniques,
                         required=bool(tip.scam_types) and tip.status == "published")
    for q in bank.questions.values():
        yield from _tags(bank, f"questions/{q.scam_type}.yaml", q.id, q.techniques,
                         required=q.status == "published")


def question_extra(q: Question) -> Iterator[Problem]:
    """Checks on one question that the base validation doesn't make."""
    f = f"questions/{q.scam_type}.yaml"
    for a in q.not_for:
        if a not in AUDIENCES:
            yield Problem(f, q.id, f"unknown audience {a!r} in not_for")
    if q.kind == SCAM_OR_GENUINE:
        yield from _sample(f, q)
    elif q.message is not None:
        yield Problem(f, q.id, "only scam-or-genuine items show a message")
