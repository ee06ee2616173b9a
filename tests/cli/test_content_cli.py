"""The content admin CLI end to end: stats, list, show, add, edit, review states, export/import."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from bot.content.provider import BankProvider
from tests.cli.test_cli import ROOT, antifraud

NEW_QUESTION = {
    "id": "fake_loan-90",
    "scam_type": "fake_loan",
    "kind": "true_false",
    "difficulty": 1,
    "audiences": ["student"],
    "techniques": ["upfront_fee"],
    "question": {"zh": "正规的助学贷款会要求学生先向个人账户转一笔“保证金”。",
                 "en": "A genuine student loan asks for a deposit into a personal account first."},
    "options": [{"text": {"zh": "正确", "en": "True"}, "correct": False},
                {"text": {"zh": "错误", "en": "False"}, "correct": True}],
    "explanation": {"zh": "先交钱再放款就是诈骗。", "en": "Pay-first loans are scams."},
    "detail": {"zh": "助学贷款不收保证金。", "en": "Student loans never take deposits."},
    "source": "general",
}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A private copy of the bank and an empty database."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return {"CONTENT_DIR": str(tmp_path / "content"),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'content.db'}"}


def run_ok(*args: str, env: dict[str, str], stdin: str | None = None) -> str:
    res = antifraud(*args, env=env, stdin=stdin)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_stats_json_meets_the_bank_targets() -> None:
    stats = json.loads(run_ok("content", "stats", "--json", env={}))
    q = stats["questions"]
    assert stats["scam_types"] == 12 and stats["sources"] == 5
    assert q["total"] >= 150 and all(row["total"] >= 8 for row in q["by_type"].values())
    assert len(q["by_type"]) == 12 and all(q["by_kind"][k] > 0 for k in q["by_kind"])
    # A question counts as grounded only when its quote states what it claims (issue 19).
    assert q["grounded"] >= 40 and stats["tips"]["total"] >= 60
    sg = q["scam_or_genuine"]
    assert sg["total"] >= 60 and sg["types"] == 12 and 0.4 <= sg["genuine"] / sg["total"] <= 0.6
    assert stats["languages"]["en"] == stats["languages"]["zh-Hans"] == stats["languages"]["items"]
    assert stats["cases"]["total"] >= 5 and stats["figures"] > 0


def test_list_filters_and_show(env: dict[str, str]) -> None:
    listed = json.loads(run_ok("content", "list", "--type", "fake_loan", "--question-kind",
                               "scenario", "--json", env=env))
    assert listed and all(i["id"].startswith("fake_loan-") for i in listed)
    slogans = json.loads(run_ok("content", "list", "--kind", "tip", "--search", "养老钱",
                                "--json", env=env))
    assert any("养老钱" in i["summary"] for i in slogans)
    shown = json.loads(run_ok("content", "show", "case-liuzhou-pan", "--json", env=env))
    assert shown["kind"] == "case" and shown["data"]["source"]["article"]
    missing = antifraud("content", "show", "no-such-item", env=env)
    assert missing.returncode == 1 and "no item" in missing.stderr


def test_add_from_file_is_a_draft_until_published(env: dict[str, str], tmp_path: Path) -> None:
    root = Path(env["CONTENT_DIR"])
    running = BankProvider(root, check_every=0)  # what a running bot holds
    item = tmp_path / "new.yaml"
    item.write_text(yaml.safe_dump(NEW_QUESTION, allow_unicode=True), encoding="utf-8")
    assert "added question fake_loan-90 (status draft)" in run_ok(
        "content", "add", "question", "--file", str(item), env=env)
    assert running.reload() and "fake_loan-90" not in running().questions
    run_ok("content", "publish", "fake_loan-90", env=env)
    assert running.reload() and "fake_loan-90" in running().questions
    run_ok("content", "retire", "fake_loan-90", env=env)
    assert running.reload() and "fake_loan-90" not in running().questions
    assert "content ok" in run_ok("content", "validate", env=env)


def test_a_change_that_breaks_the_bank_writes_nothing(env: dict[str, str], tmp_path: Path) -> None:
    root = Path(env["CONTENT_DIR"])
    before = (root / "questions" / "fake_loan.yaml").read_bytes()
    bad = dict(NEW_QUESTION, source={"article": "xz-2022-results", "quote": "从未出现的引文"})
    item = tmp_path / "bad.yaml"
    item.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    res = antifraud("content", "add", "question", "--file", str(item), env=env)
    assert res.returncode == 1 and "quote" in res.stderr
    garbage = tmp_path / "garbage.yaml"
    garbage.write_text("{{{ not yaml", encoding="utf-8")
    res = antifraud("content", "add", "question", "--file", str(garbage), env=env)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert (root / "questions" / "fake_loan.yaml").read_bytes() == before


def test_status_change_touches_one_line(env: dict[str, str]) -> None:
    path = Path(env["CONTENT_DIR"]) / "tips.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    run_ok("content", "retire", "tip-002", env=env)
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("  status: published", "  status: retired")]
    res = antifraud("content", "retire", "tip-002", "nope", env=env)
    assert res.returncode == 1 and "nope" in res.stderr


def test_interactive_add_and_editor_edit(env: dict[str, str], tmp_path: Path) -> None:
    answers = "\n".join([
        "tip", "保管好银行卡，不出租不出借。", "Never rent out or lend your bank card.",
        "card_renting", "student", "",
    ]) + "\n"
    out = run_ok("content", "add", "tip", "--id", "tip-900", env=env, stdin=answers)
    assert "added tip tip-900" in out
    shown = json.loads(run_ok("content", "show", "tip-900", "--json", env=env))["data"]
    assert shown["text"]["en"] == "Never rent out or lend your bank card."
    assert shown["status"] == "draft" and shown["source"] == "general"
    editor = tmp_path / "editor.py"
    editor.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text().replace('lend your', 'lend out your'))\n")
    run_ok("content", "edit", "tip-900", env=env | {"EDITOR": f"{sys.executable} {editor}"})
    shown = json.loads(run_ok("content", "show", "tip-900", "--json", env=env))["data"]
    assert shown["text"]["en"] == "Never rent out or lend out your bank card."


def test_export_import_round_trip_is_lossless(env: dict[str, str], tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    run_ok("content", "export", "-o", str(first), env=env)
    assert "imported" in run_ok("content", "import", str(first), env=env)
    run_ok("content", "export", "--from-db", "-o", str(second), env=env)
    assert first.read_bytes() == second.read_bytes()
    again = antifraud("content", "import", str(first), env=env)
    assert again.returncode == 1 and "--replace" in again.stderr
    folder = tmp_path / "restored"
    run_ok("content", "import", str(first), "--into", str(folder), env=env)
    third = tmp_path / "third.json"
    run_ok("content", "export", "-o", str(third), env=env | {"CONTENT_DIR": str(folder)})
    assert third.read_bytes() == first.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    res = antifraud("content", "import", str(bad), env=env)
    assert res.returncode == 1 and "not a content bundle" in res.stderr
