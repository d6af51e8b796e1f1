"""reminders: holidays, job runs, account preferences

Revision ID: 003
Revises: 002
Create Date: 2026-11-28 12:16:48.536610
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '003'
down_revision: str | None = '002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('holiday',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_holiday'))
    )
    op.create_table('job_run',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('last_run_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('runs', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_job_run'))
    )
    with op.batch_alter_table('telegram_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('blocked_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('behind_paused_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('session_reminders', sa.Boolean(), server_default=sa.true(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('telegram_account', schema=None) as batch_op:
        batch_op.drop_column('session_reminders')
        batch_op.drop_column('behind_paused_until')
        batch_op.drop_column('blocked_at')

    op.drop_table('job_run')
    op.drop_table('holiday')
