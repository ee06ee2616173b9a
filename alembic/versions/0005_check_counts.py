"""check counts

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 18:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'check_counts',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column('scam_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('day', 'kind', 'scam_type'),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('check_counts')
