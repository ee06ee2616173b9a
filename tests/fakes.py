"""In-memory fakes of the ports, so use cases run in milliseconds without a database or HTTP.

FakeDb holds the tables as dicts; `FakeDb.stores` is a StoreFactory like storage's: each unit of
work sees a copy and only commit makes its changes visible (so a use case that forgets to commit,
or fails, leaves nothing behind, as on a real database).
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from bot.core.contest import ContestRecord, PollRecord, Standing
from bot.core.progress import QuestionStat
from bot.core.records import AnswerRecord, LeaderRow, RoundRecord, SubscriptionRecord, UserRecord
from bot.core.reports import ReportRecord
from bot.core.rounds import Answered

KEEP_UPDATES_FOR = timedelta(hours=24)  # as bot.storage.audit_store keeps them


@dataclass
class Tables:
    """Everything a FakeDb stores."""

    users: dict[int, UserRecord] = field(default_factory=dict)
    rounds: dict[int, RoundRecord] = field(default_factory=dict)
    answers: dict[tuple[int, int], AnswerRecord] = field(default_factory=dict)
    stats: dict[tuple[int, str], QuestionStat] = field(default_factory=dict)
    weeks: dict[tuple[date, int], int] = field(default_factory=dict)
    subs: dict[int, SubscriptionRecord] = field(default_factory=dict)
    tips: dict[tuple[int, str], datetime] = field(default_factory=dict)
    contests: dict[int, ContestRecord] = field(default_factory=dict)
    polls: dict[str, PollRecord] = field(default_factory=dict)
    votes: dict[tuple[str, int], tuple[int, str, bool, int]] = field(default_factory=dict)
    broadcasts: dict[int, dict[str, Any]] = field(default_factory=dict)
    audit: list[tuple[int, str, str | None]] = field(default_factory=list)
    checks: dict[tuple[date, str, str], int] = field(default_factory=dict)
    updates: dict[int, datetime] = field(default_factory=dict)  # update id -> handled at
    exported: dict[int, datetime] = field(default_factory=dict)  # user id -> last /mydata
    reports: dict[int, ReportRecord] = field(default_factory=dict)
    next_id: int = 1

    def new_id(self) -> int:
        """A fresh id for any table."""
        self.next_id += 1
        return self.next_id - 1


class FakeUsers:
    """Users in memory."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    async def get(self, user_id: int) -> UserRecord | None:
        """Load a user."""
        return self.t.users.get(user_id)

    async def save(self, user: UserRecord) -> None:
        """Insert or update a user."""
        self.t.users[user.id] = user


class FakeRounds:
    """Rounds and answers in memory."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    async def active(self, user_id: int) -> RoundRecord | None:
        """The user's newest unfinished round."""
        mine = [r for r in self.t.rounds.values() if r.user_id == user_id and r.status == "active"]
        return await self.get(max(r.id for r in mine)) if mine else None

    async def get(self, round_id: int) -> RoundRecord | None:
        """A round with its answered positions."""
        rnd = self.t.rounds.get(round_id)
        if rnd is None:
            return None
        answered = tuple(sorted(p for (rid, p) in self.t.answers if rid == round_id))
        return replace(rnd, answered=answered)

    async def create(self, user_id: int, topic: str | None, question_ids: list[str],
                     now: datetime) -> RoundRecord:
        """Start a round, abandoning the unfinished one."""
        for r in list(self.t.rounds.values()):
            if r.user_id == user_id and r.status == "active":
                self.t.rounds[r.id] = replace(r, status="abandoned")
        rnd = RoundRecord(self.t.new_id(), user_id, topic, tuple(question_ids), started_at=now)
        self.t.rounds[rnd.id] = rnd
        return rnd

    async def record_answer(self, graded: Answered) -> bool:
        """Store an answer once, with the round's new state."""
        key = (graded.answer.round_id, graded.answer.position)
        if key in self.t.answers:
            return False
        self.t.answers[key] = graded.answer
        self.t.rounds[graded.round.id] = replace(graded.round, answered=())
        return True

    async def advance(self, round_id: int, from_position: int) -> bool:
        """Move on if still at from_position."""
        rnd = self.t.rounds.get(round_id)
        if rnd is None or rnd.position != from_position or rnd.status != "active":
            return False
        self.t.rounds[round_id] = replace(rnd, position=from_position + 1)
        return True

    async def answer_at(self, round_id: int, position: int) -> AnswerRecord | None:
        """One position's answer."""
        return self.t.answers.get((round_id, position))

    async def answers_of(self, user_id: int) -> list[AnswerRecord]:
        """A user's answers, oldest first."""
        return sorted((a for a in self.t.answers.values() if a.user_id == user_id),
                      key=lambda a: (a.answered_at, a.round_id, a.position))


class FakeProgress:
    """Question stats in memory."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    async def stats(self, user_id: int) -> dict[str, QuestionStat]:
        """All of a user's stats."""
        return {q: s for (u, q), s in self.t.stats.items() if u == user_id}

    async def stat(self, user_id: int, question_id: str) -> QuestionStat | None:
        """One stat."""
        return self.t.stats.get((user_id, question_id))

    async def save(self, user_id: int, stat: QuestionStat) -> None:
        """Insert or update one stat."""
        self.t.stats[(user_id, stat.question_id)] = stat


class FakeBoards:
    """Leaderboards computed from the users and week totals."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    async def add_week_points(self, user_id: int, week: date, points: int) -> None:
        """Add to a week's total."""
        if points:
            self.t.weeks[(week, user_id)] = self.t.weeks.get((week, user_id), 0) + points

    async def leaderboard(self, week: date | None, limit: int) -> list[LeaderRow]:
        """Opted-in users by points, ties by id."""
        users = {u.id: u for u in self.t.users.values() if u.leaderboard}
        if week is None:
            points = {u.id: u.points for u in users.values()}
        else:
            points = {uid: p for (w, uid), p in self.t.weeks.items() if w == week and uid in users}
        rows = sorted((-p, uid) for uid, p in points.items() if p > 0)[:limit]
        return [LeaderRow(uid, users[uid].display_name, -p) for p, uid in rows]

    async def rank(self, user_id: int, points: int) -> int:
        """A board member's place on the all-time board: ahead are more points, or a lower id."""
        return 1 + sum(u.leaderboard and (-u.points, u.id) < (-points, user_id)
                       for u in self.t.users.values())


class FakeReminders:
    """Reminders and tips seen in memory."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    async def get(self, user_id: int) -> SubscriptionRecord | None:
        """The user's reminder."""
        return self.t.subs.get(user_id)

    async def save(self, sub: SubscriptionRecord) -> None:
        """Insert or update a reminder (created_at kept)."""
        old = self.t.subs.get(sub.user_id)
        self.t.subs[sub.user_id] = replace(sub, created_at=old.created_at) if old else sub

    async def delete(self, user_id: int) -> bool:
        """Stop a reminder."""
        return self.t.subs.pop(user_id, None) is not None

    async def tips_seen(self, user_id: int) -> dict[str, datetime]:
        """Tips sent to a user."""
        return {tip: at for (u, tip), at in self.t.tips.items() if u == user_id}

    async def mark_tip_seen(self, user_id: int, tip_id: str, now: datetime) -> None:
        """Remember a tip was sent."""
        self.t.tips[(user_id, tip_id)] = now


class FakeContests:
    """Contests, polls and votes in memory."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    async def running(self, chat_id: int) -> ContestRecord | None:
        """The group's open contest."""
        found = [c for c in self.t.contests.values()
                 if c.chat_id == chat_id and c.status in ("running", "stopping")]
        return max(found, key=lambda c: c.id) if found else None

    async def get(self, contest_id: int) -> ContestRecord | None:
        """One contest."""
        return self.t.contests.get(contest_id)

    async def create(self, record: ContestRecord) -> ContestRecord:
        """Store a contest with a new id."""
        stored = replace(record, id=self.t.new_id())
        self.t.contests[stored.id] = stored
        return stored

    async def due(self, now: datetime) -> list[int]:
        """Contests whose clock is due."""
        return [c.id for c in sorted(self.t.contests.values(), key=lambda c: c.next_at)
                if c.status in ("running", "stopping") and c.next_at <= now]

    async def move(self, contest_id: int, *, from_position: int, from_status: str,
                   fields: dict[str, Any]) -> bool:
        """Compare and set."""
        c = self.t.contests.get(contest_id)
        if c is None or c.position != from_position or c.status != from_status:
            return False
        known = {k: v for k, v in fields.items() if k in ContestRecord.__dataclass_fields__}
        self.t.contests[contest_id] = replace(c, **known)
        return True

    async def add_poll(self, poll: PollRecord) -> None:
        """Remember a sent poll."""
        self.t.polls[poll.poll_id] = poll

    async def poll(self, poll_id: str) -> PollRecord | None:
        """A poll's contest question."""
        return self.t.polls.get(poll_id)

    async def last_poll(self, contest_id: int) -> PollRecord | None:
        """The latest question's poll."""
        mine = [p for p in self.t.polls.values() if p.contest_id == contest_id]
        return max(mine, key=lambda p: p.position) if mine else None

    async def record_vote(self, poll: PollRecord, user_id: int, name: str, correct: bool,
                          points: int, now: datetime) -> bool:
        """A vote once per (poll, user)."""
        if (poll.poll_id, user_id) in self.t.votes:
            return False
        self.t.votes[(poll.poll_id, user_id)] = (poll.contest_id, name, correct, points)
        return True

    def _board(self, contest_ids: set[int]) -> list[Standing]:
        by_user: dict[int, Standing] = {}
        for (_poll, uid), (cid, name, correct, points) in self.t.votes.items():
            if cid in contest_ids:
                s = by_user.get(uid, Standing(uid, name, 0, 0))
                by_user[uid] = Standing(uid, name, s.points + points, s.correct + int(correct))
        return list(by_user.values())

    async def standings(self, contest_id: int) -> list[Standing]:
        """One contest's board."""
        return self._board({contest_id})

    async def group_standings(self, chat_id: int, since: datetime) -> list[Standing]:
        """The group's board since a time."""
        return self._board({c.id for c in self.t.contests.values()
                            if c.chat_id == chat_id and c.started_at >= since})


class FakeStaff:
    """Broadcast drafts, the audit trail and check counts in memory."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    async def create_broadcast(self, fields: dict[str, Any]) -> int:
        """Store a draft."""
        bid = self.t.new_id()
        self.t.broadcasts[bid] = dict(fields)
        return bid

    async def set_broadcast_status(self, broadcast_id: int, status: str,
                                   only_from: tuple[str, ...], now: datetime) -> bool:
        """Move a broadcast between states."""
        b = self.t.broadcasts.get(broadcast_id)
        if b is None or b["status"] not in only_from:
            return False
        b["status"] = status
        return True

    async def count_recipients(self, audience: str | None, language: str | None) -> int:
        """Reachable users."""
        return sum(not u.blocked for u in self.t.users.values())

    async def admin_stats(self, now: datetime) -> dict[str, Any]:
        """A few figures (the SQL store has them all)."""
        return {"users": len(self.t.users), "active_7d": 0, "active_30d": 0, "blocked": 0,
                "subscribers": len(self.t.subs), "rounds": len(self.t.rounds),
                "answers": len(self.t.answers), "broadcasts": len(self.t.broadcasts),
                "accuracy_by_type": {}, "most_missed": [], "deliveries": {}, "checks_30d": {}}

    async def record_admin_action(self, admin_id: int, action: str, detail: str | None,
                                  now: datetime) -> None:
        """Add to the audit trail."""
        self.t.audit.append((admin_id, action, detail))

    async def count_check(self, day: date, kind: str, scam_type: str) -> None:
        """Count a check."""
        self.t.checks[(day, kind, scam_type)] = self.t.checks.get((day, kind, scam_type), 0) + 1


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready values, as the SQL export gives."""
    return {k: v.isoformat() if isinstance(v, datetime | date) else v for k, v in row.items()}


class FakePrivacy:
    """/mydata and /forget over the fake tables."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    async def export(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """The user's rows."""
        user = self.t.users.get(user_id)
        return {"users": [_plain(vars(user))] if user else [],
                "question_progress": [_plain(vars(s)) for (u, _), s in self.t.stats.items()
                                      if u == user_id],
                "contests_started": [_plain(vars(c)) for c in self.t.contests.values()
                                     if c.started_by == user_id]}

    async def claim_export(self, user_id: int, now: datetime,
                           cooldown: timedelta) -> datetime | None:
        """Note an export unless one was made within cooldown; else when one is allowed."""
        if user_id not in self.t.users:
            return None  # as on SQL: no row to mark yet
        last = self.t.exported.get(user_id)
        if last is not None and last > now - cooldown:
            return last + cooldown
        self.t.exported[user_id] = now
        return None

    async def forget(self, user_id: int) -> dict[str, int]:
        """Delete the user's rows."""
        stats = [k for k in self.t.stats if k[0] == user_id]
        for k in stats:
            del self.t.stats[k]
        subs = int(self.t.subs.pop(user_id, None) is not None)
        self.t.exported.pop(user_id, None)
        return {"users": int(self.t.users.pop(user_id, None) is not None),
                "question_progress": len(stats), "subscriptions": subs}


class FakeReports:
    """Opt-in reports in memory."""

    def __init__(self, t: Tables) -> None:
        self.t = t

    async def add(self, report: ReportRecord) -> bool:
        """Store once per (reporter, fingerprint)."""
        if any(r.reporter == report.reporter and r.fingerprint == report.fingerprint
               for r in self.t.reports.values()):
            return False
        rid = self.t.new_id()
        self.t.reports[rid] = replace(report, id=rid)
        return True

    async def by_reporter(self, reporter: str) -> list[ReportRecord]:
        """A reporter's reports."""
        return [r for r in self.t.reports.values() if r.reporter == reporter]

    async def forget_reporter(self, reporter: str) -> int:
        """Delete a reporter's reports."""
        gone = [k for k, r in self.t.reports.items() if r.reporter == reporter]
        for k in gone:
            del self.t.reports[k]
        return len(gone)

    async def since(self, cutoff: datetime | None) -> list[ReportRecord]:
        """Reports since cutoff."""
        return [r for r in self.t.reports.values() if cutoff is None or r.created_at >= cutoff]

    async def delete_before(self, cutoff: datetime) -> int:
        """Retention."""
        gone = [k for k, r in self.t.reports.items() if r.created_at < cutoff]
        for k in gone:
            del self.t.reports[k]
        return len(gone)


class FakeStore:
    """One unit of work over a private copy of the tables; commit publishes it."""

    def __init__(self, db: FakeDb) -> None:
        self.db = db
        self.t = copy.deepcopy(db.tables)
        self.users = FakeUsers(self.t)
        self.rounds = FakeRounds(self.t)
        self.progress = FakeProgress(self.t)
        self.boards = FakeBoards(self.t)
        self.reminders = FakeReminders(self.t)
        self.contests = FakeContests(self.t)
        self.staff = FakeStaff(self.t)
        self.privacy = FakePrivacy(self.t)
        self.reports = FakeReports(self.t)

    async def claim_update(self, update_id: int, now: datetime) -> bool:
        """An update id once a day: ids are kept by time, as storage keeps them."""
        last = self.t.updates.get(update_id)
        if last is not None and last >= now - KEEP_UPDATES_FOR:
            return False
        self.t.updates[update_id] = now
        return True

    async def commit(self) -> None:
        """Publish this unit of work's tables."""
        self.db.tables = self.t
        self.db.commits += 1


@dataclass
class FakeDb:
    """The in-memory database behind FakeStores."""

    tables: Tables = field(default_factory=Tables)
    commits: int = 0

    @asynccontextmanager
    async def stores(self) -> AsyncIterator[FakeStore]:
        """Open a unit of work (a StoreFactory)."""
        yield FakeStore(self)
