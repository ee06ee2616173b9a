"""The marks of fraud any script shares: a link that lies, a fee to pay first, a code to hand over.

Matched on folded text (lower-case, half-width, Simplified, one character for one), so each mark's
span quotes the user's own words. Facts found outside the core (phone numbers, QR codes in a
picture) come in as `Fact`s and count like marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from bot.core.scamcheck.links import find_links
from bot.core.scamcheck.rules import RULES

# Enough marks for "a scam of another kind" when no script fits; one decisive mark is enough.
OTHER_SCORE = 4.0
_NOT = re.compile(r"(请勿|切勿|不要|别|勿|不会|绝不|不接受|不得|禁止|不收取|严禁|无需|不需要"
                  r"|never|don't|do not|not|won't|will not)\W{0,2}\w{0,6}$")


@dataclass(frozen=True)
class Mark:
    """One mark of fraud: what kind, the words behind it, how much it weighs."""

    kind: str
    start: int
    end: int
    weight: float
    decisive: bool = False
    denied: bool = False  # in a sentence that calls it fraud: no ask, little weight


@dataclass(frozen=True)
class Fact:
    """Something found outside the core: a phone number, or a link read from a QR code."""

    kind: str  # phone | qr_link
    value: str  # as written (a QR code's text is the user's too)
    foreign: bool = False  # a number from another country than the user's region


_ACT = re.compile(r"点击|登录|访问|查看|详情|补全|补充|填写|认证|更新|激活|解封|办理|领取|缴纳"
                  r"|至\s"
                  r"|click|tap|visit|verify|update|confirm|log ?in|settle|claim|reschedule|pay")
_COMPILED = tuple((k, w, d, re.compile(p)) for k, w, d, p in RULES)
_LINK = {"lookalike": (4.0, True), "homoglyph": (4.0, True), "punycode": (3.0, False),
         "ip": (3.0, False), "throwaway_tld": (2.5, False), "shortener": (1.5, False)}


def _negated(text: str, start: int) -> bool:
    """"请勿将验证码告诉他人" warns against the act: it is no mark."""
    return bool(_NOT.search(text[max(0, start - 12):start]))


def find_marks(text: str) -> list[Mark]:
    """Every mark of fraud in folded text, one per kind (the strongest, first written)."""
    found: dict[str, Mark] = {}
    for kind, weight, decisive, pattern in _COMPILED:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not _negated(text, m.start()):
                found.setdefault(kind, Mark(kind, m.start(), m.end(), weight, decisive))
                break
    links = find_links(text)
    for link in links:
        for problem in link.problems:
            weight, decisive = _LINK[problem]
            found.setdefault(problem, Mark(problem, link.start, link.end, weight, decisive))
    if any(not link.official for link in links) and _ACT.search(text):
        first = next(link for link in links if not link.official)
        found.setdefault("link_to_act", Mark("link_to_act", first.start, first.end, 1.5))
    return sorted(found.values(), key=lambda m: m.start)


def fact_marks(facts: Iterable[Fact]) -> list[Mark]:
    """Phone numbers and QR links as marks without a span in the text (start -1)."""
    out = []
    for fact in facts:
        if fact.kind == "phone" and fact.foreign:
            out.append(Mark("foreign_phone", -1, -1, 1.5))
        elif fact.kind == "qr_link":
            for problem in find_links(fact.value.lower())[:1]:
                out += [Mark(p, -1, -1, *_LINK[p]) for p in problem.problems]
                out.append(Mark("qr_link", -1, -1, 1.0))
    return out


def score(marks: Sequence[Mark]) -> float:
    """How strongly the marks together say fraud (a decisive one is enough on its own)."""
    total = sum(m.weight for m in marks)
    return max(total, OTHER_SCORE) if any(m.decisive for m in marks) else total


def is_fraud(marks: Sequence[Mark], enough: float = OTHER_SCORE) -> bool:
    """Marks enough to call a message fraud of some kind, script or none."""
    strong = [m for m in marks if m.kind not in ("urgency", "threat")]
    return score(marks) >= enough and bool(strong)


_SENTENCE = re.compile(r"[^。！？!?；;\n]+?(?:[。！？!?；;\n]|\.(?=\s|$)|$)")
_LINK_MARKS = frozenset(_LINK) | {"link_to_act"}


def denial_spans(text: str, denials: Sequence[str]) -> list[tuple[int, int]]:
    """The sentences that call what they name fraud, or say it is never asked for."""
    if not any(d in text for d in denials):  # most messages: no sentence to look at
        return []
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text)
            if any(d in m.group() for d in denials)]


def soften(marks: Sequence[Mark], warned: Sequence[tuple[int, int]],
           damping: float) -> list[Mark]:
    """Marks in a sentence that calls such acts fraud ("…的都是诈骗") weigh little, decide nothing.

    A link keeps its weight: a warning rarely carries one, a scam dressed as a warning often does.
    """
    if not warned:
        return list(marks)
    return [replace(m, weight=m.weight * damping, decisive=False, denied=True)
            if m.kind not in _LINK_MARKS and any(a <= m.start < b for a, b in warned) else m
            for m in marks]
