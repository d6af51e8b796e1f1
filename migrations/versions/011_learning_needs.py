"""learning needs: the competency catalogue, programs' competencies, employees' needs
per JP year and the planning window

Revision ID: 011
Revises: 010
Create Date: 2026-12-03 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '011'
down_revision: str | None = '010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('competency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competency')),
    sa.UniqueConstraint('code', name=op.f('uq_competency_code'))
    )
    op.create_index(op.f('ix_competency_kind'), 'competency', ['kind'], unique=False)
    op.create_table('needs_window',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('closes_on >= opens_on', name=op.f('ck_needs_window_closes_after_opens')),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_needs_window'))
    )
    op.create_table('program_competency',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('competency_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competency_id'], ['competency.id'], name=op.f('fk_program_competency_competency_id_competency')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_competency_program_id_program'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', 'competency_id', name=op.f('pk_program_competency'))
    )
    op.create_index(op.f('ix_program_competency_competency_id'), 'program_competency', ['competency_id'], unique=False)
    op.create_table('learning_need',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('competency_id', sa.Integer(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('form', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('opd_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('priority BETWEEN 1 AND 3', name=op.f('ck_learning_need_priority_range')),
    sa.ForeignKeyConstraint(['competency_id'], ['competency.id'], name=op.f('fk_learning_need_competency_id_competency')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_learning_need_employee_id_employee')),
    sa.ForeignKeyConstraint(['opd_id'], ['opd.id'], name=op.f('fk_learning_need_opd_id_opd')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_need')),
    sa.UniqueConstraint('employee_id', 'year', 'competency_id', name=op.f('uq_learning_need_employee_id_year_competency_id'))
    )
    op.create_index(op.f('ix_learning_need_employee_id'), 'learning_need', ['employee_id'], unique=False)
    op.create_index(op.f('ix_learning_need_opd_id'), 'learning_need', ['opd_id'], unique=False)
    op.create_index('ix_learning_need_year_competency', 'learning_need', ['year', 'competency_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_learning_need_year_competency', table_name='learning_need')
    op.drop_index(op.f('ix_learning_need_opd_id'), table_name='learning_need')
    op.drop_index(op.f('ix_learning_need_employee_id'), table_name='learning_need')
    op.drop_table('learning_need')
    op.drop_index(op.f('ix_program_competency_competency_id'), table_name='program_competency')
    op.drop_table('program_competency')
    op.drop_table('needs_window')
    op.drop_index(op.f('ix_competency_kind'), table_name='competency')
    op.drop_table('competency')
