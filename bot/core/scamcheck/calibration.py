"""Calibrated confidence: the model's raw probability mapped to how often it was right.

The map is fitted (isotonic, pool-adjacent-violators) on predictions for examples held out of
training, fold by fold; see bot/content/calibrate.py. The core only applies it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Calibration:
    """A monotone map from raw to calibrated probability, as (raw, calibrated) knots."""

    knots: tuple[tuple[float, float], ...] = ()

    def apply(self, raw: float) -> float:
        """The calibrated probability (the raw one when there are no knots)."""
        if not self.knots:
            return raw
        xs = [x for x, _ in self.knots]
        i = bisect_right(xs, raw)
        if i == 0:
            return self.knots[0][1]
        if i == len(xs):
            return self.knots[-1][1]
        (x0, y0), (x1, y1) = self.knots[i - 1], self.knots[i]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1


def fit(pairs: Iterable[tuple[float, bool]]) -> Calibration:
    """Isotonic regression of "was right" on the raw probability."""
    ties: dict[float, list[float]] = {}  # equal raw values are one point (they can't differ)
    for x, y in pairs:
        tie = ties.setdefault(round(x, 4), [0.0, 0.0])
        tie[0] += float(y)
        tie[1] += 1
    blocks: list[list[float]] = []  # [sum of x, sum of y, count]
    for x, (ys, n) in sorted(ties.items()):
        blocks.append([x * n, ys, n])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            last = blocks.pop()
            for k in range(3):
                blocks[-1][k] += last[k]
    return Calibration(tuple((round(sx / n, 4), round(sy / n, 4)) for sx, sy, n in blocks))


def reliability(pairs: Sequence[tuple[float, bool]],
                bins: int = 10) -> list[tuple[float, float, float, int]]:
    """Per confidence bin: lower edge, mean confidence, share right, count."""
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            table.append((lo, sum(p for p, _ in inside) / len(inside),
                          sum(y for _, y in inside) / len(inside), len(inside)))
    return table


def expected_calibration_error(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Mean |confidence − accuracy| over bins, weighted by how many predictions fall in each."""
    total = len(pairs)
    return sum(n * abs(conf - acc) for _, conf, acc, n in reliability(pairs, bins)) / total \
        if total else 0.0
