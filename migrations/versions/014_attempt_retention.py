"""wrong link and check-in codes: indexed by time, for the global guess count and the
daily purge of attempts older than their retention

Revision ID: 014
Revises: 013
Create Date: 2026-12-05 17:30:00.000000
"""

from collections.abc import Sequence

from alembic import op


revision: str = '014'
down_revision: str | None = '013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_link_attempt_created_at', 'link_attempt', ['created_at'], unique=False)
    op.create_index('ix_checkin_attempt_created_at', 'checkin_attempt', ['created_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_checkin_attempt_created_at', table_name='checkin_attempt')
    op.drop_index('ix_link_attempt_created_at', table_name='link_attempt')
