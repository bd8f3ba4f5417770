"""handover batches

集中时段交接: one batch per department per slot, the cases on its sheet, scanned and confirmed.

Revision ID: 0006_handover_batches
Revises: 0005_sync_outbox
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_handover_batches'
down_revision = '0005_sync_outbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('handover_batch',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('hall', sa.String(length=16), nullable=False),
    sa.Column('window', sa.String(length=16), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('slot', sa.String(length=5), nullable=False),
    sa.Column('department', sa.String(length=64), nullable=False),
    sa.Column('department_name', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('clerk', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('confirmed_by', sa.String(length=64), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_batch')),
    sa.UniqueConstraint('code', name=op.f('uq_handover_batch_code')),
    sa.UniqueConstraint('hall', 'window', 'day', 'slot', 'department', name=op.f('uq_handover_batch_hall_window_day_slot_department'))
    )
    with op.batch_alter_table('handover_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_batch_day'), ['day'], unique=False)

    op.create_table('handover_case',
    sa.Column('batch_id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('scanned_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['handover_batch.id'], name=op.f('fk_handover_case_batch_id_handover_batch'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], name=op.f('fk_handover_case_case_id_case_record'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('batch_id', 'case_id', name=op.f('pk_handover_case'))
    )
    with op.batch_alter_table('handover_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_case_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('handover_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_case_case_id'))

    op.drop_table('handover_case')
    with op.batch_alter_table('handover_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_batch_day'))

    op.drop_table('handover_batch')
