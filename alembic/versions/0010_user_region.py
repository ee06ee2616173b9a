"""users.region: where the user is, for help lines (None: from the language)

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-07 22:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=8),
                                   nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('users') as batch:
        batch.drop_column('region')
