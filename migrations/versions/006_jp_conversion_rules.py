"""jp conversion rules

Revision ID: 006
Revises: 005
Create Date: 2026-11-28 12:58:48.358633
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '006'
down_revision: str | None = '005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('jp_rule',
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=12), nullable=False),
    sa.Column('jp_national', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('jp_international', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('max_jp_per_day', sa.Numeric(precision=7, scale=2), nullable=True),
    sa.Column('max_sessions_per_month', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('category', name=op.f('pk_jp_rule'))
    )


def downgrade() -> None:
    op.drop_table('jp_rule')
