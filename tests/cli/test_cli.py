"""The real `antifraud` command in a subprocess."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import yaml

from tests.cli_process import antifraud_process

ROOT = Path(__file__).resolve().parents[2]


def antifraud(*args: str, env: dict[str, str] | None = None,
              stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in its own process with a clean environment plus overrides."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    full.update(env or {})
    return antifraud_process(*args, env=full, stdin=stdin)


def test_a_cold_python_m_bot_runs_the_same_cli() -> None:
    """The warm fork above must not hide a failure of the real entry point."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    cold = subprocess.run([sys.executable, "-m", "bot", "check", "--json", "刷单返利，先垫付"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    warm = antifraud("check", "--json", "刷单返利，先垫付")
    assert cold.returncode == warm.returncode == 0, cold.stderr + warm.stderr
    assert cold.stdout == warm.stdout and "order_brushing" in cold.stdout


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    res = antifraud("db", "upgrade", env={"DATABASE_URL": f"sqlite+aiosqlite:///{db}"})
    assert res.returncode == 0, res.stderr
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master")}
    assert "users" in tables and "alembic_version" in tables


def test_content_validate_passes_on_the_bank() -> None:
    res = antifraud("content", "validate")
    assert res.returncode == 0, res.stderr
    assert "content ok" in res.stdout


def test_content_validate_names_file_and_item(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "questions").mkdir(parents=True)
    (content / "sources").mkdir()
    for name in ("scam_types.yaml", "sources"):
        src = ROOT / "content" / name
        if src.is_dir():
            for f in src.iterdir():
                (content / name / f.name).write_text(f.read_text())
        else:
            (content / name).write_text(src.read_text())
    bad = [{
        "id": "fake_loan-99", "status": "published", "scam_type": "fake_loan", "kind": "single",
        "difficulty": 1, "audiences": [], "question": {"zh": "问", "en": "Q"},
        "options": [{"text": {"zh": "甲", "en": "A"}, "correct": True},
                    {"text": {"zh": "乙", "en": "B"}, "correct": True},
                    {"text": {"zh": "丙", "en": "C"}, "correct": False}],
        "explanation": {"zh": "解释", "en": "E"}, "detail": {"zh": "d", "en": "d"},
        "source": {"article": "xz-2022-results", "quote": "这句话不在原文里"},
    }]
    (content / "questions" / "fake_loan.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True))
    res = antifraud("content", "validate", env={"CONTENT_DIR": str(content)})
    assert res.returncode == 1
    assert "fake_loan-99" in res.stderr and "exactly one correct" in res.stderr
    assert "quote not found verbatim" in res.stderr


def test_bad_setting_is_a_clear_error() -> None:
    res = antifraud("db", "upgrade", env={"DEFAULT_TIMEZONE": "Mars/Base"})
    assert res.returncode == 2
    assert "unknown time zone" in res.stderr
