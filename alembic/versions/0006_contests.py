"""group contests

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 19:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'contests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=False),
        sa.Column('started_by', sa.BigInteger(), nullable=False),
        sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('topic', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column('question_ids', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column('seconds', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('next_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('finished_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.create_index('ix_contests_chat_status', ['chat_id', 'status'], unique=False)
        batch_op.create_index('ix_contests_status_next_at', ['status', 'next_at'], unique=False)
    op.create_table(
        'contest_polls',
        sa.Column('poll_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.Integer(), nullable=False),
        sa.Column('closes_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['contest_id'], ['contests.id']),
        sa.PrimaryKeyConstraint('poll_id'),
    )
    with op.batch_alter_table('contest_polls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contest_polls_contest_id'), ['contest_id'],
                              unique=False)
    op.create_table(
        'contest_answers',
        sa.Column('poll_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('correct', sa.Boolean(), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('answered_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['contest_id'], ['contests.id']),
        sa.PrimaryKeyConstraint('poll_id', 'user_id'),
    )
    with op.batch_alter_table('contest_answers', schema=None) as batch_op:
        batch_op.create_index('ix_contest_answers_contest', ['contest_id'], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('contest_answers', schema=None) as batch_op:
        batch_op.drop_index('ix_contest_answers_contest')
    op.drop_table('contest_answers')
    with op.batch_alter_table('contest_polls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contest_polls_contest_id'))
    op.drop_table('contest_polls')
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.drop_index('ix_contests_status_next_at')
        batch_op.drop_index('ix_contests_chat_status')
    op.drop_table('contests')
