"""Build reply values for content items, shared by several use cases."""

from __future__ import annotations

from typing import Any

from bot.core.callbacks import AnswerOption, OpenCheck, OpenQuiz, OpenSettings, OpenTopics
from bot.core.content import RESPONSES, SCAM_OR_GENUINE, Bank, Citation, Question, pick
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


def technique_names(bank: Bank, q: Question, locale: str) -> list[str]:
    """The names of the manipulation techniques a question teaches."""
    return [pick(bank.techniques[t].name, locale) for t in q.techniques if t in bank.techniques]


def sample_ctx(q: Question, locale: str) -> dict[str, Any] | None:
    """A scam-or-genuine item's message: channel, sender and text; None for other kinds."""
    if q.kind != SCAM_OR_GENUINE or q.message is None:
        return None
    return {
        "channel": q.message.channel,
        "sender": pick(q.message.sender, locale),
        "text": pick(q.message.text, locale).strip(),
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
        "sample": sample_ctx(q, locale),
        "techniques": technique_names(bank, q, locale),
    }


def answer_keyboard(round_id: int, position: int, q: Question, n_options: int) -> Keyboard:
    """Lettered answer buttons in one row; 诈骗 / 正常 / 拿不准 for a scam-or-genuine item."""
    if q.kind == SCAM_OR_GENUINE:
        return (tuple(button(f"btn.verdict.{r}", AnswerOption(round_id, position, i))
                      for i, r in enumerate(RESPONSES)),)
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
