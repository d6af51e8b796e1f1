"""dialogs and announcements

Revision ID: 007
Revises: 006
Create Date: 2026-11-28 15:27:02.229829
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '007'
down_revision: str | None = '006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('announcement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.Column('admin_chat_id', sa.BigInteger(), nullable=False),
    sa.Column('status_message_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('entities', sa.JSON(), nullable=False),
    sa.Column('media_kind', sa.String(length=10), nullable=True),
    sa.Column('media_file_id', sa.String(length=200), nullable=True),
    sa.Column('audience', sa.JSON(), nullable=False),
    sa.Column('scope_opd_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('unlinked', sa.Integer(), nullable=False),
    sa.Column('send_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_announcement'))
    )
    with op.batch_alter_table('announcement', schema=None) as batch_op:
        batch_op.create_index('ix_announcement_status', ['status'], unique=False)

    op.create_table('dialog',
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('flow', sa.String(length=20), nullable=False),
    sa.Column('step', sa.String(length=30), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('telegram_user_id', name=op.f('pk_dialog'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('announcement_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_outbox_announcement_status', ['announcement_id', 'status'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outbox_announcement_id_announcement'), 'announcement', ['announcement_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_announcement_id_announcement'), type_='foreignkey')
        batch_op.drop_index('ix_outbox_announcement_status')
        batch_op.drop_column('announcement_id')

    op.drop_table('dialog')
    with op.batch_alter_table('announcement', schema=None) as batch_op:
        batch_op.drop_index('ix_announcement_status')

    op.drop_table('announcement')
