"""The content bank's teaching rules: no give-away options, scam-or-genuine items, techniques,
full-width Chinese, audiences and source lines that match their question."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.content.balance import cues, surface_cues
from bot.content.checks import quote_matches, real_domains, real_numbers
from bot.content.entries import Entry
from bot.content.loader import bank_from_entries, load_bank, question
from bot.content.validate import validate
from bot.content.wording import half_width, to_full_width
from bot.core.content import RESPONSES, SCAM_OR_GENUINE, Bank, Citation

ROOT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(ROOT)


def _choice(qid: str, right: str, wrong: list[str], topic: str = "fake_loan") -> dict[str, Any]:
    options = [{"text": {"zh": right, "en": right}, "correct": True}]
    options += [{"text": {"zh": w, "en": w}, "correct": False} for w in wrong]
    return {"id": qid, "status": "published", "scam_type": topic, "kind": "single",
            "difficulty": 1, "techniques": ["upfront_fee"],
            "question": {"zh": "放款前要交钱吗？", "en": "Pay before the loan?"},
            "options": options, "explanation": {"zh": "不要。", "en": "No."}, "source": "general"}


def _sample(qid: str, verdict: str, text: str, topic: str = "fake_loan") -> dict[str, Any]:
    return {"id": qid, "status": "published", "scam_type": topic, "kind": SCAM_OR_GENUINE,
            "difficulty": 1, "techniques": ["unknown_link"], "verdict": verdict,
            "message": {"channel": "sms", "sender": {"zh": "106××××0001", "en": "106××××0001"},
                        "text": {"zh": text, "en": text}},
            "cue": {"zh": "陌生链接。", "en": "An unknown link."},
            "explanation": {"zh": "诈骗。", "en": "Scam."}, "source": "general"}


def test_the_bank_is_valid(bank: Bank) -> None:
    assert [str(p) for p in validate(bank)] == []


def test_the_correct_option_rarely_gives_itself_away(bank: Bank) -> None:
    c = cues(bank.questions.values())
    assert c.choice >= 100
    for loc in ("zh-Hans", "en"):
        assert c.longest[loc] / c.choice <= 0.35
    assert max(c.positions.values()) / c.choice <= 0.35  # no letter is the safe guess
    assert 0.4 <= c.true_right / c.true_false <= 0.6


def test_validate_refuses_longest_correct_options_and_one_sided_true_false() -> None:
    give_away = [question(_choice(f"fake_loan-{i}", "一个很长很长的正确答案", ["短", "短的"]))
                 for i in range(4)]
    problems = [p.message for p in surface_cues(give_away)]
    assert any("strictly the longest in 4/4" in m and "35%" in m for m in problems)
    assert any("4/4 (en); at most 50%" in m for m in problems)
    fair = [question(_choice(f"fake_loan-{i}", "短答案", ["一个更长一些的错误答案", "短"]))
            for i in range(4)]
    assert list(surface_cues(fair)) == []
    tf = _choice("fake_loan-9", "错误", ["正确"]) | {"kind": "true_false"}
    tf["options"] = [tf["options"][1], tf["options"][0]]  # 正确 then 错误, 错误 right
    problems = [p.message for p in surface_cues([question(tf)])]
    assert problems == ["正确 is right in 0/1 true/false questions; keep it between 40% and 60%"]


def test_scam_or_genuine_items_cover_every_type_about_half_genuine(bank: Bank) -> None:
    items = [q for q in bank.published().questions.values() if q.kind == SCAM_OR_GENUINE]
    assert len(items) >= 60
    assert {q.scam_type for q in items} == set(bank.scam_types)
    genuine = Counter(q.verdict for q in items)["genuine"]
    assert 0.4 <= genuine / len(items) <= 0.6
    for q in items:
        assert q.message is not None and q.cue["zh-Hans"] and q.cue["en"]
        assert q.message.text["zh-Hans"] in q.question["zh-Hans"]
        assert q.message.text["en"] in q.question["en"]
        assert q.techniques and q.source.is_general


def test_a_scam_or_genuine_item_has_the_three_fixed_answers() -> None:
    q = question(_sample("fake_loan-s90", "genuine", "您的贷款已到账。"))
    assert [o.text["zh-Hans"] for o in q.options] == ["诈骗", "正常", "拿不准"]
    assert [o.text["zh-Hant"] for o in q.options] == ["詐騙", "正常", "拿不準"]
    assert [o.text["en"] for o in q.options] == ["Scam", "Genuine", "Not sure"]
    assert q.verdict == "genuine" and q.correct_index == 1
    assert [q.response(i) for i in range(3)] == list(RESPONSES)
    assert q.question["zh-Hans"].startswith("短信｜106××××0001\n您的贷款已到账。")
    with pytest.raises(ValueError):
        question(_sample("fake_loan-s91", "maybe", "x"))


def test_scam_messages_use_reserved_domains_and_masked_numbers() -> None:
    assert real_domains("点击 pay.refund-help.example 或 example.com/x 或 a.test") == []
    assert real_domains("登录 www.icbc.com.cn 查看") == ["www.icbc.com.cn"]
    assert real_numbers("拨打13812345678或95588，警方96110") == ["13812345678", "95588"]
    assert real_numbers("致电138××××0000或+00 44 555 0101") == []
    bad = question(_sample("fake_loan-s92", "scam", "速点 loan-cash.com 或致电4008123456"))
    problems = [p.message for p in validate(Bank(questions={bad.id: bad}))]
    assert any("real-looking domain 'loan-cash.com'" in m for m in problems)
    assert any("real-looking number '4008123456'" in m for m in problems)


def test_chinese_text_uses_full_width_punctuation() -> None:
    assert len(half_width("先挂断,再核实:拨打110(免费)!")) == 5
    assert to_full_width("先挂断,再核实:拨打110(免费)!") == "先挂断，再核实：拨打110（免费）！"
    # ASCII stays ASCII: times, amounts, web addresses.
    assert half_width("08:00前还1,236.50元，见 https://a.example/x?y=1,2 或 a.example") == []


def test_every_published_item_is_tagged_with_known_techniques(bank: Bank) -> None:
    pub = bank.published()
    assert len(pub.techniques) >= 10
    for item in [*pub.questions.values(), *pub.scam_types.values()]:
        assert item.techniques and set(item.techniques) <= set(pub.techniques), item.id
    untagged = replace(next(iter(pub.questions.values())), techniques=())
    unknown = replace(untagged, id="x", techniques=("mind_control",))
    problems = [str(p) for p in validate(replace(pub, questions={"a": untagged, "x": unknown}))]
    assert any("no techniques" in p for p in problems)
    assert any("unknown technique 'mind_control'" in p for p in problems)


def test_a_question_for_someones_child_is_never_served_to_a_retiree(bank: Bank) -> None:
    mother = bank.questions["fake_customer_service-08"]
    assert "你70岁的母亲" in mother.question["zh-Hans"] and "elderly" in mother.not_for
    assert mother not in bank.pool(None, audience="elderly")
    assert mother in bank.pool(None, audience="student") and mother in bank.pool(None)
    unmarked = replace(mother, not_for=())
    problems = [p.message for p in validate(Bank(questions={mother.id: unmarked}))]
    assert any("add not_for: [elderly]" in m for m in problems)


def test_a_source_line_must_be_about_its_question(bank: Bank) -> None:
    refund = bank.questions["fake_customer_service-09"]  # an e-commerce refund question
    own = refund.question["zh-Hans"] + refund.detail["zh-Hans"]
    assert not quote_matches("养老钱不能轻易动", own)
    wrong = replace(refund, source=Citation("qd-grid", "养老钱不能轻易动"))
    one = Bank(sources={"qd-grid": bank.sources["qd-grid"]}, questions={wrong.id: wrong})
    assert any("doesn't match the question" in p.message for p in validate(one))
    grounded = [q for q in bank.published().questions.values() if not q.source.is_general]
    assert len(grounded) >= 40


def test_no_internal_notes_or_relatives_in_the_wrong_topic(bank: Bank) -> None:
    for case in bank.cases.values():
        text = case.what_happened["zh-Hans"] + case.what_happened["en"]
        assert "文章没有" not in text and "原文" not in text and "article" not in text
    for qid in ("impersonate_boss-06", "impersonate_boss-10", "impersonate_boss-13"):
        q = bank.questions[qid].question["zh-Hans"]
        assert not any(w in q for w in ("亲戚", "侄子", "老同学"))
    assert "一年能翻上几十倍" not in bank.questions["fake_investment-06"].detail["zh-Hans"]


def test_new_kind_survives_the_bundle_and_database_round_trip(bank: Bank) -> None:
    from bot.content.bundle import dumps, loads
    from bot.content.entries import read_entries

    entries = read_entries(ROOT)
    again = bank_from_entries(loads(dumps(entries)))
    assert again.questions == bank.questions and again.techniques == bank.techniques
    assert any(isinstance(e, Entry) and e.kind == "technique" for e in entries)
