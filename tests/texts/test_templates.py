"""Every template renders in every locale with sample data; inputs are escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from jinja2 import UndefinedError

from bot.texts import catalog
from bot.texts.catalog import Texts

TOPIC = {"id": "t", "name": "刷单<返利>", "percent": 40, "mastered": False}
BOARD = [{"rank": 1, "name": "<b>x</b>", "points": 10, "me": True}]
SOURCE = {"publisher": "法治日报", "date": "2024-04-02", "region": "广西", "title": "t",
          "quote": "引<用>"}
SAMPLES: dict[str, dict[str, Any]] = {
    "welcome": {"name": "<b>&\""},
    "audience_saved": {"audience": "elderly"},
    "quiz.question": {"index": 1, "total": 5, "topic": "x", "difficulty": 2, "question": "q<",
                      "options": [{"letter": "A", "text": "<i>"}], "sample": None,
                      "techniques": ["安全账户"]},
    "quiz.feedback": {"index": 1, "total": 5, "topic": "x", "question": "q", "correct": False,
                      "right_letter": "B", "right_text": "b", "explanation": "e&",
                      "source": SOURCE, "options": [], "difficulty": 1, "sample": None,
                      "chosen_letter": "A", "chosen_text": "a", "unsure": False,
                      "verdict": None, "cue": "", "techniques": ["安全账户", "<t>"]},
    "source_line": SOURCE,
    "quiz.empty": {"topic": "x"},
    "quiz.summary": {"correct": 3, "total": 5, "points": 30, "total_points": 90, "streak": 2,
                     "weak_topic": "刷单"},
    "topics": {"mastered": 1, "total": 12},
    "topic_unknown": {"word": "<x>"},
    "me": {"points": 1, "rounds": 1, "answers": 5, "accuracy": None, "streak": 1,
           "best_streak": 2, "rank": 3, "topics": [TOPIC], "leaderboard": False, "name": "<n>",
           "handle": "ED5A",
           "techniques": {"practised": 1, "total": 12,
                          "rows": [{"name": "<安全账户>", "percent": 50, "weak": True}]},
           "discern": {"answers": 3, "scams": 2, "genuine": 1, "hit": 50, "false_alarm": 0,
                       "d_prime": "1.2"}},
    "top": {"weekly": BOARD, "overall": [], "opted_in": False},
    "settings": {"language": "en", "audience": None, "round_length": 5, "leaderboard": True,
                 "display_name": "<d>"},
    "help": {"commands": ["start", "quiz"]},
    "unknown_command": {"command": "x"},
    "name.help": {"max": 24},
    "name.invalid": {"max": 24},
    "name.saved": {"name": "<n>", "leaderboard": False},
    "btn.option": {"letter": "A"},
    "btn.practice_weak": {"topic": "x"},
    "btn.topic": {"name": "x", "percent": 3},
    "btn.topic_mastered": {"name": "x", "percent": 90},
    "lang.zhs": {"current": True},
    "lang.zht": {"current": False},
    "lang.en": {"current": False},
    "btn.length": {"n": 5, "current": True},
    "btn.board_toggle": {"on": True},
    "toast.correct": {"points": 10},
}
TEXTS = Texts()


def _feature_samples() -> dict[str, dict[str, Any]]:
    """Sample contexts kept beside the templates, in a `samples:` section of each feature file."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((Path(catalog.__file__).parent / "zh-Hans").glob("*.yaml")):
        out.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("samples") or {})
    return out


SAMPLES.update(_feature_samples())


def all_keys() -> list[str]:
    keys = set(TEXTS.sources["zh-Hans"]["html"]) | set(TEXTS.sources["zh-Hans"]["plain"])
    return sorted(keys)


def test_locales_have_the_same_keys() -> None:
    for kind in ("html", "plain"):
        assert set(TEXTS.sources["en"][kind]) == set(TEXTS.sources["zh-Hans"][kind])


@pytest.mark.parametrize("locale", ["zh-Hans", "zh-Hant", "en"])
@pytest.mark.parametrize("key", all_keys())
def test_every_template_renders(key: str, locale: str) -> None:
    sample = SAMPLES.get(key, {})
    out = TEXTS.render(key, locale, sample)
    assert out.strip()
    if key in TEXTS.sources["zh-Hans"]["html"]:
        raw = [v for v in sample.values() if isinstance(v, str) and "<" in v]
        assert not any(v in out for v in raw)


def test_missing_variable_is_an_error() -> None:
    with pytest.raises(UndefinedError):
        TEXTS.render("welcome", "en", {})


def test_user_input_is_escaped() -> None:
    out = TEXTS.render("welcome", "en", {"name": "<b>&\""})
    assert "&lt;b&gt;&amp;" in out


def test_traditional_is_derived() -> None:
    assert "歡迎" in TEXTS.render("welcome", "zh-Hant", {"name": "x"})


SAMPLE_MSG = {"channel": "sms", "sender": "106<x>", "text": "点击 <a>loan.example</a>"}


@pytest.mark.parametrize("locale", ["zh-Hans", "zh-Hant", "en"])
@pytest.mark.parametrize("outcome", ["correct", "wrong", "unsure"])
def test_scam_or_genuine_feedback_renders(locale: str, outcome: str) -> None:
    """The message in a quote block, what was chosen, the verdict and its cue, escaped."""
    ctx = dict(SAMPLES["quiz.feedback"]) | {
        "sample": SAMPLE_MSG, "correct": outcome == "correct", "unsure": outcome == "unsure",
        "verdict": "scam", "chosen_text": "拿不准", "cue": "不看征信"}
    out = TEXTS.render("quiz.feedback", locale, ctx)
    assert "<blockquote>点击 &lt;a&gt;loan.example&lt;/a&gt;</blockquote>" in out
    assert "不看征信" in out and "拿不准" in out and "&lt;t&gt;" in out
    shown = TEXTS.render("quiz.question", locale,
                         SAMPLES["quiz.question"] | {"sample": SAMPLE_MSG})
    assert "<blockquote>" in shown and "106&lt;x&gt;" in shown
