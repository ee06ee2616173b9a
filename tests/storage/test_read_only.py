"""A database this process can't write: one clear error, exit code 2, and the file unchanged."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import migrate
from bot.storage.engine import DatabaseUnwritable, check_writable

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def as_other_user() -> list[str]:
    """A command prefix that drops root, who can write any file whatever its mode."""
    if os.getuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: read-only files are writable")
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@pytest.fixture
def read_only_db() -> Iterator[Path]:
    """A migrated database in a folder, both made read-only; removed afterwards."""
    top = Path(tempfile.mkdtemp(prefix="antifraud-ro-"))  # pytest's tmp is private to root
    top.chmod(0o755)
    folder = top / "ro"
    folder.mkdir()
    path = folder / "bot.db"
    migrate(f"sqlite+aiosqlite:///{path}")
    assert [f.name for f in folder.iterdir()] == ["bot.db"]  # closed cleanly: no -wal/-shm
    path.chmod(0o444)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)
    shutil.rmtree(top)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [
    ["run"], ["broadcast", "create", "--tip", "tip-001"], ["db", "upgrade"]])
def test_read_only_database_is_refused_clearly(read_only_db: Path, command: list[str]) -> None:
    before = digest(read_only_db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")} | {
        "DATABASE_URL": f"sqlite+aiosqlite:///{read_only_db}",
        "TELEGRAM_BOT_TOKEN": "123:read-only", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9"}
    done = subprocess.run([*as_other_user(), sys.executable, "-m", "bot", *command], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "Can't write the database" in done.stderr and str(read_only_db) in done.stderr
    assert "Traceback" not in done.stderr
    assert digest(read_only_db) == before
    assert sorted(p.name for p in read_only_db.parent.iterdir()) == ["bot.db"]
    with sqlite3.connect(f"file:{read_only_db}?mode=ro", uri=True) as db:
        assert db.execute("pragma integrity_check").fetchall() == [("ok",)]


def test_check_writable_passes_a_writable_or_new_database(tmp_path: Path) -> None:
    check_writable(f"sqlite+aiosqlite:///{tmp_path / 'new.db'}")
    check_writable("sqlite+aiosqlite:///:memory:")
    check_writable("postgresql+asyncpg://u@h/db")


def test_check_writable_names_the_problem(tmp_path: Path) -> None:
    if os.getuid() == 0:
        pytest.skip("root can write read-only files; the subprocess test covers it")
    path = tmp_path / "x.db"
    path.write_bytes(b"")
    path.chmod(0o444)
    with pytest.raises(DatabaseUnwritable, match="is read-only"):
        check_writable(f"sqlite+aiosqlite:///{path}")
