"""Shared fixtures: a migrated temporary database (SQLite, or PostgreSQL with
TEST_DATABASE=postgresql: see tests/databases.py) and a small content bank."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import migrate
from bot.core.content import Bank, Citation, Option, Question, ScamType
from bot.storage.engine import make_engine
from tests import databases

ROOT = Path(__file__).resolve().parent.parent


def zh_en(zh: str, en: str) -> dict[str, str]:
    """Localized text in all three locales."""
    return {"zh-Hans": zh, "zh-Hant": zh, "en": en}


def make_question(qid: str, topic: str, correct: int = 0, n: int = 3, difficulty: int = 1,
                  audiences: tuple[str, ...] = ()) -> Question:
    """A question with n options, one correct."""
    return Question(
        id=qid, scam_type=topic, kind="single", difficulty=difficulty, audiences=audiences,
        question=zh_en(f"问题 {qid}", f"Question {qid}"),
        options=tuple(Option(zh_en(f"选项{i}", f"Option {i}"), i == correct) for i in range(n)),
        explanation=zh_en("解释", "Explanation"), detail=zh_en("详细", "Detail"),
        source=Citation(),
    )


def make_bank(topics: dict[str, int]) -> Bank:
    """A bank with the given number of questions per topic."""
    types = {
        t: ScamType(t, zh_en(t, t), zh_en("", ""), {}, {}, {}, (), ()) for t in topics
    }
    qs = {
        f"{t}-{i:02d}": make_question(f"{t}-{i:02d}", t) for t, n in topics.items()
        for i in range(1, n + 1)
    }
    return Bank(scam_types=types, questions=qs)


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[str]:
    """The PostgreSQL server of this session (admin URL), with the migrated template."""
    if not databases.on_postgres():
        pytest.skip("needs TEST_DATABASE=postgresql")
    with databases.postgres_server() as url:
        databases.make_template(url)
        yield url
        databases.drop_template(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated once per session; each test gets a copy (migrating is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate(f"sqlite+aiosqlite:///{path}")
    # Alembic's connection is closed, so WAL is checkpointed: the one file holds everything.
    assert not path.with_name(path.name + "-wal").exists()
    return path


def _migrated_db(request: pytest.FixtureRequest, folder: Path) -> Iterator[str]:
    if not databases.on_postgres():
        target = folder / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        yield f"sqlite+aiosqlite:///{target}"
        return
    admin: str = request.getfixturevalue("pg_admin")
    url = databases.create_database(admin)
    yield url
    databases.drop_database(admin, url)


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database: a SQLite file, or a fresh PostgreSQL database."""
    yield from _migrated_db(request, tmp_path)


@pytest.fixture(scope="module")
def module_db_url(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated database shared by a module's tests (each test keeps to its own users)."""
    yield from _migrated_db(request, tmp_path_factory.mktemp("module_db"))


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[object]:
    """An async engine on the migrated database."""
    eng = make_engine(db_url)
    yield eng
    await eng.dispose()
