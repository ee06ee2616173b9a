"""Calibrated confidence: cross-fitted on held-out folds of the examples; ECE and reliability."""

from __future__ import annotations

import pytest

from bot.config import ROOT
from bot.content.calibrate import fit_maps, fold_pairs
from bot.content.lexicon import load_checker, read_calibration
from bot.core.scamcheck.calibration import (
    Calibration,
    expected_calibration_error,
    reliability,
)


def test_confidence_is_calibrated_on_held_out_folds_and_stored(
        capsys: pytest.CaptureFixture[str]) -> None:
    folds = list(fold_pairs(ROOT / "content"))  # five trainings: shared by both checks
    raw: list[tuple[float, bool]] = []
    calibrated: list[tuple[float, bool]] = []
    for i, held in enumerate(folds):
        asks, quiet = fit_maps(p for j, rows in enumerate(folds) if j != i for p in rows)
        raw += [(x, y) for x, y, _ in held]
        calibrated += [((asks if a else quiet).apply(x), y) for x, y, a in held]
    before, after = expected_calibration_error(raw), expected_calibration_error(calibrated)
    with capsys.disabled():
        print(f"\ncalibration ({len(calibrated)} held-out predictions, 5 folds): "
              f"ECE raw {before:.3f} -> calibrated {after:.3f}")
        print("  bin    mean conf  accuracy  count")
        for lo, conf, acc, n in reliability(calibrated):
            print(f"  {lo:.1f}+   {conf:8.3f}  {acc:8.3f}  {n:5}")
    assert after <= 0.05 < before
    # The stored map is the one every fold's held-out predictions give (bot.content.calibrate).
    assert read_calibration(ROOT / "content") == fit_maps(p for rows in folds for p in rows), \
        "content changed: run python -m bot.content.calibrate"


def test_the_map_is_monotone_and_applied() -> None:
    cal = Calibration(((0.3, 0.1), (0.9, 0.6)))
    assert cal.apply(0.1) == 0.1 and cal.apply(0.6) == pytest.approx(0.35)
    assert cal.apply(1.0) == 0.6 and Calibration().apply(0.8) == 0.8


def test_a_harmless_office_message_is_not_sure(capsys: pytest.CaptureFixture[str]) -> None:
    verdict = load_checker(ROOT / "content").check("公司财务群里老板说下午三点开会")
    with capsys.disabled():
        print(f"\n'公司财务群里老板说下午三点开会': {verdict.kind} {verdict.scam_type} "
              f"{verdict.confidence} level={verdict.level}")
    assert verdict.level in ("unsure", "possible") and not verdict.asks
