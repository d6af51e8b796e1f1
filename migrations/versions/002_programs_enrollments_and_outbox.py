"""programs, enrollments and outbox

Revision ID: 002
Revises: 001
Create Date: 2026-11-28 11:27:29.760241
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '002'
down_revision: str | None = '001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('program',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('jp', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('online_url', sa.String(length=500), nullable=True),
    sa.Column('organiser', sa.String(length=200), nullable=True),
    sa.Column('quota', sa.Integer(), nullable=False),
    sa.Column('registration_opens_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('registration_closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('seats_taken', sa.Integer(), nullable=False),
    sa.Column('queue_counter', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('quota >= 0', name=op.f('ck_program_quota_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program')),
    sa.UniqueConstraint('code', name=op.f('uq_program_code'))
    )
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.create_index('ix_program_status_starts', ['status', 'starts_at'], unique=False)

    op.create_table('program_opd',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('opd_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['opd_id'], ['opd.id'], name=op.f('fk_program_opd_opd_id_opd')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_opd_program_id_program'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', 'opd_id', name=op.f('pk_program_opd'))
    )
    with op.batch_alter_table('program_opd', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_opd_opd_id'), ['opd_id'], unique=False)

    op.create_table('program_position_type',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('position_type', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_position_type_program_id_program'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', 'position_type', name=op.f('pk_program_position_type'))
    )
    op.create_table('program_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_program_session_ends_after_start')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_session_program_id_program'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_session'))
    )
    with op.batch_alter_table('program_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_session_program_id'), ['program_id'], unique=False)

    op.create_table('enrollment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('queue_no', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_enrollment_employee_id_employee')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_enrollment_program_id_program'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollment')),
    sa.UniqueConstraint('program_id', 'employee_id', name=op.f('uq_enrollment_program_id_employee_id'))
    )
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index('ix_enrollment_employee_status', ['employee_id', 'status'], unique=False)
        batch_op.create_index('ix_enrollment_program_status_queue', ['program_id', 'status', 'queue_no'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=True),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_outbox_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_outbox_dedupe_key'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_employee_id'), ['employee_id'], unique=False)
        batch_op.create_index('ix_outbox_status_due', ['status', 'due_at'], unique=False)

    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position_type', sa.String(length=16), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.drop_column('position_type')

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_status_due')
        batch_op.drop_index(batch_op.f('ix_outbox_employee_id'))

    op.drop_table('outbox')
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index('ix_enrollment_program_status_queue')
        batch_op.drop_index('ix_enrollment_employee_status')

    op.drop_table('enrollment')
    with op.batch_alter_table('program_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_session_program_id'))

    op.drop_table('program_session')
    op.drop_table('program_position_type')
    with op.batch_alter_table('program_opd', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_opd_opd_id'))

    op.drop_table('program_opd')
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_index('ix_program_status_starts')

    op.drop_table('program')
