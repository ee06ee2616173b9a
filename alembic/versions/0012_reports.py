"""reports: opt-in, redacted messages from the public, reporter as a keyed hash

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-07 22:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reporter', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=4096), nullable=False),
        sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('scam_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('confidence', sa.Float(), nullable=False),
        sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('reporter', 'fingerprint', name='uq_reports_reporter_fp'),
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_fingerprint'), ['fingerprint'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_reporter'), ['reporter'], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_reporter'))
        batch_op.drop_index(batch_op.f('ix_reports_fingerprint'))
        batch_op.drop_index(batch_op.f('ix_reports_created_at'))
    op.drop_table('reports')
