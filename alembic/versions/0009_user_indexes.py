"""user indexes for /mydata and /forget, the /mydata cooldown, update ids pruned by age

Revision ID: 0009
Revises: 0011
Create Date: 2026-12-07 21:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0009'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, index, columns): every column /mydata and /forget look a user up by.
INDEXES = (
    ('deliveries', 'ix_deliveries_user', ['user_id']),
    ('contest_answers', 'ix_contest_answers_user', ['user_id']),
    ('weekly_points', 'ix_weekly_points_user', ['user_id']),
    ('admin_actions', 'ix_admin_actions_admin_id', ['admin_id']),
    ('broadcasts', 'ix_broadcasts_created_by', ['created_by']),
    ('contests', 'ix_contests_started_by', ['started_by']),
    ('processed_updates', 'ix_processed_updates_handled_at', ['handled_at']),
)


def upgrade() -> None:
    """Apply this revision."""
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exported_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('exported_at')
    for table, name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
