"""covering index for the ledger: employee, end date, status, category, JP

Revision ID: 004
Revises: 003
Create Date: 2026-11-28 12:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "004"
down_revision: str | None = "003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = ["employee_id", "end_date"]
NEW = ["employee_id", "end_date", "status", "category", "jp"]


def upgrade() -> None:
    with op.batch_alter_table("jp_record", schema=None) as batch_op:
        batch_op.drop_index("ix_jp_record_employee_end")
        batch_op.create_index("ix_jp_record_employee_end", NEW, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("jp_record", schema=None) as batch_op:
        batch_op.drop_index("ix_jp_record_employee_end")
        batch_op.create_index("ix_jp_record_employee_end", OLD, unique=False)
