"""Discernment as signal detection: d′ with a correction for 0/1 rates, intervals, and a
simulated cohort whose known gain in sensitivity the report recovers."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.discern import Counts, criterion, d_prime, interval, tally
from bot.learning.cohorts import AnswerRow, cohort_report

JOINED = datetime(2026, 11, 2, 9, tzinfo=UTC)  # a Monday


def test_tally_counts_unsure_as_neither_hit_nor_false_alarm() -> None:
    c = tally([("scam", "scam"), ("scam", "unsure"), ("scam", "genuine"),
               ("genuine", "scam"), ("genuine", "unsure"), ("genuine", "genuine")])
    assert c == Counts(hits=1, misses=2, false_alarms=1, correct_rejections=2)
    assert (c.hit_rate, c.false_alarm_rate) == (1 / 3, 1 / 3)


def test_d_prime_is_finite_for_perfect_and_empty_rates() -> None:
    perfect = Counts(hits=10, misses=0, false_alarms=0, correct_rejections=10)
    d = d_prime(perfect)
    assert d is not None and 3.0 < d < 4.0  # log-linear: H = 10.5/11, F = 0.5/11
    assert d_prime(Counts(hits=3)) is None  # no genuine messages answered: undefined
    chance = Counts(5, 5, 5, 5)
    assert d_prime(chance) == pytest.approx(0.0) and criterion(chance) == pytest.approx(0.0)
    lo, hi = interval(Counts(40, 10, 10, 40)) or (0.0, 0.0)
    assert lo < d_prime(Counts(40, 10, 10, 40)) < hi and hi - lo < 1.2  # type: ignore[operator]


def simulate(gain_per_week: float, *, seed: int, users: int = 300, weeks: int = 4,
             per_week: int = 16, start: float = 1.0) -> tuple[list[AnswerRow], dict[str, str]]:
    """Learners under the equal-variance Gaussian model whose true d′ grows each week.

    Evidence is N(+d′/2, 1) for a scam and N(−d′/2, 1) for a genuine message; each learner has
    their own criterion and says 拿不准 when the evidence is close to it.
    """
    rng = random.Random(seed)
    verdicts = {f"s{i}": "scam" if i % 2 == 0 else "genuine" for i in range(per_week * weeks)}
    rows = []
    for u in range(users):
        bias = rng.gauss(0, 0.15)
        for w in range(weeks):
            true_d = start + gain_per_week * w
            for i in range(per_week):
                qid = f"s{w * per_week + i}"
                scam = verdicts[qid] == "scam"
                x = rng.gauss(true_d / 2 if scam else -true_d / 2, 1)
                said = 2 if abs(x - bias) < 0.1 else (0 if x > bias else 1)
                when = JOINED + timedelta(days=7 * w + 1, minutes=i)
                rows.append(AnswerRow(u, "student", JOINED, qid, said,
                                      said == (0 if scam else 1), when))
    return rows, verdicts


def test_the_cohort_estimate_recovers_a_known_gain_in_sensitivity() -> None:
    rows, verdicts = simulate(0.4, seed=19)
    (cohort,) = cohort_report(rows, verdicts)
    by_week = {w["week"]: w for w in cohort["by_week"]}
    gain = by_week[3]["d_prime"] - by_week[0]["d_prime"]
    assert gain == pytest.approx(1.2, abs=0.2), gain  # true gain: 3 weeks × 0.4
    for w, row in by_week.items():
        lo, hi = row["ci95"]
        # The "not sure" band and spread criteria lower the pooled d′ a little; 0.15 allows it.
        assert lo - 0.15 <= 1.0 + 0.4 * w <= hi + 0.15, (w, row)
    assert cohort["users"] == 300 and cohort["audience"] == "student"
    assert cohort["joined_week"] == "2026-11-02"


def test_no_gain_is_estimated_as_none() -> None:
    rows, verdicts = simulate(0.0, seed=20)
    (cohort,) = cohort_report(rows, verdicts)
    by_week = {w["week"]: w for w in cohort["by_week"]}
    assert abs(by_week[3]["d_prime"] - by_week[0]["d_prime"]) < 0.2


def test_first_attempts_are_told_apart_from_later_ones() -> None:
    at = JOINED + timedelta(days=1)
    rows = [AnswerRow(1, None, JOINED, "q", 0, False, at),
            AnswerRow(1, None, JOINED, "q", 1, True, at + timedelta(days=2)),
            AnswerRow(2, None, JOINED + timedelta(days=8), "q", 1, True, at + timedelta(days=9))]
    cohorts = cohort_report(rows, {})
    assert [(c["joined_week"], c["first_attempt"], c["later_attempts"]) for c in cohorts] == [
        ("2026-11-02", {"answers": 1, "accuracy": 0.0}, {"answers": 1, "accuracy": 1.0}),
        ("2026-11-09", {"answers": 1, "accuracy": 1.0}, {"answers": 0, "accuracy": None})]
