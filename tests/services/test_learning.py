"""Learning use cases on the in-memory store: shuffled options, scam-or-genuine items, feedback
that stays in the chat, techniques. The real content bank, no database, no HTTP."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from bot.content.loader import load_bank
from bot.core import callbacks as cb
from bot.core.content import SCAM_OR_GENUINE, Bank
from bot.core.events import Actor, Command, Event, Press
from bot.core.replies import Message, Reply, Toast
from bot.core.rounds import options_shown
from bot.services.context import Defaults
from bot.services.service import BotService
from tests.fakes import FakeDb
from tests.services.test_use_cases import FakeChecker, StaticBank

NOW = datetime(2026, 12, 1, 4, tzinfo=UTC)
ME = 42
CONTENT = Path(__file__).resolve().parents[2] / "content"


@lru_cache(maxsize=1)
def real_bank() -> Bank:
    """The shipped bank as the bot serves it."""
    return load_bank(CONTENT).published()


def only(kind: str, multi: bool) -> Bank:
    """The real bank narrowed to one kind (scam-or-genuine) or to the other kinds."""
    bank = real_bank()
    qs = {k: q for k, q in bank.questions.items() if (q.kind == kind) != multi}
    return Bank(bank.sources, bank.scam_types, qs, techniques=bank.techniques)


class Learner:
    """A BotService over a FakeDb; `restart()` builds a new service on the same data."""

    def __init__(self, bank: Bank, round_length: int = 3, db: FakeDb | None = None) -> None:
        self.bank, self.db = bank, db or FakeDb()
        self.service = BotService(self.db.stores, StaticBank(bank),
                                  Defaults(round_length=round_length), random.Random(5),
                                  FakeChecker())  # type: ignore[arg-type]
        self.update_id = 0

    def restart(self) -> Learner:
        """A new process over the same stored rows."""
        other = Learner(self.bank, db=self.db)
        other.update_id = self.update_id + 1000
        return other

    async def send(self, event: Event) -> list[Reply]:
        self.update_id += 1
        actor = Actor(ME, ME, "zh-hans", "小明", NOW)
        return (await self.service.handle(actor, event, self.update_id))[1]

    async def press(self, action: cb.Action) -> list[Reply]:
        return await self.send(Press(cb.encode(action), 1))


def messages(replies: list[Reply]) -> list[Message]:
    return [r for r in replies if isinstance(r, Message)]


def actions(msg: Message) -> list[cb.Action | cb.Expired]:
    return [cb.decode(b.data) for row in msg.keyboard for b in row]


async def test_a_press_maps_back_to_the_option_shown_even_after_a_restart() -> None:
    learner = Learner(only(SCAM_OR_GENUINE, multi=True))
    question = messages(await learner.send(Command("quiz", ())))[-1]
    rnd = max(learner.db.tables.rounds.values(), key=lambda r: r.id)
    learner = learner.restart()
    press = actions(question)[1]
    assert isinstance(press, cb.AnswerOption)
    replies = await learner.press(press)
    feedback = messages(replies)[0]
    stored = next(iter(learner.db.tables.answers.values()))
    q = learner.bank.questions[rnd.question_ids[0]]
    shown = question.ctx["options"][1]
    assert stored.chosen == options_shown(rnd, q, 0)[1]
    assert feedback.ctx["chosen_letter"] == "B" and feedback.ctx["options"][1] == shown
    assert q.options[stored.chosen].text["zh-Hans"] == shown["text"]
    assert feedback.ctx["techniques"]  # every published question names its technique


async def test_a_scam_or_genuine_item_shows_the_message_and_three_answers() -> None:
    learner = Learner(only(SCAM_OR_GENUINE, multi=False))
    question = messages(await learner.send(Command("quiz", ())))[-1]
    assert question.ctx["sample"]["channel"] in ("sms", "chat", "call", "email")
    assert question.ctx["sample"]["text"]
    labels = [b.label.key for row in question.keyboard for b in row]
    assert labels == ["btn.verdict.scam", "btn.verdict.genuine", "btn.verdict.unsure"]
    unsure = actions(question)[2]
    replies = await learner.press(unsure)  # type: ignore[arg-type]
    toast, feedback = replies[0], messages(replies)[0]
    assert isinstance(toast, Toast) and toast.template == "toast.unsure"
    assert feedback.ctx["unsure"] and not feedback.ctx["correct"] and feedback.ctx["cue"]
    assert feedback.ctx["chosen_text"] == "拿不准"
    stored = next(iter(learner.db.tables.answers.values()))
    assert (stored.chosen, stored.correct, stored.points) == (2, False, 0)


async def test_answered_questions_stay_in_the_chat_and_the_next_comes_below() -> None:
    learner = Learner(real_bank(), round_length=2)
    question = messages(await learner.send(Command("quiz", ())))[-1]
    answered = messages(await learner.press(actions(question)[0]))  # type: ignore[arg-type]
    assert [m.template for m in answered] == ["quiz.feedback"] and answered[0].edit
    nxt = actions(answered[0])[0]
    assert isinstance(nxt, cb.NextQuestion)
    moved = messages(await learner.press(nxt))
    assert [(m.template, m.edit, bool(m.keyboard)) for m in moved] == [
        ("quiz.feedback", True, False), ("quiz.question", False, True)]
    assert moved[0].ctx["chosen_text"] or moved[0].ctx["chosen_letter"]
    last = messages(await learner.press(actions(moved[1])[0]))  # type: ignore[arg-type]
    done = actions(last[0])[0]
    assert isinstance(done, cb.ShowSummary)
    summary = messages(await learner.press(done))
    assert [(m.template, m.edit) for m in summary] == [("quiz.feedback", True),
                                                       ("quiz.summary", False)]
