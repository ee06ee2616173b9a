"""Quiz use cases: start or resume a round, answer, move on, see the summary."""

from __future__ import annotations

from bot.core import rounds
from bot.core.callbacks import (
    Action,
    AnswerOption,
    NextQuestion,
    OpenQuiz,
    PracticeTechnique,
    ShowSummary,
    StartTopic,
)
from bot.core.content import Question, pick
from bot.core.progress import Streak
from bot.core.records import RoundRecord
from bot.core.replies import Message, Reply, Toast, button
from bot.core.rounds import Refusal
from bot.core.selection import choose_questions
from bot.core.techniques import technique_levels, weak_techniques
from bot.services.context import Ctx
from bot.services.profile import weakest_topic, week_of
from bot.services.views import answer_keyboard, citation, question_ctx, topic_name

EXPIRED = Toast("toast.expired", alert=False)


async def start_round(c: Ctx, topic: str | None, *, edit: bool = False) -> list[Reply]:
    """Start a new round on a topic (or all topics)."""
    pool = c.bank.pool(topic, c.user.audience)
    if not pool:
        return [Message("quiz.empty", {"topic": topic_name(c.bank, topic, c.locale)})]
    stats = await c.store.progress.stats(c.user.id)
    levels = technique_levels(c.bank.questions.values(), stats, c.bank.techniques)
    ids = choose_questions(pool, stats, n=c.user.round_length, now=c.actor.now, rng=c.rng,
                           audience=c.user.audience, weak=weak_techniques(levels))
    rnd = await c.store.rounds.create(c.user.id, topic, ids, c.actor.now)
    return [await position_view(c, rnd, edit=edit)]


async def practise_technique(c: Ctx, press: PracticeTechnique) -> list[Reply]:
    """The reminder's booster: a one-question round on one technique, unseen questions first."""
    pool = [q for q in c.bank.pool(None, c.user.audience) if press.technique in q.techniques]
    if not pool:
        return [EXPIRED]
    stats = await c.store.progress.stats(c.user.id)
    ids = choose_questions(pool, stats, n=1, now=c.actor.now, rng=c.rng,
                           audience=c.user.audience)
    rnd = await c.store.rounds.create(c.user.id, None, ids, c.actor.now)
    return [await position_view(c, rnd)]


async def start_topic(c: Ctx, press: StartTopic) -> list[Reply]:
    """A topic button: a new round on that scam type."""
    if press.topic not in c.bank.scam_types:
        return [EXPIRED]
    return await start_round(c, press.topic)


async def open_quiz(c: Ctx) -> list[Reply]:
    """The menu's quiz button: continue the unfinished round or start one on all topics."""
    return await resume_or_start(c, None)


async def resume_or_start(c: Ctx, topic: str | None) -> list[Reply]:
    """Continue the unfinished round unless another topic was asked for."""
    rnd = await c.store.rounds.active(c.user.id)
    if rnd is not None and (topic is None or topic == rnd.topic):
        return [Message("quiz.resume"), await position_view(c, rnd)]
    return await start_round(c, topic)


async def position_view(c: Ctx, rnd: RoundRecord, *, edit: bool = False) -> Message:
    """The round's current question, or its feedback if already answered."""
    if rnd.position in rnd.answered:
        mine = await c.store.rounds.answer_at(rnd.id, rnd.position)
        if mine is not None:
            return feedback_view(c, rnd, mine.chosen, edit=edit)
    q = c.bank.questions.get(rnd.current)
    if q is None:
        return Message("quiz.gone", edit=edit)
    order = rounds.options_shown(rnd, q, rnd.position)
    ctx = question_ctx(c.bank, q, order, c.locale)
    ctx |= {"index": rnd.position + 1, "total": len(rnd.question_ids)}
    keyboard = answer_keyboard(rnd.id, rnd.position, q, len(order))
    return Message("quiz.question", ctx, keyboard, edit=edit)


def feedback_view(c: Ctx, rnd: RoundRecord, chosen: int, *, edit: bool = True,
                  position: int | None = None, buttons: bool = True) -> Message:
    """What stays in the chat: the question, 你选了 X, right or wrong, the answer, why, the source.

    `position` defaults to the round's current one; `buttons=False` is the same text with the
    Next button taken off, once the next question has been sent below it.
    """
    pos = rnd.position if position is None else position
    q = c.bank.questions.get(rnd.question_ids[pos])
    if q is None:
        return Message("quiz.gone", edit=edit)
    order = rounds.options_shown(rnd, q, pos)
    ctx = question_ctx(c.bank, q, order, c.locale)
    shown = {"letter": "", "text": ""}
    if chosen in order:
        shown = ctx["options"][order.index(chosen)]
    right = ctx["options"][order.index(q.correct_index)]
    ctx |= {
        "index": pos + 1,
        "total": len(rnd.question_ids),
        "correct": chosen == q.correct_index,
        "unsure": q.response(chosen) == "unsure",
        "verdict": q.verdict,
        "chosen_letter": shown["letter"],
        "chosen_text": shown["text"],
        "right_letter": right["letter"],
        "right_text": right["text"],
        "cue": pick(q.cue, c.locale) if q.cue else "",
        "explanation": pick(q.explanation, c.locale),
        "source": citation(c.bank, q.source, c.locale),
    }
    if not buttons:
        return Message("quiz.feedback", ctx, (), edit=edit)
    if pos >= len(rnd.question_ids) - 1:
        nxt = button("btn.results", ShowSummary(rnd.id))
    else:
        nxt = button("btn.next", NextQuestion(rnd.id, pos))
    return Message("quiz.feedback", ctx, ((nxt,),), edit=edit)


async def settled_feedback(c: Ctx, rnd: RoundRecord, position: int) -> list[Reply]:
    """The answered question's feedback without its button, edited in place (it stays)."""
    mine = await c.store.rounds.answer_at(rnd.id, position)
    if mine is None:
        return []
    return [feedback_view(c, rnd, mine.chosen, position=position, buttons=False)]


def _refused(why: Refusal) -> list[Reply]:
    return [Toast("toast.already_answered")] if why is Refusal.ALREADY_ANSWERED else [EXPIRED]


async def answer(c: Ctx, press: AnswerOption) -> list[Reply]:
    """Grade an answer once, update progress and show the feedback.

    Reads the round (with its answered positions) and one question's stat, lets the pure rules
    decide, then writes each changed row once.
    """
    rnd = await c.store.rounds.get(press.round_id)
    if rnd is None or rounds.check_press(rnd, c.user.id, press.position) is not None:
        return [EXPIRED]
    question = c.bank.questions.get(rnd.current)
    stat = await c.store.progress.stat(c.user.id, rnd.current)
    graded = rounds.answer(rnd, c.user, question, press.position, press.option, stat,
                           c.actor.now, c.today(), c.memory())
    if isinstance(graded, Refusal):
        return _refused(graded)
    if not await c.store.rounds.record_answer(graded):
        return [Toast("toast.already_answered")]
    await c.store.progress.save(c.user.id, graded.stat)
    await c.store.boards.add_week_points(c.user.id, week_of(c.actor.now, c.defaults.timezone),
                                         graded.week_points)
    c.user = graded.user
    return [_toast(question, graded.answer.chosen, graded.answer.correct, graded.answer.points),
            feedback_view(c, graded.round, graded.answer.chosen)]


def _toast(q: Question | None, chosen: int, correct: bool, points: int) -> Toast:
    if correct:
        return Toast("toast.correct", {"points": points})
    unsure = q is not None and q.response(chosen) == "unsure"
    return Toast("toast.unsure" if unsure else "toast.wrong")


async def next_question(c: Ctx, press: NextQuestion) -> list[Reply]:
    """The answered feedback stays as it is; the next question comes as a new message below."""
    moved = rounds.advance(await c.store.rounds.get(press.round_id), c.user.id, press.position)
    if isinstance(moved, Refusal) or not await c.store.rounds.advance(moved.id, press.position):
        return [EXPIRED]
    kept = await settled_feedback(c, moved, press.position)
    return [*kept, await position_view(c, moved)]


async def summary(c: Ctx, press: ShowSummary) -> list[Reply]:
    """The finished round's score, points, streak and weakest topic."""
    rnd = rounds.summary_of(await c.store.rounds.get(press.round_id), c.user.id)
    if isinstance(rnd, Refusal):
        return [EXPIRED]
    stats = await c.store.progress.stats(c.user.id)
    weak = weakest_topic(c.bank, stats)
    total = len(rnd.question_ids)
    ctx = {
        "correct": rnd.correct,
        "total": total,
        "points": rnd.points,
        "total_points": c.user.points,
        "streak": Streak(c.user.streak, c.user.best_streak, c.user.last_round_day).as_of(
            c.today()
        ),
        "weak_topic": topic_name(c.bank, weak, c.locale) if weak else None,
    }
    again: Action = StartTopic(rnd.topic) if rnd.topic else OpenQuiz()
    rows = [(button("btn.again", again),)]
    if weak:
        rows.append((button("btn.practice_weak", StartTopic(weak), topic=ctx["weak_topic"]),))
    kept = await settled_feedback(c, rnd, len(rnd.question_ids) - 1)
    return [*kept, Message("quiz.summary", ctx, tuple(rows))]
