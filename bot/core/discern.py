"""Telling scams from genuine messages, as signal detection: hit rate, false alarms and d′.

On a scam-or-genuine item, answering 诈骗 is the "yes". A scam called a scam is a hit; a genuine
message called a scam is a false alarm. 拿不准 and 正常 are both "no": not sure is not a hit, and
it is not a false alarm either. d′ = z(H) − z(F), with the log-linear correction (Hautus 1995:
add 0.5 to each count and 1 to each total) so rates of 0 or 1 give a finite d′, and a 95%
interval from the normal approximation of its variance (Gourevitch & Galanter 1967).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import NormalDist

_N = NormalDist()
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Counts:
    """Answers on scam-or-genuine items, by what the message was and what was said."""

    hits: int = 0  # scam, said scam
    misses: int = 0  # scam, said genuine or not sure
    false_alarms: int = 0  # genuine, said scam
    correct_rejections: int = 0  # genuine, said genuine or not sure

    @property
    def scams(self) -> int:
        """Answers on scam messages."""
        return self.hits + self.misses

    @property
    def genuine(self) -> int:
        """Answers on genuine messages."""
        return self.false_alarms + self.correct_rejections

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.hits + other.hits, self.misses + other.misses,
                      self.false_alarms + other.false_alarms,
                      self.correct_rejections + other.correct_rejections)

    @property
    def hit_rate(self) -> float | None:
        """Share of scams called scams (raw), None without scam answers."""
        return None if self.scams == 0 else self.hits / self.scams

    @property
    def false_alarm_rate(self) -> float | None:
        """Share of genuine messages called scams (raw), None without genuine answers."""
        return None if self.genuine == 0 else self.false_alarms / self.genuine


def tally(answers: Iterable[tuple[str, str]]) -> Counts:
    """Count (verdict, response) pairs: verdict scam/genuine, response scam/genuine/unsure."""
    h = m = fa = cr = 0
    for verdict, response in answers:
        said_scam = response == "scam"
        if verdict == "scam":
            h, m = h + said_scam, m + (not said_scam)
        elif verdict == "genuine":
            fa, cr = fa + said_scam, cr + (not said_scam)
    return Counts(h, m, fa, cr)


def corrected(k: int, n: int) -> float:
    """A rate with the log-linear correction, never exactly 0 or 1."""
    return (k + 0.5) / (n + 1)


def d_prime(c: Counts) -> float | None:
    """Sensitivity z(H) − z(F) on corrected rates; None without both kinds of message."""
    if c.scams == 0 or c.genuine == 0:
        return None
    return _N.inv_cdf(corrected(c.hits, c.scams)) - _N.inv_cdf(corrected(c.false_alarms,
                                                                           c.genuine))


def criterion(c: Counts) -> float | None:
    """Response bias c = −(z(H) + z(F)) / 2: below 0 calls things scams readily."""
    if c.scams == 0 or c.genuine == 0:
        return None
    zh = _N.inv_cdf(corrected(c.hits, c.scams))
    zf = _N.inv_cdf(corrected(c.false_alarms, c.genuine))
    return -(zh + zf) / 2


def standard_error(c: Counts) -> float | None:
    """The standard error of d′ (delta method on the two corrected rates)."""
    if c.scams == 0 or c.genuine == 0:
        return None
    var = 0.0
    for k, n in ((c.hits, c.scams), (c.false_alarms, c.genuine)):
        p = corrected(k, n)
        density = _N.pdf(_N.inv_cdf(p))
        var += p * (1 - p) / (n * density * density)
    return math.sqrt(var)


def interval(c: Counts, z: float = Z95) -> tuple[float, float] | None:
    """A 95% interval for d′, or None when d′ isn't defined."""
    d, se = d_prime(c), standard_error(c)
    if d is None or se is None:
        return None
    return d - z * se, d + z * se
