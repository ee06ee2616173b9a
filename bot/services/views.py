"""Build reply values for content items, shared by several use cases."""

from __future__ import annotations

from typing import Any

from bot.core.callbacks import AnswerOption, OpenCheck, OpenQuiz, OpenSettings, OpenTopics
from bot.core.content import Bank, Citation, Question, pick
from bot.core.replies import Button, Keyboard, button

LETTERS = "ABCDEFGHIJKL"


def topic_name(bank: Bank, topic: str | None, locale: str) -> str:
    """A scam type's name, or the all-topics label."""
    st = bank.scam_types.get(topic or "")
    return pick(st.name, locale) if st else ""


def citation(bank: Bank, cite: Citation, locale: str) -> dict[str, Any] | None:
    """Template context for a source line, or None for general knowledge."""
    src = bank.sources.get(cite.article or "")
    if src is None:
        return None
    return {
        "publisher": pick(src.publisher, locale),
        "date": src.date or "",
        "region": pick(src.region, locale),
        "title": pick(src.title, locale),
        "quote": cite.quote or "",
    }


def question_ctx(bank: Bank, q: Question, order: list[int], locale: str) -> dict[str, Any]:
    """Template context shared by a question and its feedback."""
    return {
        "question": pick(q.question, locale),
        "topic": topic_name(bank, q.scam_type, locale),
        "options": [
            {"letter": LETTERS[i], "text": pick(q.options[o].text, locale)}
            for i, o in enumerate(order)
        ],
        "difficulty": q.difficulty,
    }


def answer_keyboard(round_id: int, position: int, n_options: int) -> Keyboard:
    """One row of lettered answer buttons."""
    row: tuple[Button, ...] = tuple(
        button("btn.option", AnswerOption(round_id, position, i), letter=LETTERS[i])
        for i in range(n_options)
    )
    return (row,)


def menu_keyboard() -> Keyboard:
    """The main menu: start a quiz, choose a topic, check a message, settings."""
    return (
        (button("btn.quiz", OpenQuiz()), button("btn.topics", OpenTopics())),
        (button("btn.check", OpenCheck()), button("btn.settings", OpenSettings())),
    )
