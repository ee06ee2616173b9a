"""Group contests: admins start and stop them, votes count once, the clock asks each question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.core import contest as rules
from bot.core.content import Bank, pick
from bot.core.contest import (
    ContestRecord,
    QuizPoll,
    choose_questions,
    parse_args,
    poll_order,
    quiz_poll,
    ranked,
    score,
)
from bot.core.events import Actor, Vote
from bot.core.ports import Store
from bot.core.replies import Message, Reply
from bot.services.context import Ctx
from bot.services.profile import week_of

GROUP_TYPES = ("group", "supergroup")
ADMIN_COMMANDS = ("contest", "stopcontest")  # in group admins' command menu


async def _refusal(c: Ctx) -> list[Reply] | None:
    """Why this actor can't run contests here, or None if they can."""
    if c.actor.chat_type not in GROUP_TYPES:
        return [Message("contest.group_only")]
    if c.members is None or not await c.members.is_admin(c.actor.chat_id, c.actor.user_id):
        return [Message("contest.admins_only")]
    return None


def _topic_name(bank: Bank, topic: str | None, locale: str) -> str | None:
    scam_type = bank.scam_types.get(topic or "")
    return pick(scam_type.name, locale) if scam_type is not None else None


async def start(c: Ctx, args: tuple[str, ...]) -> list[Reply]:
    """`/contest [N] [topic] [seconds]`: store the contest; the clock sends the questions."""
    refused = await _refusal(c)
    if refused is not None:
        return refused
    if await c.store.contests.running(c.actor.chat_id) is not None:
        return [Message("contest.running")]
    spec = parse_args(args)
    topic = c.bank.find_topic(spec.topic_word) if spec.topic_word else None
    if spec.topic_word and topic is None:
        return [Message("contest.topic_unknown", {"word": spec.topic_word})]
    ids = choose_questions(c.bank.pool(topic), spec.count, c.locale, c.rng)
    name = _topic_name(c.bank, topic, c.locale)
    if not ids:
        return [Message("quiz.empty", {"topic": name})]
    now = c.actor.now
    await c.store.contests.create(ContestRecord(
        0, c.actor.chat_id, c.actor.user_id, c.locale, topic, tuple(ids), spec.seconds, -1,
        "running", next_at=now, started_at=now))
    return [Message("contest.started", {"count": len(ids), "topic": name,
                                        "seconds": spec.seconds})]


async def stop(c: Ctx) -> list[Reply]:
    """`/stopcontest`: the clock closes the poll and posts the results right away."""
    refused = await _refusal(c)
    if refused is not None:
        return refused
    contest = await c.store.contests.running(c.actor.chat_id)
    stopping = rules.stop(contest, c.actor.now) if contest is not None else None
    if contest is None or stopping is None:
        return [Message("contest.none")]
    await c.store.contests.move(contest.id, from_position=contest.position,
                               from_status="running",
                               fields={"status": stopping.status, "next_at": stopping.next_at})
    return []


async def vote(store: Store, bank: Bank, actor: Actor, event: Vote) -> bool:
    """Score a vote on a contest poll once per (poll, user); False if it doesn't count."""
    poll = await store.contests.poll(event.poll_id)
    if poll is None or not event.option_ids:
        return False
    contest = await store.contests.get(poll.contest_id)
    if contest is None or contest.status != "running":
        return False
    question = bank.questions.get(contest.question_ids[poll.position])
    if question is None:
        return False
    order = poll_order(question, contest.id, poll.position)
    correct, points = score(question, event.option_ids, order)
    return await store.contests.record_vote(poll, actor.user_id, actor.first_name or "?", correct,
                                   points, actor.now)


@dataclass(frozen=True)
class Step:
    """What the clock sends next in a group: a quiz poll, or the results."""

    contest_id: int
    chat_id: int
    locale: str
    poll: QuizPoll | None = None
    position: int = -1
    closes_at: datetime | None = None
    results: Message | None = None
    close_message_id: int | None = None  # the poll still open when the contest was stopped


async def step(store: Store, bank: Bank, contest_id: int, now: datetime,
               tz: str) -> Step | None:
    """Move a due contest on by one step (claimed in the store); None if it isn't due."""
    contest = await store.contests.get(contest_id)
    decided = rules.step(contest, now) if contest is not None else None
    if contest is None or decided is None:
        return None
    if isinstance(decided, rules.Close):
        return await _finish(store, contest, decided, now, tz)
    if not await store.contests.move(contest.id, from_position=contest.position,
                                    from_status="running",
                                    fields={"position": decided.position,
                                            "next_at": decided.contest.next_at}):
        return None  # another tick got there first
    question = bank.questions.get(contest.question_ids[decided.position])
    if question is None:  # withdrawn since the contest started: move straight on
        await store.contests.move(contest.id, from_position=decided.position,
                                 from_status="running",
                                 fields={"next_at": rules.skip(decided.contest, now).next_at})
        return None
    return Step(contest.id, contest.chat_id, contest.locale,
                poll=quiz_poll(question, contest.locale, contest.seconds,
                              poll_order(question, contest.id, decided.position)),
                position=decided.position, closes_at=decided.closes_at)


async def _finish(store: Store, contest: ContestRecord, closed: rules.Close, now: datetime,
                  tz: str) -> Step | None:
    if not await store.contests.move(
            contest.id, from_position=contest.position, from_status=contest.status,
            fields={"status": closed.contest.status, "finished_at": now}):
        return None
    monday = week_of(now, tz)
    since = datetime.combine(monday, datetime.min.time(), tzinfo=ZoneInfo(tz)).astimezone(UTC)
    ctx = {
        "stopped": closed.stopped,
        "asked": contest.position + 1,
        "board": ranked(await store.contests.standings(contest.id)),
        "week": ranked(await store.contests.group_standings(contest.chat_id, since)),
    }
    last = await store.contests.last_poll(contest.id)
    return Step(contest.id, contest.chat_id, contest.locale,
                results=Message("contest.results", ctx),
                close_message_id=rules.results_poll_to_close(closed.stopped, last, now))
