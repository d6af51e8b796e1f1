"""initial schema

Revision ID: 001
Revises: 
Create Date: 2026-11-28 04:46:43.412818
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('link_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_attempt'))
    )
    with op.batch_alter_table('link_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_link_attempt_user_time', ['telegram_user_id', 'created_at'], unique=False)

    op.create_table('opd',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opd')),
    sa.UniqueConstraint('code', name=op.f('uq_opd_code')),
    sa.UniqueConstraint('name', name=op.f('uq_opd_name'))
    )
    op.create_table('admin_role',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('opd_id', sa.Integer(), nullable=True),
    sa.Column('granted_by', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['opd_id'], ['opd.id'], name=op.f('fk_admin_role_opd_id_opd')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_role')),
    sa.UniqueConstraint('telegram_user_id', 'role', 'opd_id', name=op.f('uq_admin_role_telegram_user_id_role_opd_id'))
    )
    with op.batch_alter_table('admin_role', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_role_telegram_user_id'), ['telegram_user_id'], unique=False)

    op.create_table('employee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('employee_type', sa.String(length=8), nullable=False),
    sa.Column('opd_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=200), nullable=True),
    sa.Column('position', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['opd_id'], ['opd.id'], name=op.f('fk_employee_opd_id_opd')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employee')),
    sa.UniqueConstraint('nip', name=op.f('uq_employee_nip'))
    )
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employee_opd_id'), ['opd_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_employee_phone'), ['phone'], unique=False)

    op.create_table('jp_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('jp', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('organiser', sa.String(length=200), nullable=True),
    sa.Column('certificate_number', sa.String(length=100), nullable=True),
    sa.Column('external_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_jp_record_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jp_record')),
    sa.UniqueConstraint('source', 'external_key', name=op.f('uq_jp_record_source_external_key'))
    )
    with op.batch_alter_table('jp_record', schema=None) as batch_op:
        batch_op.create_index('ix_jp_record_employee_end', ['employee_id', 'end_date'], unique=False)

    op.create_table('link_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('issued_by', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_link_code_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_code')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_link_code_code_hash'))
    )
    with op.batch_alter_table('link_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_link_code_employee_id'), ['employee_id'], unique=False)

    op.create_table('telegram_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_telegram_account_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_telegram_account')),
    sa.UniqueConstraint('employee_id', name=op.f('uq_telegram_account_employee_id')),
    sa.UniqueConstraint('telegram_user_id', name=op.f('uq_telegram_account_telegram_user_id'))
    )


def downgrade() -> None:
    op.drop_table('telegram_account')
    with op.batch_alter_table('link_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_link_code_employee_id'))

    op.drop_table('link_code')
    with op.batch_alter_table('jp_record', schema=None) as batch_op:
        batch_op.drop_index('ix_jp_record_employee_end')

    op.drop_table('jp_record')
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employee_phone'))
        batch_op.drop_index(batch_op.f('ix_employee_opd_id'))

    op.drop_table('employee')
    with op.batch_alter_table('admin_role', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_admin_role_telegram_user_id'))

    op.drop_table('admin_role')
    op.drop_table('opd')
    with op.batch_alter_table('link_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_link_attempt_user_time')

    op.drop_table('link_attempt')
