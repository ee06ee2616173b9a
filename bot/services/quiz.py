"""Quiz use cases: start or resume a round, answer, move on, see the summary."""

from __future__ import annotations

from bot.core.content import pick
from bot.core.progress import QuestionStat, Streak, after_answer, points_for, round_bonus
from bot.core.records import AnswerRecord, RoundRecord
from bot.core.replies import Message, Reply, Toast, button
from bot.core.selection import choose_questions, option_order
from bot.services.context import Ctx
from bot.services.profile import weakest_topic, week_of
from bot.services.views import answer_keyboard, citation, question_ctx, topic_name

EXPIRED = Toast("toast.expired", alert=False)


async def start_round(c: Ctx, topic: str | None, *, edit: bool = False) -> list[Reply]:
    """Start a new round on a topic (or all topics)."""
    pool = c.bank.pool(topic, c.user.audience)
    if not pool:
        return [Message("quiz.empty", {"topic": topic_name(c.bank, topic, c.locale)})]
    stats = await c.store.question_stats(c.user.id)
    ids = choose_questions(pool, stats, n=c.user.round_length, now=c.actor.now, rng=c.rng,
                           audience=c.user.audience)
    rnd = await c.store.create_round(c.user.id, topic, ids, c.actor.now)
    return [await position_view(c, rnd, edit=edit)]


async def resume_or_start(c: Ctx, topic: str | None) -> list[Reply]:
    """Continue the unfinished round unless another topic was asked for."""
    rnd = await c.store.active_round(c.user.id)
    if rnd is not None and (topic is None or topic == rnd.topic):
        return [Message("quiz.resume"), await position_view(c, rnd)]
    return await start_round(c, topic)


async def position_view(c: Ctx, rnd: RoundRecord, *, edit: bool = False) -> Message:
    """The round's current question, or its feedback if already answered."""
    if rnd.position in rnd.answered:
        answers = await c.store.round_answers(rnd.id)
        mine = next(a for a in answers if a.position == rnd.position)
        return feedback_view(c, rnd, mine.chosen, edit=edit)
    q = c.bank.questions.get(rnd.current)
    if q is None:
        return Message("quiz.gone", edit=edit)
    order = option_order(q, f"{rnd.id}:{rnd.position}")
    ctx = question_ctx(c.bank, q, order, c.locale)
    ctx |= {"index": rnd.position + 1, "total": len(rnd.question_ids)}
    return Message("quiz.question", ctx, answer_keyboard(rnd.id, rnd.position, len(order)),
                   edit=edit)


def feedback_view(c: Ctx, rnd: RoundRecord, chosen: int, *, edit: bool = True) -> Message:
    """Right or wrong, the correct option, the red flag and the source."""
    q = c.bank.questions[rnd.current]
    order = option_order(q, f"{rnd.id}:{rnd.position}")
    ctx = question_ctx(c.bank, q, order, c.locale)
    right = order.index(q.correct_index)
    ctx |= {
        "index": rnd.position + 1,
        "total": len(rnd.question_ids),
        "correct": chosen == q.correct_index,
        "right_letter": ctx["options"][right]["letter"],
        "right_text": ctx["options"][right]["text"],
        "explanation": pick(q.explanation, c.locale),
        "source": citation(c.bank, q.source, c.locale),
    }
    if rnd.is_last:
        nxt = button("btn.results", f"s:{rnd.id}")
    else:
        nxt = button("btn.next", f"n:{rnd.id}:{rnd.position}")
    return Message("quiz.feedback", ctx, ((nxt,),), edit=edit)


async def _owned_round(c: Ctx, round_id: int) -> RoundRecord | None:
    rnd = await c.store.get_round(round_id)
    if rnd is None or rnd.user_id != c.user.id:
        return None
    return rnd


async def answer(c: Ctx, round_id: int, position: int, shown: int) -> list[Reply]:
    """Grade an answer once, update progress and show the feedback."""
    rnd = await _owned_round(c, round_id)
    if rnd is None or rnd.status != "active" or position != rnd.position:
        return [EXPIRED]
    if position in rnd.answered:
        return [Toast("toast.already_answered")]
    q = c.bank.questions.get(rnd.current)
    order = option_order(q, f"{rnd.id}:{position}") if q else []
    if q is None or shown >= len(order):
        return [EXPIRED]
    chosen = order[shown]
    correct = chosen == q.correct_index
    pts = points_for(correct, q.difficulty)
    rec = AnswerRecord(rnd.id, c.user.id, position, q.id, q.scam_type, chosen, correct, pts,
                       c.actor.now)
    if not await c.store.record_answer(rec):
        return [Toast("toast.already_answered")]
    await c.store.add_week_points(c.user.id, week_of(c.actor.now, c.defaults.timezone), pts)
    stats = await c.store.question_stats(c.user.id)
    stat = after_answer(stats.get(q.id, QuestionStat(q.id)), correct, c.actor.now)
    await c.store.save_stat(c.user.id, stat)
    c.user.points += pts
    rnd.answered.append(position)
    rnd.correct += int(correct)
    rnd.points += pts
    if rnd.is_last:
        await _finish(c, rnd)
    toast = Toast("toast.correct" if correct else "toast.wrong", {"points": pts})
    return [toast, feedback_view(c, rnd, chosen)]


async def _finish(c: Ctx, rnd: RoundRecord) -> None:
    bonus = round_bonus(rnd.correct, len(rnd.question_ids))
    if not await c.store.finish_round(rnd.id, c.actor.now, bonus):
        return
    rnd.status, rnd.points = "finished", rnd.points + bonus
    await c.store.add_week_points(c.user.id, week_of(c.actor.now, c.defaults.timezone), bonus)
    c.user.points += bonus
    c.user.rounds += 1
    streak = Streak(c.user.streak, c.user.best_streak, c.user.last_round_day).on(c.today())
    c.user.streak, c.user.best_streak = streak.current, streak.best
    c.user.last_round_day = streak.last_day


async def next_question(c: Ctx, round_id: int, position: int) -> list[Reply]:
    """Move to the next question, editing the same message."""
    rnd = await _owned_round(c, round_id)
    if rnd is None or rnd.status != "active" or position != rnd.position:
        return [EXPIRED]
    if position not in rnd.answered or rnd.is_last:
        return [EXPIRED]
    if not await c.store.advance_round(rnd.id, position):
        return [EXPIRED]
    rnd.position += 1
    return [await position_view(c, rnd, edit=True)]


async def summary(c: Ctx, round_id: int) -> list[Reply]:
    """The finished round's score, points, streak and weakest topic."""
    rnd = await _owned_round(c, round_id)
    if rnd is None or rnd.status != "finished":
        return [EXPIRED]
    stats = await c.store.question_stats(c.user.id)
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
    again = f"t:{rnd.topic}" if rnd.topic else "m:quiz"
    rows = [(button("btn.again", again),)]
    if weak:
        rows.append((button("btn.practice_weak", f"t:{weak}", topic=ctx["weak_topic"]),))
    return [Message("quiz.summary", ctx, tuple(rows), edit=True)]
