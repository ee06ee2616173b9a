"""A verdict, how sure it may sound, and how the marks of fraud change a script's verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.core.scamcheck.marks import Mark, is_fraud, score

NONE = "none"
OTHER = "other"  # a scam of another kind: the marks of fraud, no known script
QUOTE_MAX = 40  # characters of one quote: a quote is a reminder, not a copy of the message
FLAGS_MAX = 6
# A script whose own strongest phrase weighs less than this is not trusted over the marks.
OWN_PHRASE = 3.0
# ...or whose calibrated confidence is below this, when it carries its context ("Hi Mum, new
# number, send £300" is impersonate_boss: the marks agree with the script).
TRUSTED = 0.8
# The marks that tell how the message came (a link) are quoted before the script's words.
LINK_KINDS = ("lookalike", "homoglyph", "punycode", "ip", "throwaway_tld", "shortener")
# Marks no known script owns (a computer "blocked", a licence "包过", a sale off the
# platform, a job abroad): with one, only a script's decisive phrase (安全账户, 刷单) keeps it.
ALIEN = frozenset({"tech_support", "fixer", "job_abroad", "travel_arranged",
                   "passport_kept", "off_platform", "no_viewing", "bypass_official",
                   "payment_held", "toll"})
# A script without its context needs fewer marks to give way ("you won… pay the tax first").
UNFIT_SCORE = 3.0


@dataclass(frozen=True)
class Verdict:
    """What the checker makes of one message."""

    kind: str  # scam | other | unsure | benign | greeting | thanks | about_bot
    scam_type: str  # a scam type id, "other" or "none"
    confidence: float  # calibrated: the chance the named type is right
    red_flags: tuple[str, ...]  # quoted from the user's own text
    runner_up: str | None = None
    marks: tuple[str, ...] = ()  # kinds of fraud marks found (links, fees, codes...)
    decisive: bool = False  # a decisive phrase or mark: only then may it sound certain
    asks: bool = True  # it asks for money, a code, a click...: without, never more than possible

    @property
    def level(self) -> str:
        """How sure, in plain words: certain, likely, possible or unsure."""
        if self.kind not in ("scam", OTHER):
            return "unsure"
        if self.decisive and self.confidence >= 0.9:
            return "certain"
        return "likely" if self.confidence >= 0.7 and self.asks else "possible"


def quote(text: str) -> str:
    """A quote that fits a message: whitespace collapsed, at most QUOTE_MAX characters."""
    short = " ".join(text.split())
    return short if len(short) <= QUOTE_MAX else short[:QUOTE_MAX - 1] + "…"


def tidy_flags(flags: Sequence[str]) -> tuple[str, ...]:
    """Quotes collapsed and capped, blanks and repeats dropped, at most FLAGS_MAX."""
    out: list[str] = []
    whole: list[str] = []  # the uncut quotes: one inside another adds nothing
    for flag in flags:
        q, full = quote(flag), " ".join(flag.split())
        if q and q not in out and not any(full in w for w in whole):
            out.append(q)
            whole.append(full)
    return tuple(out[:FLAGS_MAX])


def mark_quotes(source: str, marks: Sequence[Mark]) -> list[str]:
    """The user's words behind each mark, links first."""
    ordered = sorted((m for m in marks if m.start >= 0),
                     key=lambda m: (m.kind not in LINK_KINDS, -m.weight, m.start))
    return [source[m.start:m.end] for m in ordered]


def with_marks(verdict: Verdict, marks: Sequence[Mark], source: str,
               own_top: float, fits: bool = True) -> Verdict:
    """A script's verdict weighed against the marks of fraud found in the same text.

    A script without its defining context (fake_loan with no loan) never wins over the marks.
    """
    kinds = tuple(dict.fromkeys(m.kind for m in marks))
    quotes = mark_quotes(source, marks)
    decisive = verdict.decisive or any(m.decisive for m in marks)
    named = verdict.scam_type not in (NONE, OTHER)
    fraud = is_fraud(marks) or (named and not fits and is_fraud(marks, UNFIT_SCORE))
    alien = any(m.kind in ALIEN and not m.denied for m in marks)
    trusted = fits and (verdict.decisive if alien
                        else own_top >= OWN_PHRASE or verdict.confidence >= TRUSTED)
    # The marks say fraud and the script's own phrases and context agree, though the model
    # doubts: the script, sounding no surer than its calibrated confidence.
    confirmed = verdict.kind == "unsure" and verdict.scam_type != NONE and fraud and fits \
        and own_top >= OWN_PHRASE
    if (verdict.kind == "scam" and (trusted or not fraud)) or confirmed:
        flags = tidy_flags([*quotes[:2], *verdict.red_flags, *quotes[2:]])
        return replace(verdict, kind="scam", red_flags=flags, marks=kinds, decisive=decisive)
    if fraud:
        sure = min(0.9, 0.5 + score(marks) / 20)
        return Verdict(OTHER, OTHER, round(sure, 2), tidy_flags(quotes),
                       verdict.scam_type if verdict.scam_type != NONE else None, kinds,
                       decisive)
    if quotes and verdict.kind not in ("scam", "unsure") and score(marks) >= 2.5:
        return Verdict("unsure", NONE, 0.3, tidy_flags(quotes), None, kinds)
    flags = tidy_flags([*verdict.red_flags, *quotes] if verdict.kind == "unsure"
                       else verdict.red_flags)
    return replace(verdict, red_flags=flags, marks=kinds)
