"""self check-in: codes, check-ins and wrong attempts; program minimum attendance;
evaluations; e-certificates

Revision ID: 012
Revises: 011
Create Date: 2026-12-05 14:06:10.593915
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '012'
down_revision: str | None = '011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('checkin_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin_attempt'))
    )
    with op.batch_alter_table('checkin_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_checkin_attempt_user_time', ['telegram_user_id', 'created_at'], unique=False)

    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=24), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_certificate_employee_id_employee')),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_certificate_enrollment_id_enrollment')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_certificate_program_id_program')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
    sa.UniqueConstraint('enrollment_id', name=op.f('uq_certificate_enrollment_id')),
    sa.UniqueConstraint('serial', name=op.f('uq_certificate_serial'))
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_employee_id'), ['employee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_program_id'), ['program_id'], unique=False)

    op.create_table('evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('material', sa.SmallInteger(), nullable=False),
    sa.Column('speakers', sa.SmallInteger(), nullable=False),
    sa.Column('organisation', sa.SmallInteger(), nullable=False),
    sa.Column('usefulness', sa.SmallInteger(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('material BETWEEN 1 AND 5', name=op.f('ck_evaluation_material_1_5')),
    sa.CheckConstraint('organisation BETWEEN 1 AND 5', name=op.f('ck_evaluation_organisation_1_5')),
    sa.CheckConstraint('speakers BETWEEN 1 AND 5', name=op.f('ck_evaluation_speakers_1_5')),
    sa.CheckConstraint('usefulness BETWEEN 1 AND 5', name=op.f('ck_evaluation_usefulness_1_5')),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_evaluation_enrollment_id_enrollment')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_evaluation_program_id_program')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation')),
    sa.UniqueConstraint('enrollment_id', name=op.f('uq_evaluation_enrollment_id'))
    )
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_program_id'), ['program_id'], unique=False)

    op.create_table('session_checkin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_session_checkin_enrollment_id_enrollment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['program_session.id'], name=op.f('fk_session_checkin_session_id_program_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_checkin')),
    sa.UniqueConstraint('session_id', 'enrollment_id', name=op.f('uq_session_checkin_session_id_enrollment_id'))
    )
    with op.batch_alter_table('session_checkin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_checkin_enrollment_id'), ['enrollment_id'], unique=False)

    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.add_column(sa.Column('min_attendance_pct', sa.Integer(), server_default='100', nullable=False))
        batch_op.add_column(sa.Column('evaluation_required', sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table('program_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkin_code', sa.String(length=12), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_program_session_checkin_code'), ['checkin_code'])



def downgrade() -> None:
    with op.batch_alter_table('program_session', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_program_session_checkin_code'), type_='unique')
        batch_op.drop_column('checkin_code')

    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_column('evaluation_required')
        batch_op.drop_column('min_attendance_pct')

    with op.batch_alter_table('session_checkin', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_checkin_enrollment_id'))

    op.drop_table('session_checkin')
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_program_id'))

    op.drop_table('evaluation')
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_program_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_employee_id'))

    op.drop_table('certificate')
    with op.batch_alter_table('checkin_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_checkin_attempt_user_time')

    op.drop_table('checkin_attempt')
