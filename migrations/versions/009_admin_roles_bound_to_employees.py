"""admin roles bound to the employee behind them; history of account links

Existing roles are bound to the employee their account is linked to now; existing links
start the history (their link time, or the account's creation when unknown).

Revision ID: 009
Revises: 008
Create Date: 2026-12-05 13:31:03.144542
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '009'
down_revision: str | None = '008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('account_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('unlinked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_account_link_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_link'))
    )
    with op.batch_alter_table('account_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_link_employee_id'), ['employee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_link_telegram_user_id'), ['telegram_user_id'], unique=False)

    with op.batch_alter_table('admin_role', schema=None) as batch_op:
        batch_op.add_column(sa.Column('employee_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_admin_role_employee_id'), ['employee_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_admin_role_employee_id_employee'), 'employee', ['employee_id'], ['id'])

    op.execute(
        "UPDATE admin_role SET employee_id = (SELECT a.employee_id FROM telegram_account a"
        " WHERE a.telegram_user_id = admin_role.telegram_user_id)"
    )
    op.execute(
        "INSERT INTO account_link (telegram_user_id, employee_id, linked_at)"
        " SELECT telegram_user_id, employee_id, COALESCE(linked_at, created_at)"
        " FROM telegram_account WHERE employee_id IS NOT NULL"
    )



def downgrade() -> None:
    with op.batch_alter_table('admin_role', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_admin_role_employee_id_employee'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_admin_role_employee_id'))
        batch_op.drop_column('employee_id')

    with op.batch_alter_table('account_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_link_telegram_user_id'))
        batch_op.drop_index(batch_op.f('ix_account_link_employee_id'))

    op.drop_table('account_link')
