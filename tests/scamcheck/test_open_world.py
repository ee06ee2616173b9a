"""Smishing, link-only notices, scams of another kind and genuine look-alikes (issue 18, 2 and 7).

Two development sets, never trained on: dev_open.jsonl was written first and the marks of fraud
were tuned on it; dev_check.jsonl was written after the tuning and run once. A row's `label` is
the verdict we want, `also` other verdicts we accept (a toll SMS may be called "impersonate
officials" or "a scam of another kind"; neither is a wrong script).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from bot.config import ROOT
from bot.content.lexicon import load_checker, read_examples
from bot.core.scamcheck import NONE, OTHER, Checker
from bot.core.scamcheck.calibration import expected_calibration_error

HERE = Path(__file__).parent
# dev_open2 / dev_check2 (the second round: private pay-first sales, donations to a person,
# prize fees, escrow "frozen" accounts, tech support, overpaid cheques, fixers, job fees, bank
# "did you attempt" alerts) follow the same rule: tuned on the first, the second run once.
DEV_SETS = ("dev_open.jsonl", "dev_check.jsonl", "dev_open2.jsonl", "dev_check2.jsonl")
GROUPS = ("smishing", "link_notice", "other_kind", "genuine")
# Floors per group: the share of rows given an accepted verdict (for genuine ones: "none").
FLOORS = {"smishing": 0.85, "link_notice": 0.85, "other_kind": 0.85, "genuine": 0.85}


@pytest.fixture(scope="module")
def checker() -> Checker:
    return load_checker(ROOT / "content")


def _rows(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines()]


def _report(name: str, tally: dict[tuple[str, str], list[int]],
            families: dict[str, list[int]]) -> None:
    print(f"\nopen world on {name} (right / caught as a scam / n; genuine: kept as none):")
    for group in GROUPS:
        cells = {lang: f"{r}/{c}/{n}" for (g, lang), (r, c, n) in sorted(tally.items())
                 if g == group}
        print(f"  {group:12} {cells}")
    print("  families:", {f: f"{r}/{n}" for f, (r, _, n) in sorted(families.items())})


@pytest.mark.parametrize("name", DEV_SETS)
def test_scams_of_every_family_are_named_or_called_another_kind(
        checker: Checker, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    families: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    benign_with_marks = []
    for row in _rows(name):
        verdict = checker.check(str(row["text"]))
        right = verdict.scam_type in (row["label"], *row["also"])  # type: ignore[misc]
        caught = verdict.scam_type != NONE
        group = str(row["group"])
        for cell in (tally[(group, "all")], tally[(group, str(row["lang"]))],
                     families[str(row["family"])]):
            cell[0] += right
            cell[1] += caught
            cell[2] += 1
        if row["label"] != NONE and verdict.kind == "benign":
            benign_with_marks.append(row["id"])
        if verdict.kind == OTHER:  # "another kind" always says why, in the user's own words
            assert verdict.red_flags
            assert all(" ".join(f.rstrip("…").split()) in " ".join(str(row["text"]).split())
                       for f in verdict.red_flags), verdict.red_flags
    with capsys.disabled():
        _report(name, tally, families)
    assert not benign_with_marks  # a scam is never called benign
    for group, floor in FLOORS.items():
        right, _, n = tally[(group, "all")]
        assert n >= 5 and right / n >= floor, (group, right, n)


def test_confidence_on_the_dev_sets_is_not_overstated(
        checker: Checker, capsys: pytest.CaptureFixture[str]) -> None:
    pairs = []
    for name in DEV_SETS:
        for row in _rows(name):
            verdict = checker.check(str(row["text"]))
            if verdict.scam_type != NONE:
                pairs.append((verdict.confidence,
                              verdict.scam_type in (row["label"], *row["also"])))  # type: ignore[misc]
    said = sum(p for p, _ in pairs) / len(pairs)
    right = sum(y for _, y in pairs) / len(pairs)
    with capsys.disabled():
        print(f"\ndev-set verdicts: {len(pairs)}, mean confidence {said:.3f}, right {right:.3f}, "
              f"ECE {expected_calibration_error(pairs):.3f}")
    assert said <= right + 0.05  # never surer, on average, than it turns out to be


@pytest.mark.parametrize(("text", "not_script"), [
    ("您在游戏交易平台出售的账号已被买家拍下，资金被冻结，需先缴纳解冻费500元才能提现。",
     "fake_loan"),
    ("恭喜您被抽中为幸运观众，获得二等奖奖金58000元，领奖前需缴纳公证费2680元。", "fake_loan"),
    ("Your in-game item sale was completed but the payment is frozen. Pay an unfreeze fee of "
     "$120 before you can withdraw it.", "fake_investment"),
    ("您的电脑已被锁定，请立即拨打微软客服电话，不要关机。", "fake_customer_service"),
    ("內部學位，唔使考試，先俾五萬打點費。", "fake_loan"),
])
def test_a_script_without_its_context_gives_way_to_another_kind(checker: Checker, text: str,
                                                                 not_script: str) -> None:
    verdict = checker.check(text)
    assert (verdict.kind, verdict.scam_type) == (OTHER, OTHER), verdict
    assert verdict.runner_up != OTHER and verdict.red_flags


def test_a_script_with_its_context_keeps_its_name(checker: Checker) -> None:
    assert checker.check("贷款审核通过了，要先交解冻费才能放款").scam_type == "fake_loan"
    hi_mum = checker.check("Mum my phone broke so this is my new number, can you transfer £400 "
                           "to my friend's account today? I'll pay you back")
    assert hi_mum.scam_type == "impersonate_boss"


def test_a_warning_that_names_the_acts_is_not_a_scam(checker: Checker) -> None:
    verdict = checker.check("【市公安局】提醒：中奖先交公证费、游戏账号交易要交解冻费、"
                            "境外高薪招聘包机票都是骗局，切勿相信。")
    assert verdict.scam_type == NONE and not verdict.decisive
    # The same acts asked for, with a warning tacked on after, are still fraud.
    scam = checker.check("您的游戏账号资金已冻结，请立即缴纳解冻费800元才能提现。谨防诈骗！")
    assert scam.kind == OTHER


def test_a_link_that_borrows_the_senders_name_is_a_look_alike(checker: Checker) -> None:
    verdict = checker.check("Dart Charge: you crossed without paying. Pay the £2.50 charge now "
                            "https://dartcharge-pay.uk.com")
    assert "lookalike" in verdict.marks and verdict.kind in ("scam", OTHER)
    assert "dartcharge-pay.uk.com" in verdict.red_flags[0]
    own = checker.check("Royal Mail: your parcel arrives today. Track it at royalmail.com")
    assert "lookalike" not in own.marks


def test_without_decisive_evidence_never_more_than_likely(checker: Checker) -> None:
    for name in DEV_SETS:
        for row in _rows(name):
            verdict = checker.check(str(row["text"]))
            if not verdict.decisive:
                assert verdict.level != "certain", row["id"]


def test_dev_sets_share_nothing_with_the_examples() -> None:
    learned = {text for _, text in read_examples(ROOT / "content")}
    for name in DEV_SETS:
        rows = _rows(name)
        assert not {str(r["text"]) for r in rows} & learned, name
        assert {str(r["group"]) for r in rows} == set(GROUPS)
        assert {str(r["lang"]) for r in rows} == {"zh-Hans", "zh-Hant", "en"}
