"""The main use cases on the in-memory store: milliseconds each, no database, no HTTP.

They go through BotService.handle and the router, as an adapter does, and assert what a user
would see (the replies) and what is stored afterwards.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.core import callbacks as cb
from bot.core.content import Bank
from bot.core.events import Actor, Command, Event, Press, Text
from bot.core.replies import Message, Reply, Toast
from bot.core.rounds import options_shown
from bot.core.scamcheck.checker import Verdict
from bot.services.context import Defaults
from bot.services.service import AlreadyHandled, BotService
from tests.conftest import make_bank
from tests.fakes import FakeDb

NOW = datetime(2026, 12, 1, 4, tzinfo=UTC)  # 12:00 in Shanghai
ME = 42


class StaticBank:
    """A bank source that never changes."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank

    def __call__(self) -> Bank:
        return self.bank

    async def refresh(self) -> None:
        return None


class FakeChecker:
    """Calls anything with "验证码" a fake-loan scam, anything else benign."""

    def check(self, text: str) -> Verdict:
        if "验证码" in text:
            return Verdict("scam", "fake_loan", 0.9, ("验证码",))
        return Verdict("benign", "none", 0.1, ())


class Bot:
    """A BotService on a FakeDb, and a user pressing and typing."""

    def __init__(self, round_length: int = 2) -> None:
        self.db = FakeDb()
        bank = make_bank({"fake_loan": 4, "police": 2})
        defaults = Defaults(round_length=round_length, admin_ids=frozenset({7}))
        self.service = BotService(self.db.stores, StaticBank(bank), defaults,
                                  random.Random(3), FakeChecker())  # type: ignore[arg-type]
        self.now, self.update_id = NOW, 0

    async def send(self, event: Event, user_id: int = ME) -> list[Reply]:
        self.update_id += 1
        actor = Actor(user_id, user_id, "zh-hans", "小明", self.now)
        _, replies = await self.service.handle(actor, event, self.update_id)
        return replies

    async def command(self, text: str, user_id: int = ME) -> list[Reply]:
        name, *args = text.lstrip("/").split()
        return await self.send(Command(name, tuple(args)), user_id)

    async def press(self, action: cb.Action | str, user_id: int = ME) -> list[Reply]:
        data = action if isinstance(action, str) else cb.encode(action)
        return await self.send(Press(data, 1), user_id)

    @property
    def tables(self) -> Any:
        return self.db.tables


def templates(replies: list[Reply]) -> list[str]:
    return [r.template for r in replies if isinstance(r, Message | Toast)]


def buttons(reply: Reply) -> list[cb.Action | cb.Expired]:
    assert isinstance(reply, Message)
    return [cb.decode(b.data) for row in reply.keyboard for b in row]


def first_message(replies: list[Reply]) -> Message:
    return next(r for r in replies if isinstance(r, Message) and r.template.startswith("quiz."))


async def test_start_welcomes_a_new_user_asks_their_audience_and_stores_them() -> None:
    bot = Bot()
    assert templates(await bot.command("/start")) == ["welcome", "ask_audience"]
    assert bot.tables.users[ME].language == "zh-Hans" and bot.tables.users[ME].last_seen == NOW
    assert templates(await bot.command("/start")) == ["welcome"]  # known now
    replies = await bot.press(cb.ChooseAudience("elderly"))
    assert templates(replies) == ["toast.saved", "audience_saved"]
    assert bot.tables.users[ME].audience == "elderly"


async def play(bot: Bot, right: bool = True) -> list[Reply]:
    """Answer every question of a fresh round; the replies to the last answer."""
    question = first_message(await bot.command("/quiz"))
    rnd = max(bot.tables.rounds.values(), key=lambda r: r.id)
    bank = bot.service.bank()
    while True:
        press = buttons(question)
        assert all(isinstance(p, cb.AnswerOption) for p in press)
        position = press[0].position  # type: ignore[union-attr]
        q = bank.questions[rnd.question_ids[position]]
        right_button = options_shown(rnd, q, position).index(q.correct_index)
        pick = right_button if right else (right_button + 1) % len(press)
        replies = await bot.press(press[pick])  # type: ignore[arg-type]
        nxt = buttons(first_message(replies))[0]
        if isinstance(nxt, cb.ShowSummary):
            return replies
        moved = await bot.press(nxt)  # type: ignore[arg-type]
        # The answered feedback stays (edited without its button); the question comes new.
        assert templates(moved) == ["quiz.feedback", "quiz.question"]
        assert moved[0].edit and not moved[0].keyboard and not moved[1].edit  # type: ignore[union-attr]
        question = moved[1]


async def test_a_round_is_answered_advanced_and_summed_up() -> None:
    bot = Bot(round_length=2)
    last = await play(bot)
    assert templates(last) == ["toast.correct", "quiz.feedback"]
    user = bot.tables.users[ME]
    assert (user.points, user.rounds, user.streak) == (30, 1, 1)  # 2 × 10 + perfect bonus 10
    assert len(bot.tables.answers) == 2 and sum(bot.tables.weeks.values()) == 30
    rnd = max(bot.tables.rounds.values(), key=lambda r: r.id)
    assert rnd.status == "finished"
    summary = await bot.press(cb.ShowSummary(rnd.id))
    assert templates(summary) == ["quiz.feedback", "quiz.summary"]
    assert summary[1].ctx["correct"] == 2 and summary[1].ctx["total_points"] == 30  # type: ignore[union-attr]


async def test_a_wrong_answer_scores_nothing_and_a_double_tap_counts_once() -> None:
    bot = Bot()
    question = first_message(await bot.command("/quiz"))
    rnd = max(bot.tables.rounds.values(), key=lambda r: r.id)
    press = buttons(question)[0]
    first = await bot.press(press)  # type: ignore[arg-type]
    again = await bot.press(press)  # type: ignore[arg-type]
    assert templates(first)[0] in ("toast.correct", "toast.wrong")
    assert templates(again) == ["toast.already_answered"]
    assert len(bot.tables.answers) == 1
    stat = next(iter(bot.tables.stats.values()))
    assert stat.seen == 1 and stat.question_id == rnd.question_ids[0]


async def test_forged_foreign_and_stale_presses_change_nothing() -> None:
    bot = Bot()
    question = first_message(await bot.command("/quiz"))
    press = buttons(question)[0]
    before = bot.db.commits
    assert templates(await bot.press(press, user_id=99)) == ["toast.expired"]  # not theirs
    for data in ("a:1:0:9", "a:999:0:0", "garbage", "n:1:5", "s:1", "t:nope"):
        assert templates(await bot.press(data)) == ["toast.expired"]
    assert bot.tables.answers == {} and bot.db.commits == before + 7  # seen, nothing scored


async def test_an_update_delivered_twice_is_handled_once() -> None:
    bot = Bot()
    actor = Actor(ME, ME, "zh-hans", "小明", NOW)
    await bot.service.handle(actor, Command("start"), 500)
    with pytest.raises(AlreadyHandled):
        await bot.service.handle(actor, Command("start"), 500)


async def test_settings_change_language_length_and_board() -> None:
    bot = Bot()
    assert templates(await bot.command("/settings")) == ["settings"]
    assert templates(await bot.press(cb.SetLanguage("en"))) == ["toast.saved", "settings"]
    assert templates(await bot.press(cb.SetRoundLength(10))) == ["toast.saved", "settings"]
    assert templates(await bot.press(cb.SetRoundLength(7))) == ["toast.expired"]  # not offered
    await bot.press(cb.SetLeaderboard(True))
    user = bot.tables.users[ME]
    assert (user.language, user.round_length, user.leaderboard) == ("en", 10, True)


async def test_me_shows_points_accuracy_and_rank() -> None:
    bot = Bot()
    await play(bot)
    await bot.command("/start", user_id=5)
    (me,) = await bot.command("/me")
    assert isinstance(me, Message) and me.template == "me"
    assert (me.ctx["points"], me.ctx["answers"], me.ctx["accuracy"], me.ctx["rank"]) == (
        30, 2, 100, None)  # not on the board, so no place on it
    await bot.press(cb.SetLeaderboard(True))
    (me,) = await bot.command("/me")
    assert isinstance(me, Message) and me.ctx["rank"] == 1


async def test_top_lists_only_opted_in_users_and_offers_to_join() -> None:
    bot = Bot()
    await play(bot)
    (top,) = await bot.command("/top")
    assert isinstance(top, Message) and top.ctx["overall"] == [] and not top.ctx["opted_in"]
    assert buttons(top) == [cb.JoinBoard()]
    await bot.press(cb.SetLeaderboard(True))
    (top,) = await bot.command("/top")
    assert isinstance(top, Message) and top.ctx["opted_in"]
    assert [(r["rank"], r["points"], r["me"]) for r in top.ctx["overall"]] == [(1, 30, True)]
    assert [r["points"] for r in top.ctx["weekly"]] == [30]


async def test_subscribe_change_and_stop_reminders() -> None:
    bot = Bot()
    replies = await bot.command("/subscribe daily 20:30")
    assert templates(replies) == ["sub.started"]
    sub = bot.tables.subs[ME]
    assert (sub.frequency, sub.minute) == ("daily", 20 * 60 + 30)
    assert sub.next_due_at == datetime(2026, 12, 1, 12, 30, tzinfo=UTC)  # 20:30 in Shanghai
    assert templates(await bot.press(cb.RemindWeekly())) == ["toast.saved", "sub.panel"]
    assert bot.tables.subs[ME].frequency == "weekly"
    assert templates(await bot.command("/subscribe 03:00")) == ["sub.panel", "sub.quiet"]
    assert templates(await bot.press(cb.StopReminders())) == ["sub.stopped"]
    assert ME not in bot.tables.subs
    assert templates(await bot.press(cb.RemindAt(600))) == ["toast.expired"]  # none to change


async def test_check_names_the_scam_and_counts_it_without_the_text() -> None:
    bot = Bot()
    replies = await bot.send(Text("把验证码发给我就放款"))
    assert templates(replies) == ["check.verdict"]
    assert buttons(replies[0]) == [cb.ShowScamCard("fake_loan"), cb.StartTopic("fake_loan")]
    assert templates(await bot.send(Text("今天天气不错"))) == ["check.no_script"]
    day = NOW.date()
    assert bot.tables.checks == {(day, "scam", "fake_loan"): 1, (day, "benign", "none"): 1}
    assert templates(await bot.press(cb.ShowScamCard("fake_loan"))) == ["check.card"]


async def test_a_streak_grows_on_consecutive_days_only() -> None:
    bot = Bot(round_length=2)
    await play(bot)
    bot.now += timedelta(days=1)
    await play(bot)
    assert bot.tables.users[ME].streak == 2
    bot.now += timedelta(days=3)
    await play(bot)
    assert (bot.tables.users[ME].streak, bot.tables.users[ME].best_streak) == (1, 2)


async def test_staff_confirm_a_broadcast_once_and_the_audit_trail_says_so() -> None:
    bot = Bot()
    draft = await bot.send(Command("broadcast", (), reply_text="注意防骗"), user_id=7)
    assert templates(draft) == ["admin.broadcast_confirm"]
    send = buttons(draft[0])[0]
    assert isinstance(send, cb.BroadcastSend)
    assert templates(await bot.press(send, user_id=ME)) == ["admin.refused"]
    assert templates(await bot.press(send, user_id=7)) == ["toast.saved", "admin.broadcast_queued"]
    assert templates(await bot.press(send, user_id=7)) == ["toast.expired"]  # no longer a draft
    assert bot.tables.broadcasts[send.broadcast_id]["status"] == "scheduled"
    assert [a[1] for a in bot.tables.audit] == ["broadcast_draft", "broadcast_send"]
