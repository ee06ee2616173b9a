"""The broadcast and stats commands through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import antifraud


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'b.db'}"}


def test_create_list_status_cancel(env: dict[str, str], tmp_path: Path) -> None:
    text = tmp_path / "alert.txt"
    text.write_text("近期有人冒充<客服>退款，请勿转账。", encoding="utf-8")
    dry = antifraud("broadcast", "create", "--text-file", str(text), "--dry-run", env=env)
    assert dry.returncode == 0 and "dry run" in dry.stdout and "&lt;客服&gt;" in dry.stdout
    made = antifraud("broadcast", "create", "--tip", "tip-001", "--audience", "elderly",
                     "--at", "2099-01-01 09:00", env=env)
    assert made.returncode == 0 and "broadcast 1 scheduled" in made.stdout
    listed = json.loads(antifraud("broadcast", "list", "--json", env=env).stdout)
    assert [(b["id"], b["status"], b["audience"]) for b in listed] == [(1, "scheduled", "elderly")]
    status = antifraud("broadcast", "status", "1", "--no-watch", env=env)
    assert "scheduled" in status.stdout and "remaining 0" in status.stdout
    assert antifraud("broadcast", "cancel", "1", env=env).returncode == 0
    again = antifraud("broadcast", "cancel", "1", env=env)
    assert again.returncode == 1 and "already ended" in again.stderr


@pytest.mark.parametrize("args", [
    ["--tip", "no-such-tip"], ["--tip", "tip-001", "--audience", "aliens"],
    ["--tip", "tip-001", "--text-file", "x"], [], ["--tip", "tip-001", "--at", "someday"],
    ["--text-file", "/nonexistent/file.txt"],
])
def test_bad_broadcasts_are_refused_clearly(env: dict[str, str], args: list[str]) -> None:
    res = antifraud("broadcast", "create", *args, env=env)
    assert res.returncode != 0 and "Traceback" not in res.stderr and res.stderr.strip()


def test_stats_json_and_chart(env: dict[str, str], tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    res = antifraud("stats", "--json", "--chart", str(chart), env=env)
    assert res.returncode == 0, res.stderr
    figures = json.loads(res.stdout)
    assert figures["users"] == 0 and "accuracy_by_type" in figures
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
