"""`antifraud check` through the real CLI: one message, JSON, and JSON Lines in batch."""

from __future__ import annotations

import json

from tests.cli.test_cli import antifraud


def test_one_message_in_words_and_in_json() -> None:
    res = antifraud("check", "您好，我是淘宝客服，您的快递丢失了，我们将双倍赔偿退款")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("fake_customer_service") and "🚩" in res.stdout
    data = json.loads(antifraud("check", "--json", "Rent out your bank card: $500 a month").stdout)
    assert data["scam_type"] == "card_renting" and 0 < data["confidence"] <= 1
    assert data["red_flags"]


def test_batch_reads_json_lines_and_reports_bad_lines_in_place() -> None:
    lines = [json.dumps({"id": "a", "text": "刷单返利，先垫付后返佣金"}, ensure_ascii=False),
             "{broken", json.dumps({"id": 7}), "",
             json.dumps({"id": 8, "text": "妈，我今晚加班"}, ensure_ascii=False)]
    res = antifraud("check", "--batch", stdin="\n".join(lines) + "\n")
    assert res.returncode == 0, res.stderr
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, 7, 8]
    assert out[0]["scam_type"] == "order_brushing" and "刷单" in out[0]["red_flags"]
    assert "error" in out[1] and "error" in out[2]
    assert out[3] == {"id": 8, "scam_type": "none", "confidence": 0.0, "red_flags": [],
                      "kind": "benign"}
    assert "line 2" in res.stderr


def test_no_text_is_a_clear_error() -> None:
    res = antifraud("check")
    assert res.returncode == 1 and "--batch" in res.stderr
