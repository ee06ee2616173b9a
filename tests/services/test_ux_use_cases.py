"""The issue-20 behaviours on the in-memory store: the 🔍 menu button, /me's rank as /top has it,
joining under /top, /timezone buttons, the short scam card and its parts, toasts that say what
happened, ticks on current choices, /quiz by part of a topic's name. Milliseconds each; the e2e
consistency tests play a few of them through PTB and the emulator for the rendered text."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.core import callbacks as cb
from bot.core.replies import Message
from bot.services.reminders import TIMEZONE_CHOICES
from tests.conftest import zh_en
from tests.services.test_use_cases import ME, Bot, buttons, play, templates


def labels(reply: object) -> list[tuple[str, dict[str, object]]]:
    """Each button's label key and its context, row after row."""
    assert isinstance(reply, Message)
    return [(b.label.key, dict(b.label.ctx)) for row in reply.keyboard for b in row]


def ticked(reply: object) -> list[str]:
    """The label keys of the buttons marked as the current choice."""
    return [key for key, ctx in labels(reply) if ctx.get("current")]


async def test_the_menu_offers_the_checker_and_the_button_says_how() -> None:
    bot = Bot()
    welcome = (await bot.command("/start"))[0]
    assert cb.OpenCheck() in buttons(welcome)
    assert templates(await bot.press(cb.OpenCheck())) == ["check.how"]


async def test_me_ranks_as_top_orders_and_after_forget_has_no_rank() -> None:
    bot = Bot()
    await play(bot)  # 30 points
    await bot.press(cb.SetLeaderboard(True))
    users = bot.tables.users
    users[5] = replace(users[ME], id=5, points=90, leaderboard=False)  # more, but off the board
    users[3] = replace(users[ME], id=3, points=30, leaderboard=True)  # a tie with a lower id
    users[50] = replace(users[ME], id=50, points=30, leaderboard=True)  # a tie with a higher id
    (top,) = await bot.command("/top")
    assert isinstance(top, Message)
    mine = next(r["rank"] for r in top.ctx["overall"] if r["me"])
    (me,) = await bot.command("/me")
    assert isinstance(me, Message) and me.ctx["rank"] == mine == 2
    replies = await bot.press(cb.ForgetConfirm())
    assert templates(replies) == ["toast.deleted", "privacy.forgotten"]
    (me,) = await bot.command("/me")
    assert isinstance(me, Message) and (me.ctx["rank"], me.ctx["points"]) == (None, 0)


async def test_forget_cancelled_says_cancelled_and_deletes_nothing() -> None:
    bot = Bot()
    await bot.command("/start")
    assert templates(await bot.press(cb.ForgetCancel())) == ["toast.cancelled",
                                                             "privacy.forget_kept"]
    assert ME in bot.tables.users


async def test_joining_under_top_edits_the_same_boards_with_the_user_on_them() -> None:
    bot = Bot()
    await play(bot)
    replies = await bot.press(cb.JoinBoard())
    assert templates(replies) == ["toast.joined", "top"]
    board = replies[1]
    assert isinstance(board, Message) and board.edit and board.keyboard == ()
    assert board.ctx["opted_in"] and [r["me"] for r in board.ctx["overall"]] == [True]
    assert bot.tables.users[ME].leaderboard


async def test_me_is_headed_by_the_chosen_name_or_none() -> None:
    bot = Bot()
    (me,) = await bot.command("/me")
    assert isinstance(me, Message) and me.ctx["name"] == "" and me.ctx["handle"]
    await bot.command("/name 小明")
    (me,) = await bot.command("/me")
    assert isinstance(me, Message) and me.ctx["name"] == "小明"


async def test_timezone_buttons_save_the_zone_mark_it_and_move_reminders() -> None:
    bot = Bot()
    await bot.command("/subscribe daily 20:00")
    (ask,) = await bot.command("/timezone")
    assert ask.template == "tz.ask" and ticked(ask) == ["tz.Asia/Shanghai"]  # type: ignore[union-attr]
    assert buttons(ask)[:2] == [cb.PickTimezone(0), cb.PickTimezone(1)]
    replies = await bot.press(cb.PickTimezone(2))
    assert templates(replies) == ["toast.saved", "tz.saved", "sub.panel"]
    assert isinstance(replies[1], Message) and replies[1].edit
    assert ticked(replies[1]) == ["tz.Asia/Taipei"]
    assert bot.tables.users[ME].timezone == "Asia/Taipei"
    # 20:00 in Taipei is 12:00 UTC, the same day (it is 12:00 there now)
    assert bot.tables.subs[ME].next_due_at == datetime(2026, 12, 1, 12, tzinfo=UTC)
    assert templates(await bot.press(cb.PickTimezone(len(TIMEZONE_CHOICES)))) == ["toast.expired"]
    (unknown,) = await bot.command("/timezone Mars/Base")
    assert unknown.template == "tz.unknown" and ticked(unknown) == ["tz.Asia/Taipei"]  # type: ignore[union-attr]
    assert bot.tables.users[ME].timezone == "Asia/Taipei"


async def test_reminder_times_come_three_to_a_row() -> None:
    bot = Bot()
    (panel,) = await bot.command("/subscribe 20:00")
    assert isinstance(panel, Message)
    assert max(len(row) for row in panel.keyboard) <= 3
    assert ticked(panel) == ["sub.daily", "sub.time"]


async def test_the_current_language_is_ticked() -> None:
    bot = Bot()
    (panel,) = await bot.command("/settings")
    assert [ctx["current"] for key, ctx in labels(panel) if key.startswith("lang.")] == [
        True, False, False]
    replies = await bot.press(cb.SetLanguage("en"))
    assert [ctx["current"] for key, ctx in labels(replies[1]) if key.startswith("lang.")] == [
        False, False, True]


async def test_the_scam_card_is_short_and_its_parts_are_one_tap_away() -> None:
    bot = Bot()
    (card,) = await bot.press(cb.ShowScamCard("fake_loan"))
    assert card.template == "check.card"  # type: ignore[union-attr]
    assert buttons(card) == [cb.ShowScamCase("fake_loan"), cb.ShowScamSteps("fake_loan"),
                             cb.StartTopic("fake_loan")]
    (steps,) = await bot.press(cb.ShowScamSteps("fake_loan"))
    assert steps.template == "check.card_steps"  # type: ignore[union-attr]
    assert buttons(steps) == [cb.ShowScamCase("fake_loan"), cb.StartTopic("fake_loan")]
    # this bank has no case on file: the case button shows what to do instead of nothing
    (case,) = await bot.press(cb.ShowScamCase("fake_loan"))
    assert case.template == "check.card_steps"  # type: ignore[union-attr]
    assert templates(await bot.press(cb.ShowScamCase("no_such_type"))) == ["toast.expired"]


async def test_topics_count_mastered_ones_and_list_names_only_on_buttons() -> None:
    bot = Bot()
    (listing,) = await bot.command("/topics")
    assert isinstance(listing, Message)
    assert listing.ctx == {"mastered": 0, "total": 2}
    assert buttons(listing) == [cb.StartTopic("fake_loan"), cb.StartTopic("police")]


async def test_quiz_finds_a_topic_by_part_of_its_name_in_either_language() -> None:
    bot = Bot()
    bank = bot.service.bank.bank  # type: ignore[attr-defined]
    names = {"fake_loan": zh_en("虚假贷款", "Fake loan"),
             "police": zh_en("冒充公检法", "Fake police")}
    bank.scam_types.update({t: replace(st, name=names[t]) for t, st in bank.scam_types.items()})
    for word, topic in (("贷款", "fake_loan"), ("公检", "police"), ("LOAN", "fake_loan"),
                        ("fake_loan", "fake_loan"), ("fake police", "police")):
        replies = await bot.command(f"/quiz {word}")
        assert templates(replies)[-1] == "quiz.question", word
        assert bot.tables.rounds[max(bot.tables.rounds)].topic == topic, word
    for word in ("fake", "火星人"):  # two topics, or none: the list to choose from
        assert templates(await bot.command(f"/quiz {word}")) == ["topic_unknown", "topics"]
