"""Held-out real-world messages (never trained on): top-1 per family, type and language."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import ROOT
from bot.content.lexicon import load_checker
from bot.core.scamcheck import Checker, Verdict
from bot.core.scamcheck.verdict import QUOTE_MAX
from bot.texts.catalog import Texts

HERE = Path(__file__).parent
# real_world.jsonl was written before the link and mark rules and looked at while writing them;
# fresh.jsonl was written after, and run once the checker was done: its figures are the honest
# ones. Neither is ever learned from (see the last test).
# blind3.jsonl and blind4.jsonl were written blind (by writers who never saw the checker, its
# rules or its output), in this round; blind3's "also" (a second label that fits the bank's own
# type definitions, added blind too) and blind4 before the second open-world round, which never
# saw either file.
# Minimum scam top-1, genuine kept as none, most scams of another kind given a wrong script
# (fresh.jsonl measured 32/41, 13/14 and 3; blind3 170/198, 65/71 and 13 of 47; blind4
# 100/129, 42/52 and 5 of 45).
SETS = {"real_world.jsonl": (0.85, 0.9, 2), "fresh.jsonl": (0.75, 0.9, 3),
        "blind3.jsonl": (0.8, 0.88, 14), "blind4.jsonl": (0.72, 0.78, 6)}


def rows(name: str) -> list[dict[str, str]]:
    return [json.loads(line) for line in (HERE / name).read_text("utf-8").splitlines()]


ROWS = rows("real_world.jsonl")


@pytest.fixture(scope="module")
def checker() -> Checker:
    return load_checker(ROOT / "content")


def named(v: Verdict) -> str:
    return v.scam_type if v.kind in ("scam", "other") else "none"


def is_right(row: dict[str, Any], got: str) -> bool:
    return got == row["label"] or got in row.get("also", ())


@pytest.mark.parametrize("name", SETS)
def test_top1_per_family_type_and_language(checker: Checker, name: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    tally: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0])
    linked = [0, 0]
    wrong_script = 0
    for row in rows(name):
        verdict = checker.check(row["text"])
        got = named(verdict)
        for key in ((row["family"], row["lang"]), (row["family"], row["type"])):
            tally[key][0] += is_right(row, got)
            tally[key][1] += 1
        if {"lookalike", "throwaway_tld", "ip", "shortener", "punycode"} & set(verdict.marks):
            linked[1] += 1
            linked[0] += any("." in f for f in verdict.red_flags)
        if row["family"] == "other_kind" and got not in ("other", "none") \
                and not is_right(row, got):
            wrong_script += 1
    with capsys.disabled():
        print(f"\nheld-out set tests/heldout/{name}:")
        for key, (right, n) in sorted(tally.items()):
            print(f"  {'/'.join(key):34} {right:2}/{n:<2}")
        print(f"  links quoted among red flags: {linked[0]}/{linked[1]}")
        print(f"  scams of another kind given a wrong script: {wrong_script}")
    top1, kept_share, wrong_max = SETS[name]
    genuine = [r for r in rows(name) if r["family"] == "genuine"]
    kept = sum(named(checker.check(r["text"])) == "none" for r in genuine)
    scams = [r for r in rows(name) if r["label"] != "none"]
    hits = sum(is_right(r, named(checker.check(r["text"]))) for r in scams)
    with capsys.disabled():
        print(f"  scams top-1 {hits}/{len(scams)}; genuine kept as none {kept}/{len(genuine)}")
    assert kept / len(genuine) >= kept_share and hits / len(scams) >= top1
    assert linked[0] == linked[1] and wrong_script <= wrong_max


def test_open_world_is_never_benign(checker: Checker) -> None:
    for row in ROWS + rows("fresh.jsonl"):
        if row["family"] == "other_kind":
            assert checker.check(row["text"]).kind in ("other", "scam", "unsure"), row["text"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Your parcel is held. Pay the $1.99 fee at usps-parcel.top", "lookalike"),
    ("登录 pаypal.com 验证账户", "homoglyph"),
    ("点击 http://45.77.1.9/a 补全地址", "ip"),
    ("认证请访问 t.cn/Ab12 ", "shortener"),
])
def test_link_marks_are_quoted(checker: Checker, text: str, kind: str) -> None:
    verdict = checker.check(text)
    assert kind in verdict.marks
    assert any("." in f for f in verdict.red_flags)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=5000), st.sampled_from(["zh-Hans", "zh-Hant", "en"]))
def test_every_verdict_fits_telegram(text: str, locale: str) -> None:
    checker = load_checker(ROOT / "content")
    padded = "安" + " " * 805 + "全账户" + text  # the padding that once broke the limit
    for message in (text, padded * 5):
        verdict = checker.check(message[:4096])
        assert all(len(f) <= QUOTE_MAX and "  " not in f for f in verdict.red_flags)
        ctx = {"flags": list(verdict.red_flags), "level": verdict.level, "name": "x" * 30,
               "steps": ["s" * 200] * 3, "region": "hk", "advice": ["advice.sms"]}
        for key in ("check.verdict", "check.other", "check.unsure"):
            assert len(TEXTS.render(key, locale, ctx)) <= 4096


TEXTS = Texts()


def test_held_out_sets_share_nothing_with_the_examples() -> None:
    from bot.content.lexicon import read_examples

    learned = {text for _, text in read_examples(ROOT / "content")}
    for name in SETS:
        texts = {json.loads(line)["text"] for line in
                 (HERE / name).read_text("utf-8").splitlines()}
        assert not texts & learned, name
