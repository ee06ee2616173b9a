"""weekly points

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 14:20:00
"""
import os
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    table = op.create_table(
        'weekly_points',
        sa.Column('week', sa.Date(), nullable=False),
        sa.Column('user_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('week', 'user_id'),
    )
    with op.batch_alter_table('weekly_points', schema=None) as batch_op:
        batch_op.create_index('ix_weekly_points_week_points', ['week', 'points'], unique=False)
    _backfill(table)


def _backfill(table: sa.Table) -> None:
    """Carry this week's round points over, so the weekly board is not empty after upgrading."""
    tz = ZoneInfo(os.environ.get("DEFAULT_TIMEZONE", "Asia/Shanghai"))
    local = datetime.now(UTC).astimezone(tz).date()
    week = local - timedelta(days=local.weekday())
    since = datetime.combine(week, datetime.min.time(), tzinfo=tz).astimezone(UTC)
    rows = op.get_bind().execute(sa.text(
        "select user_id, sum(points) from rounds where started_at >= :since"
        " group by user_id having sum(points) > 0"), {"since": since.replace(tzinfo=None)})
    data = [{"week": week, "user_id": uid, "points": int(pts)} for uid, pts in rows]
    if data:
        op.bulk_insert(table, data)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('weekly_points', schema=None) as batch_op:
        batch_op.drop_index('ix_weekly_points_week_points')
    op.drop_table('weekly_points')
