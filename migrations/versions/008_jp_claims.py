"""reported training claims (jp_claim)

Revision ID: 008
Revises: 007
Create Date: 2026-11-28 15:32:00.182791
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '008'
down_revision: str | None = '007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('jp_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jp_record_id', sa.Integer(), nullable=False),
    sa.Column('evidence_file_id', sa.String(length=200), nullable=False),
    sa.Column('evidence_unique_id', sa.String(length=100), nullable=False),
    sa.Column('evidence_kind', sa.String(length=10), nullable=False),
    sa.Column('international', sa.Boolean(), nullable=False),
    sa.Column('unit', sa.String(length=12), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('proposed_jp', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('working', sa.JSON(), nullable=False),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reviewed_by', sa.String(length=40), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision', sa.String(length=10), nullable=True),
    sa.Column('reject_reason', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['jp_record.id'], name=op.f('fk_jp_claim_duplicate_of_id_jp_record')),
    sa.ForeignKeyConstraint(['jp_record_id'], ['jp_record.id'], name=op.f('fk_jp_claim_jp_record_id_jp_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jp_claim')),
    sa.UniqueConstraint('jp_record_id', name=op.f('uq_jp_claim_jp_record_id'))
    )
    with op.batch_alter_table('jp_claim', schema=None) as batch_op:
        batch_op.create_index('ix_jp_claim_decision_id', ['decision', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('jp_claim', schema=None) as batch_op:
        batch_op.drop_index('ix_jp_claim_decision_id')

    op.drop_table('jp_claim')
