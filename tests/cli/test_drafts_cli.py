"""Drafts from a cluster of reports through the real CLI: a scam-or-genuine question saved as a
draft in the content bank (checked like any item), lexicon suggestions, a warning broadcast."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import yaml

from bot.config import ROOT
from tests.cli.test_cli import antifraud
from tests.cli.test_reports_cli import seed


def test_draft_question_lexicon_and_warning_from_a_cluster(db_url: str, tmp_path: Path) -> None:
    asyncio.run(seed(db_url))
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    env = {"DATABASE_URL": db_url, "CONTENT_DIR": str(content)}
    res = antifraud("content", "draft", "--from-cluster", "1", env=env)
    assert res.returncode == 1 and "--scam-type" in res.stderr  # the checker named none
    res = antifraud("content", "draft", "--from-cluster", "3", "--scam-type",
                    "fake_customer_service", env=env)
    assert res.returncode == 0, res.stderr
    assert "report-c5-s01 (status draft)" in res.stdout
    items = yaml.safe_load((content / "questions" / "fake_customer_service.yaml")
                           .read_text(encoding="utf-8"))
    (item,) = [i for i in items if i["id"] == "report-c5-s01"]
    assert item["kind"] == "scam_or_genuine" and item["status"] == "draft"
    stem = item["message"]["text"]["zh"]
    assert "etc-gov.example" in stem and "etc-gov.top" not in stem  # never a live scam link
    assert "urgency" in item["techniques"] and "手法" in item["cue"]["zh"]

    lex = antifraud("lexicon", "suggest", env=env)
    assert lex.returncode == 0, lex.stderr
    (suggestion,) = yaml.safe_load(lex.stdout)["suggestions"]
    assert suggestion["domains"] == ["etc-gov.top"] and suggestion["phrases"]

    warn = antifraud("broadcast", "create", "--from-cluster", "2", "--dry-run", env=env)
    assert warn.returncode == 0, warn.stderr
    assert "5 人举报" in warn.stdout and "etc-gov.top" in warn.stdout
    assert "dry run: nothing scheduled" in warn.stdout
