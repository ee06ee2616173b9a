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


async def answer_round(learner: Learner, pick_for: dict[str, int]) -> None:
    """Play one round, pressing the stored option `pick_for[verdict]` on each item."""
    shown = messages(await learner.send(Command("quiz", ())))[-1]
    while True:
        rnd = max(learner.db.tables.rounds.values(), key=lambda r: r.id)
        q = learner.bank.questions[rnd.current]
        feedback = messages(await learner.press(actions(shown)[pick_for[q.verdict or ""]]))[0]  # type: ignore[arg-type]
        nxt = actions(feedback)[0]
        if isinstance(nxt, cb.ShowSummary):
            return
        shown = messages(await learner.press(nxt))[-1]  # type: ignore[arg-type]


async def test_me_shows_hits_false_alarms_d_prime_and_techniques() -> None:
    learner = Learner(only(SCAM_OR_GENUINE, multi=False), round_length=10)
    # Calls every scam a scam, and every genuine message a scam too: hit 100%, false alarm 100%.
    await answer_round(learner, {"scam": 0, "genuine": 0})
    me = messages(await learner.send(Command("me", ())))[0]
    disc = me.ctx["discern"]
    assert disc["answers"] == 10 and disc["hit"] == 100 and disc["false_alarm"] == 100
    assert abs(float(disc["d_prime"])) < 0.6  # says "scam" to everything: no discernment
    techniques = me.ctx["techniques"]
    assert techniques["practised"] >= 1 and techniques["total"] == len(real_bank().techniques)
    assert techniques["rows"][0]["weak"]  # the genuine ones were all missed

    sharp = Learner(only(SCAM_OR_GENUINE, multi=False), round_length=10)
    await answer_round(sharp, {"scam": 0, "genuine": 1})
    disc = messages(await sharp.send(Command("me", ())))[0].ctx["discern"]
    assert (disc["hit"], disc["false_alarm"]) == (100, 0) and float(disc["d_prime"]) > 2


async def test_a_subscriber_opts_in_to_a_booster_on_an_unpractised_technique() -> None:
    from bot.services.push import compose_reminder

    learner = Learner(real_bank())
    started = messages(await learner.send(Command("subscribe", ("booster",))))[0]
    assert started.ctx["booster"] is True
    async with learner.db.stores() as store:
        user = await store.users.get(ME)
        assert user is not None
        tip = await compose_reminder(store, learner.bank, user, NOW, random.Random(1))
        await store.commit()
    assert tip is not None and tip.ctx["booster"]
    boost = next(a for a in actions(tip) if isinstance(a, cb.PracticeTechnique))
    question = messages(await learner.press(boost))[0]
    rnd = max(learner.db.tables.rounds.values(), key=lambda r: r.id)
    assert len(rnd.question_ids) == 1 and question.template == "quiz.question"
    assert boost.technique in learner.bank.questions[rnd.question_ids[0]].techniques
    # Opting out on the panel: the next reminder carries no booster.
    assert messages(await learner.press(cb.SetBooster(False)))[0].ctx["booster"] is False
    async with learner.db.stores() as store:
        user = await store.users.get(ME)
        assert user is not None
        tip = await compose_reminder(store, learner.bank, user, NOW, random.Random(1))
    assert tip is not None and tip.ctx["booster"] is None
