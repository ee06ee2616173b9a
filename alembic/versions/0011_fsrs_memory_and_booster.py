"""fsrs: per-question FSRS card state replaces the 1/3/7-day box; booster opt-in on reminders

Revision ID: 0011
Revises: 0012
Create Date: 2026-12-07 22:00:00

Old progress is mapped to FSRS cards in the review state, its stability (the interval at 90%
recall) taken from what the old schedule knew:
- a miss still in the 1/3/7-day ladder (due_at set): stability = that rung's interval, hard
  (difficulty 7), keeping its due time;
- a question that climbed the whole ladder (box ≥ 3): stability 14 days, due 14 days after it
  was last seen;
- a question answered right and never missed: FSRS's first "Good" (stability 2.3 days),
  due 2 days after it was last seen;
- anything else (last answer wrong, nothing due): FSRS's first "Again", due a day later.
"""
from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LADDER = (1, 3, 7)
REVIEW = 2
GOOD_FIRST, AGAIN_FIRST = (2.3065, 2.1181), (0.212, 6.4133)  # FSRS-6 defaults: (S, D)


def card(box: int, due_at, last_seen, last_correct: bool):  # type: ignore[no-untyped-def]
    """(stability, difficulty, due_at) for one old progress row."""
    if due_at is not None and box < len(LADDER):
        return float(LADDER[box]), 7.0, due_at
    if last_seen is None:
        return None, None, due_at
    if box >= len(LADDER):
        return 14.0, 5.0, last_seen + timedelta(days=14)
    if last_correct:
        return GOOD_FIRST[0], GOOD_FIRST[1], last_seen + timedelta(days=2)
    return AGAIN_FIRST[0], AGAIN_FIRST[1], last_seen + timedelta(days=1)


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('question_progress', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('step', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('stability', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('difficulty', sa.Float(), nullable=True))
    progress = sa.table('question_progress', sa.column('user_id', sa.BigInteger()),
                        sa.column('question_id', sa.String()), sa.column('box', sa.Integer()),
                        sa.column('due_at', sa.DateTime(timezone=True)),
                        sa.column('last_seen', sa.DateTime(timezone=True)),
                        sa.column('last_correct', sa.Boolean()), sa.column('state', sa.Integer()),
                        sa.column('stability', sa.Float()), sa.column('difficulty', sa.Float()))
    conn = op.get_bind()
    rows = conn.execute(sa.select(progress.c.user_id, progress.c.question_id, progress.c.box,
                                  progress.c.due_at, progress.c.last_seen,
                                  progress.c.last_correct)).all()
    for row in rows:
        stability, difficulty, due = card(row.box, row.due_at, row.last_seen, row.last_correct)
        if stability is None:
            continue
        conn.execute(progress.update().where(
            progress.c.user_id == row.user_id, progress.c.question_id == row.question_id,
        ).values(state=REVIEW, stability=stability, difficulty=difficulty, due_at=due))
    with op.batch_alter_table('question_progress', schema=None) as batch_op:
        batch_op.alter_column('state', server_default=None)
        batch_op.drop_column('box')
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('booster', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.alter_column('booster', server_default=None)


def downgrade() -> None:
    """Revert this revision (FSRS state is dropped; the old ladder restarts at its first rung)."""
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.drop_column('booster')
    with op.batch_alter_table('question_progress', schema=None) as batch_op:
        batch_op.add_column(sa.Column('box', sa.Integer(), nullable=False, server_default='0'))
        batch_op.drop_column('difficulty')
        batch_op.drop_column('stability')
        batch_op.drop_column('step')
        batch_op.drop_column('state')
