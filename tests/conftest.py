"""Shared fixtures: a migrated temporary SQLite database and a small content bank."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import migrate
from bot.core.content import Bank, Citation, Option, Question, ScamType
from bot.storage.engine import make_engine

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


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A migrated SQLite database file."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    migrate(url)
    return url


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[object]:
    """An async engine on the migrated database."""
    eng = make_engine(db_url)
    yield eng
    await eng.dispose()
