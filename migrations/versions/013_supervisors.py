"""supervisors and leaders: employee.supervisor_id (the roster's nip_atasan),
telegram_account.monthly_digest (the leaders' digest can be switched off)

Revision ID: 013
Revises: 012
Create Date: 2026-12-05 14:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '013'
down_revision: str | None = '012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supervisor_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_employee_supervisor_id'), ['supervisor_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_employee_supervisor_id_employee'), 'employee',
                                    ['supervisor_id'], ['id'])
    with op.batch_alter_table('telegram_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('monthly_digest', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('telegram_account', schema=None) as batch_op:
        batch_op.drop_column('monthly_digest')
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_employee_supervisor_id_employee'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_employee_supervisor_id'))
        batch_op.drop_column('supervisor_id')
