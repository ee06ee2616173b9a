"""Every table is either about one user (exported by /mydata, deleted by /forget) or listed here
as holding no user's data: a new table must be classified before it ships."""

from __future__ import annotations

from sqlmodel import SQLModel

import bot.storage.tables  # noqa: F401
from bot.storage.privacy import user_tables

# Tables with no row about a particular user, and why.
NOT_ABOUT_A_USER = {
    "content_items": "the content bank",
    "broadcasts": "staff messages; /forget only removes the creator's id (created_by)",
    "processed_updates": "update ids, no user",
    "admin_actions": "the staff audit trail, kept for accountability (exported by /mydata)",
    "contests": "a group's contest; started_by is the group admin who began it, like the audit",
    "contest_polls": "the polls a contest sent to a group, no user",
    "check_counts": "messages checked per day and verdict: counts, never text or user",
    "leases": "which worker runs the scheduler",
    "reports": "opt-in redacted messages keyed by a keyed hash of the reporter, not the user "
               "id; /mydata and /forget reach them through that hash (bot/services/reports.py)",
}


def test_every_table_is_classified() -> None:
    about_users = {table.name for table, _ in user_tables()}
    every = set(SQLModel.metadata.tables)
    assert about_users & set(NOT_ABOUT_A_USER) == set()
    assert every - about_users - set(NOT_ABOUT_A_USER) == set()
    assert {"users", "rounds", "answers", "question_progress", "weekly_points",
            "subscriptions", "tips_seen", "deliveries"} <= about_users


def test_children_are_deleted_before_their_parents() -> None:
    order = [table.name for table, _ in user_tables()]
    for table, _ in user_tables():
        for fk in table.foreign_keys:
            parent = fk.column.table.name
            if parent in order:
                assert order.index(table.name) < order.index(parent), (table.name, parent)
    assert order.index("answers") < order.index("rounds")
